import { appInfo, type AppInfo } from './app-info';
import type { DatabaseHealth } from './local-database';

/** FR-010: what `app.health` reports. Later issues add keychain and pools. */
export interface Health extends AppInfo {
  uptimeMs: number;
  /** Where today's log file is, or null when logging to the console only. */
  logDir: string | null;
  /** The data folder, or null when it could not be used (then storage is in memory). */
  dataDir: string | null;
  /** The local database's state (FR-013). */
  storage: DatabaseHealth;
}

/** Inputs of {@link buildHealth}. */
export interface HealthSources {
  startedAt: number;
  logDir: string | null;
  dataDir: string | null;
  storage(): DatabaseHealth;
}

/** Builds the health report now; never throws. */
export function buildHealth(sources: HealthSources, now = Date.now()): Health {
  return {
    ...appInfo(),
    uptimeMs: now - sources.startedAt,
    logDir: sources.logDir,
    dataDir: sources.dataDir,
    storage: sources.storage(),
  };
}
