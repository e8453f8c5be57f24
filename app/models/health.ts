import { appInfo, type AppInfo } from './app-info';

/** FR-010: what `app.health` reports. Later issues add storage, keychain and pools. */
export interface Health extends AppInfo {
  uptimeMs: number;
  /** Where today's log file is, or null when logging to the console only. */
  logDir: string | null;
  dataDir: string;
}

/** Inputs of {@link buildHealth}. */
export interface HealthSources {
  startedAt: number;
  logDir: string | null;
  dataDir: string;
}

/** Builds the health report now; never throws. */
export function buildHealth(sources: HealthSources, now = Date.now()): Health {
  return {
    ...appInfo(),
    uptimeMs: now - sources.startedAt,
    logDir: sources.logDir,
    dataDir: sources.dataDir,
  };
}
