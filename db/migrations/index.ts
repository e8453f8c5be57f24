import type { Migration } from 'kysely';
import * as connectionsPreferences from './2026-11-23-01-connections-preferences';
import * as historySavedWorkspace from './2026-11-23-02-history-saved-workspace';
import * as connectionPoolSettings from './2026-11-23-03-connection-pool-settings';
import * as connectionCleartextPassword from './2026-11-24-01-connection-cleartext-password';
import * as workspaceTabs from './2026-11-30-01-workspace-tabs';
import * as connectionColor from './2026-11-30-02-connection-color';
import * as workspaceTabKind from './2026-12-01-01-workspace-tab-kind';
import * as connectionProduction from './2026-12-07-01-connection-production';

/**
 * Every migration by name; names are date-prefixed and run in their sort order. Bundled
 * statically (no folder scan), so the packaged app carries them. Never edit a migration
 * that has shipped: add a new one.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23-01-connections-preferences': connectionsPreferences,
  '2026-11-23-02-history-saved-workspace': historySavedWorkspace,
  '2026-11-23-03-connection-pool-settings': connectionPoolSettings,
  '2026-11-24-01-connection-cleartext-password': connectionCleartextPassword,
  '2026-11-30-01-workspace-tabs': workspaceTabs,
  '2026-11-30-02-connection-color': connectionColor,
  '2026-12-01-01-workspace-tab-kind': workspaceTabKind,
  '2026-12-07-01-connection-production': connectionProduction,
};
