import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { LockEntry } from '../../controllers/api';
import { RequestError } from '../client';
import { servicesContext } from '../data/app-context';
import { formatClock } from './activity-format';
import { activityTableStyles } from './activity-table.styles';

/** Locks waiting first, then by pid, relation and mode. */
export function sortLocks(locks: readonly LockEntry[]): LockEntry[] {
  return [...locks].sort(
    (a, b) =>
      Number(a.granted) - Number(b.granted) ||
      (a.pid ?? 0) - (b.pid ?? 0) ||
      (a.relation ?? '').localeCompare(b.relation ?? '') ||
      a.mode.localeCompare(b.mode),
  );
}

/**
 * The Locks section: `pg_locks` from `activity.snapshot` (the samples carry none), asked
 * again with each new sample (`at`) while the section is shown — one request at a time —
 * or on Refresh; waiting locks first, relations by name.
 */
export class TuskActivityLocks extends LitElement {
  static override styles = activityTableStyles;
  static override properties = {
    connectionId: { attribute: false },
    at: { attribute: false },
    locks: { state: true },
    loadedAt: { state: true },
    error: { state: true },
  };
  declare connectionId: string;
  /** The latest sample's time: a new one asks for the locks again. */
  declare at: string | null;
  declare locks: LockEntry[] | null;
  declare loadedAt: string | null;
  declare error: string | null;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  #busy = false;

  constructor() {
    super();
    this.at = null;
    this.locks = null;
    this.loadedAt = null;
    this.error = null;
  }

  /** Asks for the locks now (skipped while a request is under way). */
  async refresh(): Promise<void> {
    const app = this.#services.value;
    if (!app || !this.connectionId || this.#busy) return;
    this.#busy = true;
    try {
      const snapshot = await app.client.call('activity.snapshot', {
        connectionId: this.connectionId,
      });
      this.locks = sortLocks(snapshot.locks);
      this.loadedAt = snapshot.at;
      this.error = null;
    } catch (error) {
      this.error =
        error instanceof RequestError
          ? `${error.info.message}${error.info.hint ? ` ${error.info.hint}` : ''}`
          : String(error);
    } finally {
      this.#busy = false;
    }
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('at') || changed.has('connectionId')) void this.refresh();
  }

  override render() {
    const locks = this.locks ?? [];
    const waiting = locks.filter((l) => !l.granted).length;
    return html`<div class="bar">
        <button class="action" @click=${() => void this.refresh()}>Refresh</button>
        <span class="count" data-test="lock-count"
          >${
            this.locks === null
              ? 'Loading…'
              : `${locks.length} locks${waiting ? `, ${waiting} waiting` : ''}`
          }</span
        >
        ${this.loadedAt ? html`<span class="muted">at ${formatClock(this.loadedAt)}</span>` : nothing}
        ${this.error ? html`<span role="alert">${this.error}</span>` : nothing}
      </div>
      <div class="scroll">
        <table aria-label="Locks">
          <thead>
            <tr>
              <th class="num"><button tabindex="-1">PID</button></th>
              <th><button tabindex="-1">Lock type</button></th>
              <th><button tabindex="-1">Relation</button></th>
              <th><button tabindex="-1">Mode</button></th>
              <th class="query"><button tabindex="-1">Granted</button></th>
            </tr>
          </thead>
          <tbody>
            ${locks.map(
              (l) =>
                html`<tr class=${l.granted ? '' : 'long'}>
                  <td class="num">${l.pid ?? ''}</td>
                  <td>${l.locktype}</td>
                  <td class=${l.relation ? '' : 'muted'}>${l.relation ?? ''}</td>
                  <td>${l.mode}</td>
                  <td class="query">
                    ${l.granted ? 'granted' : html`<span class="long-mark">waiting</span>`}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

customElements.define('tusk-activity-locks', TuskActivityLocks);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-activity-locks': TuskActivityLocks;
  }
}
