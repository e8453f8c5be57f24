import { appInfo, type AppInfo } from './app-info';
import type { CredentialStatus } from '../credentials/credentials';
import type { LiveStatus } from '../connections/live-connections';
import type { ResultsMemory } from '../queries/result-budget';
import type { DatabaseHealth } from '../storage/local-database';

/** FR-010: what `app.health` reports. */
export interface Health extends AppInfo {
  uptimeMs: number;
  /** Where today's log file is, or null when logging to the console only. */
  logDir: string | null;
  /** The data folder, or null when it could not be used (then storage is in memory). */
  dataDir: string | null;
  /** True when the data folder is the portable `tusk-data` next to the app. */
  portable: boolean;
  /** The local database's state (FR-013). */
  storage: DatabaseHealth;
  /** Where passwords go: the OS keychain, or this session only (and why). */
  credentials: CredentialStatus;
  /** The open connections and their pools, as `connections.status` reports them. */
  pools: LiveStatus[];
  /** Memory of query results: held, spare chunks kept for reuse, chunks made and reused. */
  results: ResultsMemory;
}

/** Inputs of {@link buildHealth}. */
export interface HealthSources {
  startedAt: number;
  logDir: string | null;
  dataDir: string | null;
  portable: boolean;
  storage(): DatabaseHealth;
  credentials(): CredentialStatus;
  pools(): LiveStatus[];
  results(): ResultsMemory;
}

/** Builds the health report now; never throws. */
export function buildHealth(sources: HealthSources, now = Date.now()): Health {
  return {
    ...appInfo(),
    uptimeMs: now - sources.startedAt,
    logDir: sources.logDir,
    dataDir: sources.dataDir,
    portable: sources.portable,
    storage: sources.storage(),
    credentials: sources.credentials(),
    pools: sources.pools(),
    results: sources.results(),
  };
}
