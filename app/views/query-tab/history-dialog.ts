import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { servicesContext, type AppServices } from '../data/app-context';
import type { HistoryEntry } from '../data/library-store';
import { StoreController } from '../data/store';
import { DialogAnswer } from '../shared/dialog-host';
import { dialogStyles } from '../shared/dialog.styles';
import type { LibraryChoice } from './library-events';

const SEARCH_AFTER_MS = 120;

/**
 * "Query history": searched as you type (full text, every word a prefix), newest first,
 * each entry with its connection, time, duration, rows and outcome. ↓ moves from the
 * search box into the list; Enter opens the entry in a new tab; "Insert" puts it at the
 * cursor of the active tab; "Run again" opens it in a new tab and runs it. Opened through
 * the dialog host; it answers with the {@link LibraryChoice} once closed (null: none).
 */
export class TuskHistoryDialog extends LitElement {
  static override styles = [
    dialogStyles,
    css`
      wa-dialog {
        --width: 52rem;
      }
      wa-input::part(form-control-label) {
        display: none;
      }
      ul {
        list-style: none;
        margin: 8px 0 0;
        padding: 0;
        height: 22rem;
        overflow: auto;
        border: 1px solid var(--tusk-border);
        outline: none;
      }
      li {
        padding: 4px 8px;
        border-bottom: 1px solid var(--tusk-border);
        cursor: default;
      }
      li.active {
        background: var(--tusk-bg-hover);
      }
      ul:focus li.active {
        background: var(--tusk-bg-selected);
      }
      .sql {
        font-family: var(--tusk-font-code);
        font-size: 12px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .meta {
        font-size: var(--tusk-font-size-small);
        color: var(--tusk-text-muted);
      }
      .error,
      .timeout {
        color: var(--tusk-danger);
      }
      .cancelled {
        color: var(--tusk-warning);
      }
      .empty {
        padding: 12px;
        color: var(--tusk-text-muted);
      }
      [slot='footer'] {
        display: flex;
        gap: 8px;
        justify-content: flex-end;
      }
    `,
  ];
  static override properties = { open: { state: true }, activeId: { state: true } };
  declare open: boolean;
  declare activeId: number | null;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  #timer: ReturnType<typeof setTimeout> | undefined;
  #text = '';

  constructor() {
    super();
    this.open = false;
    this.activeId = null;
    new StoreController(this, () => this.#services.value && [this.#services.value.library]);
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  readonly #answer = new DialogAnswer<LibraryChoice | null>();
  #choice: LibraryChoice | null = null;

  /** Opens it with the newest entries, the search box focused; resolves with the choice. */
  show(): Promise<LibraryChoice | null> {
    if (!this.#answer.pending) void this.#open();
    return this.#answer.wait();
  }

  async #open(): Promise<void> {
    this.#choice = null;
    this.#text = '';
    this.activeId = null;
    this.open = true;
    await this.#app.library.searchHistory('');
    await this.updateComplete;
    (this.renderRoot.querySelector('wa-input') as HTMLElement | null)?.focus();
  }

  #search(text: string): void {
    this.#text = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.activeId = null;
      void this.#app.library.searchHistory(this.#text);
    }, SEARCH_AFTER_MS);
  }

  #entries(): HistoryEntry[] {
    return this.#app.library.value.history;
  }

  #active(): HistoryEntry | undefined {
    const entries = this.#entries();
    return entries.find((e) => e.id === this.activeId) ?? entries[0];
  }

  #act(action: 'open' | 'insert' | 'run', entry = this.#active()): void {
    if (!entry) return;
    this.#choice = { action, sql: entry.sql, connectionId: entry.connectionId };
    this.open = false;
  }

  #onListKey(event: KeyboardEvent): void {
    const entries = this.#entries();
    const at = Math.max(
      0,
      entries.findIndex((e) => e.id === this.#active()?.id),
    );
    const move = (i: number) => {
      this.activeId = entries[Math.max(0, Math.min(entries.length - 1, i))]?.id ?? null;
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector('li.active')?.scrollIntoView({ block: 'nearest' }),
      );
    };
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      Home: () => move(0),
      End: () => move(entries.length - 1),
      Enter: () => this.#act('open'),
    };
    const run = keys[event.key];
    if (!run) return;
    event.preventDefault();
    run();
  }

  #renderEntry(entry: HistoryEntry, active: boolean) {
    const connection = this.#app.connections.byId(entry.connectionId);
    const when = new Date(entry.startedAt).toLocaleString();
    const n = entry.rowCount;
    const rows = n === null ? '' : ` · ${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;
    return html`<li
      id=${`h-${entry.id}`}
      role="option"
      aria-selected=${active ? 'true' : 'false'}
      class=${active ? 'active' : ''}
      @click=${() => (this.activeId = entry.id)}
      @dblclick=${() => this.#act('open', entry)}
    >
      <div class="sql">${entry.sql}</div>
      <div class="meta">
        ${connection?.name ?? 'a deleted connection'} · ${when} · ${entry.durationMs ?? 0} ms${rows}
        ·
        <span class=${entry.outcome}
          >${entry.outcome}${entry.sqlstate ? ` ${entry.sqlstate}` : ''}</span
        >${entry.runCount > 1 ? ` · run ${entry.runCount} times` : ''}
      </div>
    </li>`;
  }

  override render() {
    if (!this.#services.value) return nothing;
    const entries = this.#entries();
    const active = this.#active();
    return html`<wa-dialog
      label="Query history"
      ?open=${this.open}
      @wa-after-hide=${(e: Event) => {
        if (e.target !== e.currentTarget) return;
        this.open = false;
        this.#answer.settle(this.#choice);
      }}
    >
      <wa-input
        label="Search history"
        placeholder="Search history (every word a prefix)"
        size="s"
        @input=${(e: Event) => this.#search((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            (this.renderRoot.querySelector('ul') as HTMLElement | null)?.focus();
          } else if (e.key === 'Enter') this.#act('open');
        }}
      ></wa-input>
      <ul
        role="listbox"
        aria-label="History entries"
        tabindex="0"
        aria-activedescendant=${active ? `h-${active.id}` : nothing}
        @keydown=${this.#onListKey}
      >
        ${
          entries.length === 0
            ? html`<li class="empty">Nothing found.</li>`
            : entries.map((e) => this.#renderEntry(e, e.id === active?.id))
        }
      </ul>
      <div slot="footer">
        <wa-button
          size="s"
          appearance="outlined"
          ?disabled=${!active}
          @click=${() => this.#act('insert')}
          >Insert</wa-button
        >
        <wa-button
          size="s"
          appearance="outlined"
          ?disabled=${!active}
          @click=${() => this.#act('run')}
          >Run again</wa-button
        >
        <wa-button size="s" variant="brand" ?disabled=${!active} @click=${() => this.#act('open')}
          >Open in new tab</wa-button
        >
      </div>
    </wa-dialog>`;
  }
}

customElements.define('tusk-history-dialog', TuskHistoryDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-history-dialog': TuskHistoryDialog;
  }
  interface TuskDialogs {
    'tusk-history-dialog': { params: void; answer: LibraryChoice | null };
  }
}
