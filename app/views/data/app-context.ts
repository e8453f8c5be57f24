import { createContext } from '@lit/context';
import type { TuskClient } from '../client';
import type { ActivityStore } from './activity-store';
import type { ConnectionsStore } from './connections-store';
import type { EditsStore } from './edits-store';
import type { HealthStore } from './health-store';
import type { LibraryStore } from './library-store';
import type { NoticesStore } from './notices-store';
import type { PreferencesStore } from './preferences-store';
import type { RunsStore } from './runs-store';
import type { SchemaStore } from './schema-store';
import type { SchemaCompletionStore } from './schema-completion';
import type { TabsStore } from './tabs-store';
import type { TransfersStore } from './transfers-store';
import type { WorkspaceStore } from './workspace-store';

/** The view-side stores, made once by the shell and shared with every component. */
export interface AppServices {
  client: TuskClient;
  connections: ConnectionsStore;
  preferences: PreferencesStore;
  workspace: WorkspaceStore;
  notices: NoticesStore;
  health: HealthStore;
  tabs: TabsStore;
  runs: RunsStore;
  /** The pending edits of the tabs' results. */
  edits: EditsStore;
  library: LibraryStore;
  schema: SchemaStore;
  /** The editor's completion and hover (`schema.complete`, `schema.at`). */
  completion: SchemaCompletionStore;
  /** The exports and imports under way or just ended. */
  transfers: TransfersStore;
  /** The server activity of the connections watched (`activity.*`). */
  activity: ActivityStore;
}

/** How components reach the {@link AppServices} (`ContextConsumer` with this key). */
export const servicesContext = createContext<AppServices>(Symbol('tusk-services'));
