import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { RequestError } from '../client';
import { servicesContext, type AppServices } from '../data/app-context';
import { StoreController } from '../data/store';
import { OpenTabEvent } from '../events';
import { confirmAction } from '../shared/confirm-dialog';
import { showDialog } from '../shared/dialog-host';
import { endSessions } from '../shared/open-transactions';
import { iconButton } from '../shared/icon-button';
import { changedHostKey, connectWithPrompts } from './connect-flow';
import { SidebarTree } from '../schema/sidebar-tree';
import { describeTarget, type ConnectionItem } from './connection-item';
import { sidebarStyles } from './connections-sidebar.styles';

/**
 * The connections sidebar: the saved connections with their state (disconnected,
 * connecting, connected with TLS and read-only badges, dropped, failed), a filter, and
 * what can be done to the selected one (connect, disconnect, edit, duplicate, delete).
 * The list is a `tree` ({@link SidebarTree}): under each open connection its schemas,
 * objects, columns, keys and indexes; driven by the keyboard: arrows, Home/End, Enter
 * connects (a connection) or opens (an object), F2 edits and Delete deletes (asked first) a
 * connection, never a schema node. Double-click or Enter connects and opens a tab. The
 * filter finds connections by name and, in open ones, objects and columns.
 * Opens the connection dialog (new, edit, duplicate) and the preferences through the
 * dialog host.
 * @fires tusk-open-tab - a connection was opened from the list
 */
export class TuskConnectionsSidebar extends LitElement {
  static override styles = sidebarStyles;
  static override properties = { filter: { state: true } };
  declare filter: string;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });

  readonly #tree = new SidebarTree(this, () => this.#services.value, {
    connect: (id) => void this.#connect(id, true),
    edit: (id) => this.#edit('edit', id),
    remove: (id) => void this.#delete(id),
    toolbar: () => this.#focusToolbar(),
  });

  constructor() {
    super();
    this.filter = '';
    new StoreController(this, () => this.#services.value && [this.#services.value.connections]);
  }

  /** Moves the focus to the list (Alt+1). */
  focusList(): void {
    this.#tree.focus();
  }

  /** Moves the focus to the filter box. */
  focusFilter(): void {
    (this.renderRoot.querySelector('wa-input') as HTMLElement | null)?.focus();
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  #items(): ConnectionItem[] {
    const { saved, phase, live, errors } = this.#app.connections.value;
    const words = this.filter.toLowerCase().split(/\s+/).filter(Boolean);
    return saved
      .filter((c) => {
        const text = `${c.name} ${describeTarget(c)}`.toLowerCase();
        return words.every((w) => text.includes(w)) || this.#tree.hasHits(c.id);
      })
      .map((connection) => ({
        connection,
        phase: phase[connection.id] ?? 'disconnected',
        live: live[connection.id],
        error: errors[connection.id]?.message,
      }));
  }

  #activeId(items: ConnectionItem[]): string | null {
    const id = this.#app.connections.value.activeId;
    if (items.some((i) => i.connection.id === id)) return id;
    return items[0]?.connection.id ?? null;
  }

  async #connect(id: string, openTab: boolean): Promise<void> {
    const { connections, notices } = this.#app;
    if (connections.phaseOf(id) === 'connected') {
      if (openTab) this.dispatchEvent(new OpenTabEvent(id));
      return;
    }
    try {
      const status = await connectWithPrompts(this, this.#app, id);
      if (status && openTab) this.dispatchEvent(new OpenTabEvent(id));
    } catch (error) {
      const info = error instanceof RequestError ? error.info : undefined;
      // A changed host key was shown with both fingerprints already.
      if (info && changedHostKey(info)) return;
      const name = connections.byId(id)?.name ?? 'the connection';
      notices.add({
        id: `connect:${id}`,
        level: 'error',
        message: `Could not connect to ${name}: ${info?.message ?? String(error)}`,
        ...(info?.hint ? { detail: info.hint } : {}),
      });
    }
  }

  /** Disconnects; a tab's open transaction is asked about first (`endSessions`). */
  async #disconnect(id: string): Promise<void> {
    const done = await endSessions(this, this.#app, { kind: 'disconnect', connectionId: id });
    if (!done) this.#app.notices.remove(`connect:${id}`);
  }

  async #delete(id: string): Promise<void> {
    const { connections } = this.#app;
    const name = connections.byId(id)?.name ?? '';
    const yes = await confirmAction(this, {
      title: 'Delete connection',
      message: `Delete the connection “${name}”? Its stored passwords are removed from the keychain too.`,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (yes) await endSessions(this, this.#app, { kind: 'delete', connectionId: id });
    this.focusList();
  }

  #edit(mode: 'edit' | 'duplicate', id: string): void {
    void showDialog(this, 'tusk-connection-dialog', { mode, id });
  }

  /** Shift+F10 or the Menu key: to the selected connection's actions. */
  #focusToolbar(): void {
    (
      this.renderRoot.querySelector('.toolbar wa-button:not([disabled])') as HTMLElement | null
    )?.focus();
  }

  #toolbar(item: ConnectionItem | undefined) {
    const id = item?.connection.id;
    const open = item?.phase === 'connected' || item?.phase === 'dropped';
    const button = (name: string, icon: string, run: () => void, disabled = !id) =>
      iconButton(name, icon, run, disabled);
    return html`<div class="toolbar" role="toolbar" aria-label="Selected connection">
      ${
        open
          ? button('Disconnect', 'debug-disconnect', () => id && void this.#disconnect(id))
          : button(
              'Connect',
              'plug',
              () => id && void this.#connect(id, true),
              !id || item?.phase === 'connecting',
            )
      }
      ${button('Edit', 'edit', () => id && this.#edit('edit', id))}
      ${button('Duplicate', 'copy', () => id && this.#edit('duplicate', id))}
      ${button('Delete', 'trash', () => id && void this.#delete(id))}
    </div>`;
  }

  override render() {
    if (!this.#services.value) return nothing;
    const { loaded, saved } = this.#app.connections.value;
    const items = this.#items();
    const activeId = this.#activeId(items);
    const active = items.find((i) => i.connection.id === activeId);
    return html`
      <header>
        <h2 id="title">Connections</h2>
        ${iconButton(
          'New connection',
          'add',
          () => void showDialog(this, 'tusk-connection-dialog', { mode: 'new' }),
        )}
        ${iconButton(
          'Preferences',
          'gear',
          () => void showDialog(this, 'tusk-preferences-dialog', undefined),
        )}
      </header>
      <wa-input
        class="filter"
        size="s"
        placeholder="Filter"
        label="Filter connections and objects"
        with-clear
        .value=${this.filter}
        @input=${(e: Event) => {
          this.filter = (e.target as HTMLInputElement).value;
          this.#tree.setFilter(this.filter);
        }}
        @wa-clear=${() => {
          this.filter = '';
          this.#tree.setFilter('');
        }}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            this.focusList();
          }
        }}
        ><wa-icon slot="start" name="search"></wa-icon
      ></wa-input>
      ${this.#toolbar(active)}
      ${
        loaded && saved.length > 0 && items.length === 0
          ? html`<p class="empty">No connection matches “${this.filter}”.</p>`
          : nothing
      }
      ${
        loaded && saved.length === 0
          ? html`<p class="empty">No saved connections yet.</p>`
          : nothing
      }
      ${this.#tree.render(items)}
    `;
  }
}

customElements.define('tusk-connections-sidebar', TuskConnectionsSidebar);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-connections-sidebar': TuskConnectionsSidebar;
  }
}
