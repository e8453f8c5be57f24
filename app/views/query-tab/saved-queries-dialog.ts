import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { servicesContext, type AppServices } from '../data/app-context';
import type { SavedQuery } from '../data/library-store';
import { StoreController } from '../data/store';
import { confirmAction } from '../shared/confirm-dialog';
import { DialogAnswer } from '../shared/dialog-host';
import { dialogStyles } from '../shared/dialog.styles';
import type { LibraryChoice } from './library-events';

/**
 * "Saved queries": listed by folder; Enter or double-click opens one in a new tab, F2
 * renames it, Delete deletes it (asked first). Opened through the dialog host; it answers
 * with the {@link LibraryChoice} once closed (null: none).
 */
export class TuskSavedQueriesDialog extends LitElement {
  static override styles = [
    dialogStyles,
    css`
      wa-dialog {
        --width: 40rem;
      }
      .list {
        height: 20rem;
        overflow: auto;
        border: 1px solid var(--tusk-border);
        outline: none;
      }
      .folder {
        padding: 4px 8px 2px;
        font-size: 11px;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.05em;
        color: var(--tusk-text-muted);
      }
      .item {
        display: flex;
        gap: 10px;
        padding: 3px 8px 3px 16px;
        cursor: default;
      }
      .item.active {
        background: var(--tusk-bg-hover);
      }
      .list:focus .item.active {
        background: var(--tusk-bg-selected);
      }
      .rename {
        font: inherit;
        padding: 0 4px;
        border: 1px solid var(--tusk-focus);
        background: var(--tusk-bg);
        color: var(--tusk-text);
      }
      .tags,
      .empty {
        color: var(--tusk-text-muted);
        font-size: var(--tusk-font-size-small);
      }
      .empty {
        padding: 12px;
      }
      [slot='footer'] {
        display: flex;
        gap: 8px;
        justify-content: flex-end;
      }
    `,
  ];
  static override properties = {
    open: { state: true },
    activeId: { state: true },
    renaming: { state: true },
  };
  declare open: boolean;
  declare activeId: string | null;
  declare renaming: string | null;
  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });

  constructor() {
    super();
    this.open = false;
    this.activeId = null;
    this.renaming = null;
    new StoreController(this, () => this.#services.value && [this.#services.value.library]);
  }

  override updated(): void {
    const input = this.renderRoot.querySelector('input.rename') as HTMLInputElement | null;
    if (input && this.shadowRoot?.activeElement !== input) {
      input.focus();
      input.select();
    }
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  readonly #answer = new DialogAnswer<LibraryChoice | null>();
  #choice: LibraryChoice | null = null;

  /** Opens the list, the first query chosen; resolves with the query to open, if any. */
  show(): Promise<LibraryChoice | null> {
    if (!this.#answer.pending) void this.#list();
    return this.#answer.wait();
  }

  async #list(): Promise<void> {
    this.#choice = null;
    await this.#app.library.listSaved();
    this.activeId = this.#app.library.value.saved[0]?.id ?? null;
    this.open = true;
    await this.updateComplete;
    (this.renderRoot.querySelector('.list') as HTMLElement | null)?.focus();
  }

  #active(): SavedQuery | undefined {
    return this.#app.library.value.saved.find((q) => q.id === this.activeId);
  }

  #open(query = this.#active()): void {
    if (!query) return;
    this.#choice = {
      action: 'open',
      sql: query.sql,
      connectionId: query.connectionId,
      title: query.name,
    };
    this.open = false;
  }

  async #rename(query: SavedQuery, name: string): Promise<void> {
    this.renaming = null;
    const clean = name.trim();
    if (clean && clean !== query.name) {
      await this.#app.library.save({
        id: query.id,
        name: clean,
        sql: query.sql,
        ...(query.folder ? { folder: query.folder } : {}),
        tags: query.tags,
        connectionId: query.connectionId,
      });
    }
    await this.updateComplete;
    (this.renderRoot.querySelector('.list') as HTMLElement | null)?.focus();
  }

  async #delete(): Promise<void> {
    const query = this.#active();
    if (!query) return;
    const yes = await confirmAction(this, {
      title: 'Delete saved query',
      message: `Delete the saved query “${query.name}”?`,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (yes) await this.#app.library.deleteSaved(query.id);
    (this.renderRoot.querySelector('.list') as HTMLElement | null)?.focus();
  }

  #onKey(event: KeyboardEvent): void {
    const list = this.#app.library.value.saved;
    const at = Math.max(
      0,
      list.findIndex((q) => q.id === this.activeId),
    );
    const move = (i: number) =>
      (this.activeId = list[Math.max(0, Math.min(list.length - 1, i))]?.id ?? null);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      Home: () => move(0),
      End: () => move(list.length - 1),
      Enter: () => this.#open(),
      F2: () => (this.renaming = this.activeId),
      Delete: () => void this.#delete(),
    };
    const run = keys[event.key];
    if (!run) return;
    event.preventDefault();
    run();
  }

  override render() {
    if (!this.#services.value) return nothing;
    const saved = this.#app.library.value.saved;
    const folders = [...new Set(saved.map((q) => q.folder ?? ''))];
    return html`<wa-dialog
      label="Saved queries"
      ?open=${this.open}
      @wa-after-hide=${(e: Event) => {
        if (e.target !== e.currentTarget) return;
        this.open = false;
        this.#answer.settle(this.#choice);
      }}
    >
      <div
        class="list"
        role="listbox"
        aria-label="Saved queries"
        tabindex="0"
        aria-activedescendant=${this.activeId ? `s-${this.activeId}` : nothing}
        @keydown=${this.#onKey}
      >
        ${saved.length === 0 ? html`<div class="empty">No saved queries yet: “Save query” in a tab (Ctrl+S).</div>` : nothing}
        ${folders.map(
          (folder) =>
            html`<div class="folder" role="presentation">${folder || 'No folder'}</div>
              ${saved
                .filter((q) => (q.folder ?? '') === folder)
                .map(
                  (q) =>
                    html`<div
                      class="item ${q.id === this.activeId ? 'active' : ''}"
                      id=${`s-${q.id}`}
                      role="option"
                      aria-selected=${q.id === this.activeId ? 'true' : 'false'}
                      @click=${() => (this.activeId = q.id)}
                      @dblclick=${() => this.#open(q)}
                    >
                      ${
                        this.renaming === q.id
                          ? html`<input
                              class="rename"
                              aria-label="Name"
                              .value=${q.name}
                              @keydown=${(e: KeyboardEvent) => {
                                e.stopPropagation();
                                const input = e.target as HTMLInputElement;
                                if (e.key === 'Enter') void this.#rename(q, input.value);
                                if (e.key === 'Escape') {
                                  e.preventDefault();
                                  void this.#rename(q, q.name);
                                }
                              }}
                            />`
                          : html`<span>${q.name}</span>`
                      }
                      <span class="tags">${q.tags.join(', ')}</span>
                    </div>`,
                )}`,
        )}
      </div>
      <div slot="footer">
        <wa-button
          size="s"
          appearance="outlined"
          ?disabled=${!this.activeId}
          @click=${() => void this.#delete()}
          >Delete</wa-button
        >
        <wa-button
          size="s"
          appearance="outlined"
          ?disabled=${!this.activeId}
          @click=${() => (this.renaming = this.activeId)}
          >Rename</wa-button
        >
        <wa-button size="s" variant="brand" ?disabled=${!this.activeId} @click=${() => this.#open()}
          >Open in new tab</wa-button
        >
      </div>
    </wa-dialog>`;
  }
}

customElements.define('tusk-saved-queries-dialog', TuskSavedQueriesDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-saved-queries-dialog': TuskSavedQueriesDialog;
  }
  interface TuskDialogs {
    'tusk-saved-queries-dialog': { params: void; answer: LibraryChoice | null };
  }
}
