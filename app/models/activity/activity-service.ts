import type {
  ActivitySample,
  ActivitySnapshot,
  DatabaseReport,
  ServerSetting,
  StatementsReport,
} from '../../common/activity-shapes';
import type { LiveConnections } from '../connections/live-connections';
import { TuskError } from '../errors/errors';
import type { TabSessions } from '../sessions/tab-sessions';

/** Sampling intervals a view may ask for, ms. */
export const WATCH_INTERVAL = { min: 500, max: 60_000, default: 1000 } as const;

/** What {@link ActivityService} needs. */
export interface ActivityServiceOptions {
  live: LiveConnections;
  /** The tabs' sessions (their pids are Tusk's own). */
  tabs: TabSessions;
  /** Pushes `activity.sample` to every view. */
  emit(event: 'activity.sample', payload: ActivitySample): void;
}

/**
 * A server's activity, cheaply: each connection's sampler is a long-lived session of its
 * own (outside the pool, which may be full of the very queries being diagnosed), with a
 * statement timeout of its own; one round trip per sample, set-based catalog queries.
 * SKELETON (issue 29 contract): every method rejects until the model helper builds it.
 */
export class ActivityService {
  constructor(options: ActivityServiceOptions) {
    void options;
  }

  /** `activity.snapshot`: sessions, who blocks whom, locks, now. */
  snapshot(connectionId: string): Promise<ActivitySnapshot> {
    return notYet(connectionId);
  }

  /**
   * `activity.watch`: samples every `intervalMs` and pushes `activity.sample` until
   * {@link unwatch} (a second watch changes the interval). The views unwatch while hidden.
   */
  watch(connectionId: string, intervalMs: number): Promise<{ intervalMs: number }> {
    void intervalMs;
    return notYet(connectionId);
  }

  /** `activity.unwatch`: stops sampling (the sampler session closes). */
  unwatch(connectionId: string): { watching: boolean } {
    void connectionId;
    return { watching: false };
  }

  /** `activity.cancel`: `pg_cancel_backend(pid)`. */
  cancel(connectionId: string, pid: number): Promise<{ signalled: boolean }> {
    void pid;
    return notYet(connectionId);
  }

  /** `activity.terminate`: `pg_terminate_backend(pid)`. */
  terminate(connectionId: string, pid: number): Promise<{ signalled: boolean }> {
    void pid;
    return notYet(connectionId);
  }

  /** `activity.statements`: `pg_stat_statements`' top statements, or how to enable it. */
  statements(connectionId: string): Promise<StatementsReport> {
    return notYet(connectionId);
  }

  /** `activity.database`: sizes, unused indexes, dead tuples, replication. */
  database(connectionId: string): Promise<DatabaseReport> {
    return notYet(connectionId);
  }

  /** `activity.settings`: `pg_settings`, those changed from their defaults first. */
  settings(connectionId: string): Promise<ServerSetting[]> {
    return notYet(connectionId);
  }

  /** Stops every watch (the backend stops). */
  async close(): Promise<void> {}
}

function notYet<T>(connectionId: string): Promise<T> {
  void connectionId;
  return Promise.reject(new TuskError('internal', 'Server activity is not built yet'));
}
