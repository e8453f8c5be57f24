import type { ActivitySample } from '../../common/activity-shapes';
import type { ConnectionPool } from '../connections/connection-pool';
import type { PoolSession } from '../connections/pool-session';
import { getLogger } from '../logging/logging';
import { readActivity, statsOf, type ActivityRead } from './activity-read';
import { majorOf } from './activity-queries';

const log = getLogger('activity');

/** The sampler session's statement_timeout: a sample is small; a stuck one must not linger. */
export const SAMPLE_TIMEOUT_MS = 5000;

/** What a {@link Sampler} needs. */
export interface SamplerOptions {
  connectionId: string;
  pool: ConnectionPool;
  intervalMs: number;
  /** Pids of Tusk's other sessions of the connection (its pool's, its tabs'). */
  tusk(): Iterable<number>;
  emit(sample: ActivitySample): void;
}

/**
 * One watched connection: a long-lived session of its own (outside the pool and its
 * cleanup, `statement_timeout` {@link SAMPLE_TIMEOUT_MS} at login), one timer, one round
 * trip per tick. A tick while the previous sample still runs is skipped; a sample that
 * fails emits nothing and the next tick tries again (the session logs in anew when its
 * connection was lost). Rates are per second since the previous sample.
 */
export class Sampler {
  readonly #options: SamplerOptions;
  readonly #session: PoolSession;
  readonly #major: number;
  #timer: NodeJS.Timeout | undefined;
  #intervalMs: number;
  #busy = false;
  #stopped = false;
  #failing = false;
  #previous: Pick<ActivityRead, 'at' | 'counters'> | null = null;

  constructor(options: SamplerOptions) {
    this.#options = options;
    this.#intervalMs = options.intervalMs;
    this.#major = majorOf(options.pool.server.serverVersion);
    this.#session = options.pool.ownSession(SAMPLE_TIMEOUT_MS);
  }

  /** The sampling interval, ms. */
  get intervalMs(): number {
    return this.#intervalMs;
  }

  /** The sampler session's backend pid while logged in (behind a pooler: the pooler's). */
  get pid(): number | undefined {
    return this.#session.pid;
  }

  /**
   * Takes the first sample (pushed, its rates zero: there is no previous one), then one
   * every `intervalMs`. @throws what the first sample threw (nothing keeps running then).
   */
  async start(): Promise<void> {
    await this.#sample(true);
    this.#schedule();
  }

  /** Samples every `ms` from now on. */
  setInterval(ms: number): void {
    this.#intervalMs = ms;
    if (this.#timer) this.#schedule();
  }

  /** Reads once on the sampler's session (with every lock: a snapshot). */
  read(locks: boolean): Promise<ActivityRead> {
    return readActivity(this.#session, this.#major, { locks, tusk: this.#options.tusk });
  }

  /** Stops the timer and ends the session. Idempotent. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#session.end(1);
  }

  #schedule(): void {
    clearInterval(this.#timer);
    if (this.#stopped) return;
    this.#timer = setInterval(() => void this.#sample(false), this.#intervalMs);
    this.#timer.unref();
  }

  async #sample(first: boolean): Promise<void> {
    if (this.#busy || this.#stopped) return;
    this.#busy = true;
    const { connectionId } = this.#options;
    try {
      const read = await this.read(false);
      if (this.#stopped) return;
      const stats = statsOf(read, this.#previous);
      this.#previous = { at: read.at, counters: read.counters };
      if (this.#failing) log.info(`activity of ${connectionId}: sampling again`);
      this.#failing = false;
      const { at, sessions, blocking } = read;
      this.#options.emit({ connectionId, at, stats, sessions, blocking });
    } catch (error) {
      if (first) throw error;
      // Said once per failing streak; the next tick tries again.
      if (!this.#failing) {
        log.warn(`activity of ${connectionId}: a sample failed: ${(error as Error).message}`);
      }
      this.#failing = true;
    } finally {
      this.#busy = false;
    }
  }
}
