import type {
  ActivitySample,
  ActivitySession,
  BlockingEntry,
  ErrorInfo,
} from '../../controllers/api';
import { RequestError, type TuskClient } from '../client';
import { Store } from './store';

/** How long samples are kept for the charts, ms. */
export const CHART_WINDOW_MS = 5 * 60 * 1000;

/** What a watched connection shows: its latest sessions and blocking, and its samples. */
export interface WatchedActivity {
  /** Samples of the last {@link CHART_WINDOW_MS}, oldest first. */
  samples: ActivitySample[];
  sessions: ActivitySession[];
  blocking: BlockingEntry[];
  intervalMs: number;
  /** Watching now (false while paused or hidden). */
  watching: boolean;
  error: ErrorInfo | null;
}

const EMPTY: WatchedActivity = {
  samples: [],
  sessions: [],
  blocking: [],
  intervalMs: 1000,
  watching: false,
  error: null,
};

/**
 * The server activity of the connections the views watch (`activity.watch`), keyed by
 * connection id (change keys are the ids). A connection is watched while at least one
 * view asks for it ({@link watch} returns the function that gives it up); a hidden view
 * gives it up, so nothing samples what nobody sees. Samples older than five minutes are
 * dropped.
 */
export class ActivityStore extends Store<Record<string, WatchedActivity>> {
  readonly #client: TuskClient;
  readonly #watchers = new Map<string, number>();

  constructor(client: TuskClient) {
    super({});
    this.#client = client;
    client.on('activity.sample', (sample) => {
      const before = this.of(sample.connectionId);
      if (!this.#watchers.get(sample.connectionId)) return;
      const since = Date.parse(sample.at) - CHART_WINDOW_MS;
      const samples = [...before.samples.filter((s) => Date.parse(s.at) >= since), sample];
      this.#put(sample.connectionId, {
        ...before,
        samples,
        sessions: sample.sessions,
        blocking: sample.blocking,
        error: null,
      });
    });
  }

  /** What connection `connectionId` shows now. */
  of(connectionId: string): WatchedActivity {
    return this.value[connectionId] ?? EMPTY;
  }

  /**
   * Watches `connectionId` every `intervalMs` (a second watcher at another rate changes it
   * for both); resolves with the function that gives this watch up.
   */
  async watch(
    connectionId: string,
    intervalMs = this.of(connectionId).intervalMs,
  ): Promise<() => void> {
    this.#watchers.set(connectionId, (this.#watchers.get(connectionId) ?? 0) + 1);
    try {
      await this.#client.call('activity.watch', { connectionId, intervalMs });
      this.#put(connectionId, {
        ...this.of(connectionId),
        intervalMs,
        watching: true,
        error: null,
      });
    } catch (error) {
      this.#put(connectionId, { ...this.of(connectionId), watching: false, error: infoOf(error) });
    }
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.#watchers.get(connectionId) ?? 1) - 1;
      this.#watchers.set(connectionId, left);
      if (left > 0) return;
      this.#put(connectionId, { ...this.of(connectionId), watching: false });
      void this.#client.call('activity.unwatch', { connectionId }).catch(() => undefined);
    };
  }

  #put(connectionId: string, watched: WatchedActivity): void {
    this.set({ ...this.value, [connectionId]: watched }, [connectionId]);
  }
}

function infoOf(error: unknown): ErrorInfo {
  return error instanceof RequestError
    ? error.info
    : { kind: 'internal', message: String(error), hint: 'Try again.' };
}
