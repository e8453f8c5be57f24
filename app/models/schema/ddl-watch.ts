import type { FinishedRun } from '../queries/query-service';

/** How long after DDL the catalog is reloaded: a script's statements make one reload. */
export const RELOAD_DELAY_MS = 100;

interface TabState {
  /** Its transaction is open (or failed) since its last run. */
  open: boolean;
  /** DDL ran in that transaction: it counts once it commits. */
  dirty: boolean;
}

const BEGINS = new Set(['BEGIN', 'START TRANSACTION']);

/**
 * Hears the runs of user SQL and decides when a connection's catalog is stale: after DDL
 * that committed. DDL outside a transaction counts at once; inside a tab's open
 * transaction once it commits (`COMMIT`, or a run ending with the session idle); a
 * rollback (or a lost session, or a pool session's run, which is rolled back after it)
 * drops it. A connection's reloads are debounced (~100 ms).
 */
export class DdlWatch {
  readonly #tabs = new Map<string, TabState>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #reload: (connectionId: string) => void;
  readonly #delayMs: number;

  /** `reload` is called once the delay has passed after the last DDL that counts. */
  constructor(reload: (connectionId: string) => void, delayMs = RELOAD_DELAY_MS) {
    this.#reload = reload;
    this.#delayMs = delayMs;
  }

  /** A run ended (whichever way): follows its transaction statement by statement. */
  runFinished(run: FinishedRun): void {
    const key = run.tabId === undefined ? null : `${run.connectionId}\n${run.tabId}`;
    const before = key === null ? undefined : this.#tabs.get(key);
    let open = before?.open ?? false;
    let dirty = before?.dirty ?? false;
    let changed = false;
    for (const s of run.statements) {
      if (s.command === null) continue; // did not complete
      if (BEGINS.has(s.command)) {
        open = true;
      } else if (s.ends) {
        // A failed transaction's COMMIT is tagged ROLLBACK: nothing committed.
        if (s.commits && s.command === 'COMMIT' && dirty) changed = true;
        open = false;
        dirty = false;
      } else if (s.command === 'COMMIT PREPARED') {
        changed = true; // a prepared transaction's DDL, committed now
      } else if (s.kind === 'ddl') {
        if (open) dirty = true;
        else changed = true;
      }
    }
    if (key === null) {
      // A pool session is rolled back after its run: an open transaction's DDL is gone.
    } else if (run.transaction === 'idle') {
      // Ended idle while the statements left it open: a procedure committed (CALL).
      if (open && dirty) changed = true;
      this.#tabs.delete(key);
    } else {
      this.#tabs.set(key, { open: true, dirty });
    }
    if (changed) this.#schedule(run.connectionId);
  }

  /**
   * A tab's session ended: closed with its transaction committed (`committed`), rolled
   * back, or lost. DDL waiting for its commit counts when it committed.
   */
  tabEnded(connectionId: string, tabId: string, committed: boolean): void {
    const key = `${connectionId}\n${tabId}`;
    const state = this.#tabs.get(key);
    this.#tabs.delete(key);
    if (committed && state?.dirty) this.#schedule(connectionId);
  }

  /** The connection closed: nothing of it is waited for any more. */
  forget(connectionId: string): void {
    clearTimeout(this.#timers.get(connectionId));
    this.#timers.delete(connectionId);
    for (const key of [...this.#tabs.keys()]) {
      if (key.startsWith(`${connectionId}\n`)) this.#tabs.delete(key);
    }
  }

  #schedule(connectionId: string): void {
    clearTimeout(this.#timers.get(connectionId));
    const timer = setTimeout(() => {
      this.#timers.delete(connectionId);
      this.#reload(connectionId);
    }, this.#delayMs);
    timer.unref?.();
    this.#timers.set(connectionId, timer);
  }
}
