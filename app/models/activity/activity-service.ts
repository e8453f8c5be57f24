import type {
  ActivitySample,
  ActivitySnapshot,
  DatabaseReport,
  ServerSetting,
  StatementsReport,
} from '../../common/activity-shapes';
import type { ConnectionPool } from '../connections/connection-pool';
import type { LiveConnections } from '../connections/live-connections';
import { runError } from '../connections/pool-errors';
import { TuskError } from '../errors/errors';
import type { TabSessions } from '../sessions/tab-sessions';
import { readActivity } from './activity-read';
import { majorOf } from './activity-queries';
import { databaseReport } from './database-report';
import { Sampler, SAMPLE_TIMEOUT_MS } from './sampler';
import { serverSettings } from './settings';
import { signalBackend } from './signals';
import { topStatements } from './statements';

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
 * A server's activity, cheaply: each watched connection's {@link Sampler} is a long-lived
 * session of its own (outside the pool, which may be full of the very queries being
 * diagnosed), with a statement timeout of its own; one round trip per sample, set-based
 * catalog queries. A snapshot and a signal run on a session of their own too (never a
 * tab's); statements, database and settings on the pool. Tusk's own sessions (its pool's,
 * its tabs', the sampler's) are marked `tusk`. Behind a transaction pooler the sessions are
 * the pooler's server connections, and only the sampler's current one is known as Tusk's.
 */
export class ActivityService {
  readonly #live: LiveConnections;
  readonly #tabs: TabSessions;
  readonly #emit: ActivityServiceOptions['emit'];
  readonly #samplers = new Map<string, Sampler>();
  /** Watches being started: a second watch meanwhile shares it. */
  readonly #starting = new Map<string, Promise<{ intervalMs: number }>>();

  /** Its watches stop when their connection closes, however it closes. */
  constructor(options: ActivityServiceOptions) {
    this.#live = options.live;
    this.#tabs = options.tabs;
    this.#emit = options.emit;
    options.live.onClose((connectionId) => this.#stop(connectionId));
  }

  /**
   * `activity.snapshot`: sessions, who blocks whom, every lock, now; read on the sampler's
   * session while watched, else on a session of its own opened for it.
   * @throws TuskError `connection` when the connection is not open; the server's error.
   */
  async snapshot(connectionId: string): Promise<ActivitySnapshot> {
    const pool = this.#pool(connectionId);
    const tusk = () => this.#tusk(connectionId, pool);
    try {
      const sampler = this.#samplers.get(connectionId);
      const read = sampler
        ? await sampler.read(true)
        : await onOwnSession(pool, (session) =>
            readActivity(session, majorOf(pool.server.serverVersion), { locks: true, tusk }),
          );
      return { at: read.at, sessions: read.sessions, blocking: read.blocking, locks: read.locks };
    } catch (error) {
      throw runError(error, undefined, pool.closed, pool.target);
    }
  }

  /**
   * `activity.watch`: samples every `intervalMs` and pushes `activity.sample` until
   * {@link unwatch} (a second watch changes the interval). The first sample is pushed at
   * once (its rates zero). The views unwatch while hidden.
   * @throws TuskError `connection` when the connection is not open; what the first sample
   *   threw (then nothing is watched).
   */
  async watch(connectionId: string, intervalMs: number): Promise<{ intervalMs: number }> {
    const pool = this.#pool(connectionId);
    const starting = this.#starting.get(connectionId);
    if (starting) await starting.catch(() => undefined);
    const running = this.#samplers.get(connectionId);
    if (running) {
      running.setInterval(intervalMs);
      return { intervalMs };
    }
    const sampler = new Sampler({
      connectionId,
      pool,
      intervalMs,
      tusk: () => this.#tusk(connectionId, pool),
      emit: (sample) => this.#emit('activity.sample', sample),
    });
    this.#samplers.set(connectionId, sampler);
    const start = sampler.start().then(
      () => ({ intervalMs }),
      async (error: unknown) => {
        if (this.#samplers.get(connectionId) === sampler) this.#samplers.delete(connectionId);
        await sampler.stop();
        throw runError(error, undefined, pool.closed, pool.target);
      },
    );
    this.#starting.set(connectionId, start);
    try {
      return await start;
    } finally {
      this.#starting.delete(connectionId);
    }
  }

  /** `activity.unwatch`: stops sampling (the sampler session closes). */
  unwatch(connectionId: string): { watching: boolean } {
    void this.#stop(connectionId);
    return { watching: false };
  }

  /** True while `connectionId` is watched (for specs and health). */
  watching(connectionId: string): boolean {
    return this.#samplers.has(connectionId);
  }

  /** The pid of a watched connection's sampler session while logged in. */
  samplerPid(connectionId: string): number | undefined {
    return this.#samplers.get(connectionId)?.pid;
  }

  /** `activity.cancel`: `pg_cancel_backend(pid)`. @throws see signalBackend. */
  cancel(connectionId: string, pid: number): Promise<{ signalled: boolean }> {
    return signalBackend(this.#pool(connectionId), pid, 'cancel');
  }

  /** `activity.terminate`: `pg_terminate_backend(pid)`. @throws see signalBackend. */
  terminate(connectionId: string, pid: number): Promise<{ signalled: boolean }> {
    return signalBackend(this.#pool(connectionId), pid, 'terminate');
  }

  /** `activity.statements`: `pg_stat_statements`' top statements, or how to enable it. */
  statements(connectionId: string): Promise<StatementsReport> {
    return this.#pool(connectionId).run((db) => topStatements(db));
  }

  /** `activity.database`: sizes, unused indexes, dead tuples, replication. */
  database(connectionId: string): Promise<DatabaseReport> {
    return this.#pool(connectionId).run((db) => databaseReport(db));
  }

  /** `activity.settings`: `pg_settings`, those changed from their defaults first. */
  settings(connectionId: string): Promise<ServerSetting[]> {
    return this.#pool(connectionId).run((db) => serverSettings(db));
  }

  /** Stops every watch (the backend stops). */
  async close(): Promise<void> {
    await Promise.all([...this.#samplers.keys()].map((id) => this.#stop(id)));
  }

  async #stop(connectionId: string): Promise<void> {
    const sampler = this.#samplers.get(connectionId);
    if (!sampler) return;
    this.#samplers.delete(connectionId);
    await sampler.stop();
  }

  #tusk(connectionId: string, pool: ConnectionPool): number[] {
    const pids = [...pool.pids(), ...this.#tabs.pids(connectionId)];
    const sampler = this.#samplers.get(connectionId)?.pid;
    // Behind a transaction pooler these are the pooler's keys: they name no server backend.
    return pool.transactionPooler ? [] : sampler === undefined ? pids : [...pids, sampler];
  }

  #pool(connectionId: string): ConnectionPool {
    const pool = this.#live.pool(connectionId);
    if (!pool) {
      throw new TuskError('connection', 'This connection is not open', {
        code: 'CONNECTION_NOT_OPEN',
        hint: 'Connect to it first (connections.connect), then open its activity.',
      });
    }
    return pool;
  }
}

/** `work` on a session of its own (the sampler's statement timeout), ended afterwards. */
async function onOwnSession<T>(
  pool: ConnectionPool,
  work: (session: ReturnType<ConnectionPool['ownSession']>) => Promise<T>,
): Promise<T> {
  const session = pool.ownSession(SAMPLE_TIMEOUT_MS);
  try {
    return await work(session);
  } finally {
    await session.end(1);
  }
}
