import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { connectWithPrompts } from '../connections/connect-flow';
import { servicesContext, type AppServices } from '../data/app-context';
import { StoreController } from '../data/store';
import type { QueryTabState } from '../data/tabs-store';
import './activity-blocking';
import './activity-charts';
import './activity-database';
import { SignalRequestEvent } from './activity-events';
import { formatClock } from './activity-format';
import './activity-locks';
import './activity-sessions';
import './activity-settings';
import { signalBackend, type SignalOutcome } from './activity-signal';
import './activity-statements';
import { activityTabStyles } from './activity-tab.styles';
import {
  ACTIVITY_RATES,
  ACTIVITY_SECTIONS,
  activityOf,
  SECTION_LABELS,
  type ActivitySection,
} from './open-activity';

/**
 * An activity tab: one connection's server activity, kept in the workspace like an object
 * tab (the section shown and the sampling rate in the tab's `extra`). A toolbar (the
 * connection, Pause/Resume, the rate, the last sample's time, the PgBouncer note), then the
 * sections as tabs: Sessions, Blocking, Locks, Charts, Statements, Database, Settings. It
 * watches the connection (`services.activity.watch`) only while it is the active tab, the
 * window is visible, the connection is open and it is not paused; otherwise it gives the
 * watch up, so nothing samples what nobody sees. Restored tabs do not watch until shown.
 */
export class TuskActivityTab extends LitElement {
  static override styles = activityTabStyles;
  static override properties = {
    tab: { attribute: false },
    active: { type: Boolean },
    paused: { state: true },
    outcome: { state: true },
  };
  declare tab: QueryTabState;
  /** The tab is the one shown in the tab area. */
  declare active: boolean;
  declare paused: boolean;
  /** What the last Cancel/Terminate came to. */
  declare outcome: SignalOutcome | null;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  /** What is watched (`id|rate`) or being asked for; null when not watching. */
  #watchKey: string | null = null;
  #release: (() => void) | null = null;
  #generation = 0;

  constructor() {
    super();
    this.active = false;
    this.paused = false;
    this.outcome = null;
    new StoreController(this, () => {
      const app = this.#services.value;
      const id = () => this.tab?.connectionId ?? '';
      return (
        app && [
          { store: app.activity, keys: () => [id()] },
          { store: app.connections, keys: () => ['saved', `live:${id()}`] },
        ]
      );
    });
    this.addEventListener(SignalRequestEvent.eventName, (e) => {
      e.stopPropagation();
      void this.#signal(e.detail);
    });
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  get #connectionId(): string {
    return this.tab.connectionId ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#sync);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#sync);
    this.#watch(null);
  }

  override updated(): void {
    this.#sync();
  }

  /** Focuses the section row's chosen section. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('.sections [aria-selected="true"]')?.focus();
  }

  /** Focuses the section's content (Alt+3). */
  focusResults(): void {
    const panel = this.renderRoot.querySelector('#section-panel > *');
    const target =
      panel?.shadowRoot?.querySelector<HTMLElement>('tr[tabindex="0"], input, button') ?? null;
    target?.focus();
  }

  /** Whether it should watch now, and at what rate (`id|rate`), else null. */
  #wanted(): string | null {
    const app = this.#services.value;
    if (!app || !this.tab || !this.active || this.paused) return null;
    if (document.visibilityState === 'hidden') return null;
    if (!app.connections.value.live[this.#connectionId]) return null;
    return `${this.#connectionId}|${activityOf(this.tab).rateMs}`;
  }

  readonly #sync = (): void => this.#watch(this.#wanted());

  /** Watches `key` (`id|rate`), giving up the watch before when it differs. */
  #watch(key: string | null): void {
    if (key === this.#watchKey) return;
    this.#watchKey = key;
    const before = this.#release;
    this.#release = null;
    const generation = ++this.#generation;
    if (!key) return before?.();
    const [connectionId, rate] = key.split('|') as [string, string];
    // The new watch first, then the old one given up: a rate change never unwatches.
    void this.#app.activity.watch(connectionId, Number(rate)).then((release) => {
      before?.();
      if (generation === this.#generation) this.#release = release;
      else release();
    });
  }

