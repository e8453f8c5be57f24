import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ActivitySession } from '../../controllers/api';
import { cssProps } from '../shared/css-props';
import { RowWindow } from '../shared/row-window';
import { arrange, SESSION_COLUMNS, type SessionColumn } from './activity-columns';
import { SignalRequestEvent } from './activity-events';
import { formatDuration, longOf } from './activity-format';
import { sessionsStyles } from './activity-sessions.styles';
import { activityTableStyles } from './activity-table.styles';

/** Height of a row and of the header, px (as the table's styles draw them). */
const ROW_PX = 22;
const HEAD_PX = 24;

/**
 * The Sessions section: every backend of the latest sample as a dense table, filtered by the
 * words of the filter box (user, database, application, client, state, query), sorted by a
 * header (a second click reverses). Tusk's own sessions carry a mark; a long `idle in
 * transaction` or a long-running query is marked with its duration; a backend the role may
 * not see shows as hidden. A click or ↑/↓ selects a row (its full query below; Escape
 * unselects); Cancel query and Terminate act on the selected one (fire `tusk-activity-signal`).
 * Only the rows in view are drawn (and a margin): a sample of any size costs the page alike.
 */
export class TuskActivitySessions extends LitElement {
  static override styles = [activityTableStyles, sessionsStyles];
  static override properties = {
    sessions: { attribute: false },
    at: { attribute: false },
    filter: { state: true },
    sortId: { state: true },
    desc: { state: true },
    selectedPid: { state: true },
  };
  declare sessions: readonly ActivitySession[];
  /** The sample's time (durations are counted to it). */
  declare at: string;
  declare filter: string;
  declare sortId: string;
  declare desc: boolean;
  declare selectedPid: number | null;

