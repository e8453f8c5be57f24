import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ErrorInfo } from '../../controllers/api';
import { RequestError } from '../client';

/** A report section's state: not asked yet, loading, loaded, or failed. */
export type ReportState<T> =
  | { state: 'idle' }
  | { state: 'loading'; previous: T | null }
  | { state: 'loaded'; report: T; at: number }
  | { state: 'failed'; error: ErrorInfo };

/**
 * Loads a report (`activity.statements`, `.database`, `.settings`) of the host's connection:
 * when the connection id it reads changes, and again on {@link load} (Refresh). An answer
 * for a connection the host no longer shows is dropped. The host re-renders on each state.
 */
export class ReportLoader<T> implements ReactiveController {
  state: ReportState<T> = { state: 'idle' };
  readonly #host: ReactiveControllerHost;
  readonly #connectionId: () => string;
  readonly #fetch: (connectionId: string) => Promise<T> | undefined;
  #asked = '';

  constructor(
    host: ReactiveControllerHost,
    connectionId: () => string,
    fetch: (connectionId: string) => Promise<T> | undefined,
  ) {
    this.#host = host;
    this.#connectionId = connectionId;
    this.#fetch = fetch;
    host.addController(this);
  }

  hostUpdate(): void {
    const id = this.#connectionId();
    if (id && id !== this.#asked) void this.load();
  }

  /** Asks for the report again (the previous one stays shown while it loads). */
  async load(): Promise<void> {
    const id = this.#connectionId();
    const pending = id ? this.#fetch(id) : undefined;
    if (!pending) return;
    this.#asked = id;
    const previous = this.state.state === 'loaded' ? this.state.report : null;
    this.#set({ state: 'loading', previous });
    try {
      const report = await pending;
      if (this.#asked === id) this.#set({ state: 'loaded', report, at: Date.now() });
    } catch (error) {
      if (this.#asked !== id) return;
      this.#set({
        state: 'failed',
        error:
          error instanceof RequestError
            ? error.info
            : { kind: 'internal', message: String(error), hint: 'Try again.' },
      });
    }
  }

  /** The report to show: the loaded one, or the one shown before a reload. */
  get report(): T | null {
    if (this.state.state === 'loaded') return this.state.report;
    return this.state.state === 'loading' ? this.state.previous : null;
  }

  #set(state: ReportState<T>): void {
    this.state = state;
    this.#host.requestUpdate();
  }
}