  async #choose(section: ActivitySection): Promise<void> {
    await this.#app.tabs.setExtra(this.tab.id, { ...this.tab.extra, section });
    await this.updateComplete;
    this.focus();
  }

  async #setRate(rateMs: number): Promise<void> {
    await this.#app.tabs.setExtra(this.tab.id, { ...this.tab.extra, rateMs });
  }

  async #signal(request: SignalRequestEvent['detail']): Promise<void> {
    const outcome = await signalBackend(
      this,
      this.#app,
      this.#connectionId,
      request.target,
      request.kind,
    );
    if (outcome) this.outcome = outcome;
  }

  #onSectionKey(event: KeyboardEvent, at: number): void {
    const n = ACTIVITY_SECTIONS.length;
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 };
    let next: number | undefined;
    if (event.key in step) next = (at + step[event.key]! + n) % n;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = n - 1;
    if (next === undefined) return;
    event.preventDefault();
    void this.#choose(ACTIVITY_SECTIONS[next]!);
  }

  #toolbar(rateMs: number) {
    const app = this.#app;
    const connection = app.connections.byId(this.#connectionId);
    const live = app.connections.value.live[this.#connectionId];
    const watched = app.activity.of(this.#connectionId);
    const last = watched.samples.at(-1);
    const state = this.paused ? 'paused' : watched.watching ? 'live' : 'stopped';
    return html`<div class="toolbar" role="toolbar" aria-label="Activity">
      <span class="conn">
        ${connection?.color ? html`<span class="color color-${connection.color}"></span>` : nothing}
        <span class="name">${connection?.name ?? 'Unknown connection'}</span>
        ${live ? html`<span class="muted">PostgreSQL ${live.serverVersion}</span>` : nothing}
      </span>
      <span class="sep"></span>
      <button
        class="tool"
        data-test="pause"
        aria-pressed=${this.paused ? 'true' : 'false'}
        @click=${() => (this.paused = !this.paused)}
      >
        ${this.paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
      <span class="rates" role="radiogroup" aria-label="Refresh every">
        ${ACTIVITY_RATES.map(
          (r) =>
            html`<button
              role="radio"
              aria-checked=${r === rateMs ? 'true' : 'false'}
              @click=${() => void this.#setRate(r)}
            >
              ${r / 1000} s
            </button>`,
        )}
      </span>
      <span class="status ${state}" data-test="sample-state">
        <span class="dot"></span
        >${state === 'live' ? 'Live' : state === 'paused' ? 'Paused' : 'Stopped'}
        ${last ? html`<span class="muted">· sample ${formatClock(last.at)}</span>` : nothing}
      </span>
      ${
        live?.transactionPooler
          ? html`<span
              class="note"
              data-test="pooler-note"
              title="Behind PgBouncer in transaction mode, pg_stat_activity lists the pooler’s server connections, not its clients."
              >PgBouncer: sessions are the pooler’s server connections</span
            >`
          : nothing
      }
    </div>`;
  }

  #sections(section: ActivitySection) {
    const watched = this.#app.activity.of(this.#connectionId);
    const counts: Partial<Record<ActivitySection, number>> = {
      sessions: watched.sessions.length,
      blocking: watched.blocking.length,
    };
    return html`<div class="sections" role="tablist" aria-label="Sections">
      ${ACTIVITY_SECTIONS.map(
        (s, at) =>
          html`<button
            role="tab"
            id=${`section-${s}`}
            aria-selected=${s === section ? 'true' : 'false'}
            aria-controls="section-panel"
            tabindex=${s === section ? 0 : -1}
            @click=${() => void this.#choose(s)}
            @keydown=${(e: KeyboardEvent) => this.#onSectionKey(e, at)}
          >
            ${SECTION_LABELS[s]}${
              counts[s] !== undefined
                ? html`<span class="n ${s === 'blocking' && counts[s] ? 'alert' : ''}"
                    >${counts[s]}</span
                  >`
                : nothing
            }
          </button>`,
      )}
    </div>`;
  }

  #section(section: ActivitySection) {
    const id = this.#connectionId;
    const watched = this.#app.activity.of(id);
    const at = watched.samples.at(-1)?.at ?? null;
    switch (section) {
      case 'sessions':
        return html`<tusk-activity-sessions
          .sessions=${watched.sessions}
          .at=${at ?? new Date().toISOString()}
        ></tusk-activity-sessions>`;
      case 'blocking':
        return html`<tusk-activity-blocking
          .sessions=${watched.sessions}
          .blocking=${watched.blocking}
          .at=${at ?? new Date().toISOString()}
        ></tusk-activity-blocking>`;
      case 'locks':
        return html`<tusk-activity-locks .connectionId=${id} .at=${at}></tusk-activity-locks>`;
      case 'charts':
        return html`<tusk-activity-charts .connectionId=${id}></tusk-activity-charts>`;
      case 'statements':
        return html`<tusk-activity-statements .connectionId=${id}></tusk-activity-statements>`;
      case 'database':
        return html`<tusk-activity-database .connectionId=${id}></tusk-activity-database>`;
      case 'settings':
        return html`<tusk-activity-settings .connectionId=${id}></tusk-activity-settings>`;
    }
  }

  #outcome() {
    const o = this.outcome;
    if (!o) return nothing;
    return html`<div class="outcome ${o.ok ? 'ok' : 'refused'}" role="status">
      <span>${o.message}${o.hint ? html` <span class="hint">${o.hint}</span>` : nothing}</span>
      <button class="tool" aria-label="Dismiss" @click=${() => (this.outcome = null)}>✕</button>
    </div>`;
  }

  #body(section: ActivitySection) {
    const app = this.#app;
    const id = this.#connectionId;
    if (!app.connections.value.live[id]) {
      const name = app.connections.byId(id)?.name ?? 'its connection';
      return html`<div class="message">
        <p>Not connected to ${name}.</p>
        <wa-button size="s" variant="brand" @click=${() => void connectWithPrompts(this, app, id)}
          >Connect</wa-button
        >
      </div>`;
    }
    const watched = app.activity.of(id);
    const error = watched.error;
    return html`${
        error
          ? html`<div class="outcome refused" role="alert">
              <span
                >${error.message}${error.hint ? html` <span class="hint">${error.hint}</span>` : nothing}</span
              >
            </div>`
          : nothing
      }
      <div class="panel" id="section-panel" role="tabpanel" aria-labelledby=${`section-${section}`}>
        ${this.#section(section)}
      </div>`;
  }

  override render() {
    if (!this.#services.value || !this.tab) return nothing;
    const { section, rateMs } = activityOf(this.tab);
    return html`${this.#toolbar(rateMs)}${this.#sections(section)}${this.#outcome()}${this.#body(section)}`;
  }
}

customElements.define('tusk-activity-tab', TuskActivityTab);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-activity-tab': TuskActivityTab;
  }
}