  readonly #window = new RowWindow(this, {
    rowPx: ROW_PX,
    headPx: HEAD_PX,
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.scroll'),
  });

  constructor() {
    super();
    this.sessions = [];
    this.at = new Date(0).toISOString();
    this.filter = '';
    this.sortId = 'pid';
    this.desc = false;
    this.selectedPid = null;
  }

  /** Shows only the sessions matching `text` (as if typed in the filter box). */
  setFilter(text: string): void {
    this.filter = text;
  }

  #sort(column: SessionColumn): void {
    if (this.sortId === column.id) this.desc = !this.desc;
    else {
      this.sortId = column.id;
      this.desc = !!column.num && column.id !== 'pid';
    }
  }

  #onRowKey(event: KeyboardEvent, rows: ActivitySession[], at: number): void {
    const go = (index: number) => {
      const next = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (!next) return;
      this.selectedPid = next.pid;
      this.#window.scrollTo(rows.indexOf(next));
      void this.updateComplete.then(() => this.#focusRow(next.pid));
    };
    const keys: Record<string, () => void> = {
      ArrowDown: () => go(at + 1),
      ArrowUp: () => go(at - 1),
      Home: () => go(0),
      End: () => go(rows.length - 1),
      PageDown: () => go(at + 20),
      PageUp: () => go(at - 20),
      Enter: () => (this.selectedPid = rows[at]?.pid ?? null),
      Escape: () => (this.selectedPid = null),
    };
    const action = keys[event.key];
    if (!action || event.target !== event.currentTarget) return;
    event.preventDefault();
    action();
  }

  #focusRow(pid: number): void {
    this.renderRoot
      .querySelector<HTMLElement>(`tr[data-pid="${pid}"]`)
      ?.focus({ preventScroll: true });
  }

  /** Tab reached the table while its focused row was out of the window: show and focus it. */
  #onFocusIn(event: FocusEvent, rows: ActivitySession[], focusPid: number | null): void {
    if (event.target !== event.currentTarget || focusPid === null) return;
    this.#window.scrollTo(rows.findIndex((r) => r.pid === focusPid));
    void this.updateComplete.then(() => this.#focusRow(focusPid));
  }

  #signal(session: ActivitySession, kind: 'cancel' | 'terminate'): void {
    this.dispatchEvent(new SignalRequestEvent({ target: session, kind }));
  }

  #row(s: ActivitySession, rows: ActivitySession[], index: number, focusPid: number | null) {
    const long = longOf(s, this.at);
    const classes = [
      s.hidden ? 'hidden' : '',
      s.tusk ? 'tusk' : '',
      long?.kind === 'idle-in-transaction' ? 'idle-tx' : long ? 'long' : '',
    ].join(' ');
    const stateClass =
      s.waitEventType === 'Lock' ? 'waiting' : (s.state ?? '').replace(/\W+/g, '-');
    return html`<tr
      class=${classes}
      data-pid=${s.pid}
      aria-rowindex=${index + 2}
      tabindex=${s.pid === focusPid ? 0 : -1}
      aria-selected=${s.pid === this.selectedPid ? 'true' : 'false'}
      @click=${() => (this.selectedPid = s.pid)}
      @keydown=${(e: KeyboardEvent) => this.#onRowKey(e, rows, index)}
    >
      ${SESSION_COLUMNS.map((c) => this.#cell(c, s, long, stateClass))}
    </tr>`;
  }

  #cell(c: SessionColumn, s: ActivitySession, long: ReturnType<typeof longOf>, stateClass: string) {
    const text = c.text(s, this.at);
    switch (c.id) {
      case 'application':
        return html`<td class=${text ? '' : 'muted'}>
          ${s.tusk ? html`<span class="badge" title="A session of this Tusk">Tusk</span>` : nothing}${text}
        </td>`;
      case 'state':
        if (s.hidden && !s.state) return html`<td class="muted">hidden</td>`;
        return html`<td>
          <span class="state-dot ${stateClass}"></span>${text}${
            long?.kind === 'idle-in-transaction'
              ? html` <span class="idle-tx-mark">${formatDuration(long.ms)}</span>`
              : nothing
          }
        </td>`;
      case 'queryAge':
        return html`<td class="num">
          ${long?.kind === 'long-query' ? html`<span class="long-mark">${text}</span>` : text}
        </td>`;
      case 'query':
        if (s.hidden && s.query === null)
          return html`<td class="query muted" title="The role may not see this backend’s query">
            hidden
          </td>`;
        return html`<td class="query" title=${s.query ?? ''}>${text}</td>`;
      default:
        return html`<td class=${c.num ? 'num' : text ? '' : 'muted'}>${text}</td>`;
    }
  }

  /** The space of rows not drawn. */
  #space(px: number) {
    return html`<tr class="space" aria-hidden="true">
      <td colspan=${SESSION_COLUMNS.length} ${cssProps({ height: `${px}px` })}></td>
    </tr>`;
  }

  #detail(s: ActivitySession | undefined) {
    if (!s) return nothing;
    const facts = [
      `pid ${s.pid}`,
      s.user,
      s.database,
      s.application ? `“${s.application}”` : null,
      s.client,
      s.state,
      s.blockedBy.length ? `waits for ${s.blockedBy.map((p) => `pid ${p}`).join(', ')}` : null,
    ].filter(Boolean);
    return html`<section class="detail" aria-label="Selected session">
      <div class="facts">${facts.join(' · ')}</div>
      <pre>${s.hidden && s.query === null ? 'hidden' : (s.query ?? '')}</pre>
    </section>`;
  }

  override render() {
    const column = SESSION_COLUMNS.find((c) => c.id === this.sortId) ?? SESSION_COLUMNS[0]!;
    const rows = arrange(this.sessions, this.at, this.filter, column, this.desc);
    const focusPid = rows.some((r) => r.pid === this.selectedPid)
      ? this.selectedPid
      : (rows[0]?.pid ?? null);
    const selected = rows.find((r) => r.pid === this.selectedPid);
    const { first, items } = this.#window.slice(rows);
    const after = this.#window.after(first, rows.length);
    const focusDrawn = items.some((r) => r.pid === focusPid);
    return html`<div class="bar">
        <input
          type="search"
          placeholder="Filter: user, database, application, client, state, query"
          aria-label="Filter sessions"
          .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
        />
        <span class="count" data-test="session-count"
          >${
            rows.length === this.sessions.length
              ? `${rows.length} sessions`
              : `${rows.length} of ${this.sessions.length} sessions`
          }</span
        >
        <span class="actions" role="group" aria-label="Selected session">
          <button
            class="action"
            ?disabled=${!selected}
            title="Cancel the selected session's query (pg_cancel_backend)"
            @click=${() => selected && this.#signal(selected, 'cancel')}
          >
            Cancel query
          </button>
          <button
            class="action danger"
            ?disabled=${!selected}
            title="Terminate the selected session (pg_terminate_backend)"
            @click=${() => selected && this.#signal(selected, 'terminate')}
          >
            Terminate
          </button>
        </span>
        <span class="legend">
          <span class="idle-tx">idle in transaction ≥ 1 min</span>
          <span class="long">query ≥ 10 s</span>
        </span>
      </div>
      <div
        class="scroll"
        tabindex=${focusDrawn || rows.length === 0 ? -1 : 0}
        @scroll=${this.#window.onScroll}
        @focusin=${(e: FocusEvent) => this.#onFocusIn(e, rows, focusPid)}
      >
        <table aria-label="Sessions" aria-rowcount=${rows.length + 1}>
          <thead>
            <tr>
              ${SESSION_COLUMNS.map(
                (c) =>
                  html`<th
                    class="c-${c.id} ${c.num ? 'num' : ''}"
                    aria-sort=${c.id === column.id ? (this.desc ? 'descending' : 'ascending') : 'none'}
                  >
                    <button
                      title=${c.title ?? `Sort by ${c.label.toLowerCase()}`}
                      @click=${() => this.#sort(c)}
                    >
                      ${c.label}${
                        c.id === column.id
                          ? html`<span class="arrow" aria-hidden="true"
                              >${this.desc ? '▼' : '▲'}</span
                            >`
                          : nothing
                      }
                    </button>
                  </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${first > 0 ? this.#space(this.#window.before(first)) : nothing}
            ${repeat(
              items,
              (s) => s.pid,
              (s, i) => this.#row(s, rows, first + i, focusPid),
            )}
            ${after > 0 ? this.#space(after) : nothing}
          </tbody>
        </table>
        ${
          rows.length === 0
            ? html`<p class="empty">
                ${this.sessions.length ? 'No session matches the filter.' : 'No sample yet.'}
              </p>`
            : nothing
        }
      </div>
      ${this.#detail(selected)}`;
  }
}

customElements.define('tusk-activity-sessions', TuskActivitySessions);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-activity-sessions': TuskActivitySessions;
  }
}
