import { ContextProvider } from '@lit/context';
import { html, LitElement } from 'lit';
import type { Health } from '../controllers/api';
import { socketUrlFromPage, TuskClient, type ConnectionState } from './client';
import { servicesContext, type AppServices } from './data/app-context';
import { ConnectionsStore } from './data/connections-store';
import { EditsStore } from './data/edits-store';
import { HealthStore } from './data/health-store';
import { LibraryStore } from './data/library-store';
import { NoticesStore } from './data/notices-store';
import { PreferencesStore } from './data/preferences-store';
import { RunsStore } from './data/runs-store';
import { SchemaStore } from './data/schema-store';
import { SchemaCompletionStore } from './data/schema-completion';
import { TabsStore } from './data/tabs-store';
import { ActivityStore } from './data/activity-store';
import { TransfersStore } from './data/transfers-store';
import { StoreController } from './data/store';
import { SIDEBAR_MAX, SIDEBAR_MIN, WorkspaceStore } from './data/workspace-store';
import { OpenTabEvent, ReconnectRequestEvent } from './events';
import { OpenObjectEvent } from './schema/open-object';
import { OpenActivityEvent } from './activity/open-activity';
import { DialogHost, showDialog } from './shared/dialog-host';
import { followDrag } from './shared/drag';
import { applyTheme } from './shared/theme';
import { shortcutFor } from './shared/shortcuts';
import './shared/web-awesome';
import './connections/connections-sidebar';
import './connections/connection-dialog';
import './preferences/preferences-dialog';
import './query-tab/tab-area';
import './shell/notices-bar';
import './shell/shortcuts-dialog';
import './shell/status-bar';
import { tuskAppStyles } from './tusk-app.styles';

const HEALTH_REFRESH_MS = 5_000;

/**
 * The workspace frame, kept thin: makes the client and the stores and shares them with
 * every component (`servicesContext`), lays out the sidebar, the tab area and the status
 * bar, hosts the dialogs (its {@link DialogHost} answers every `showDialog`), applies the
 * theme, and turns the workspace's shortcuts into actions. What each part shows is its own component's business.
 */
export class TuskApp extends LitElement {
  static override styles = tuskAppStyles;
  static override properties = {
    socket: { state: true },
    health: { state: true },
  };
  declare socket: ConnectionState;
  declare health: Health | undefined;

  readonly #client = new TuskClient(socketUrlFromPage(window.location));
  readonly #tabs = new TabsStore(this.#client);
  readonly #runs = new RunsStore(this.#client);
  readonly services: AppServices = {
    client: this.#client,
    connections: new ConnectionsStore(this.#client),
    preferences: new PreferencesStore(this.#client),
    workspace: new WorkspaceStore(this.#client, this.#tabs),
    notices: new NoticesStore(this.#client),
    health: new HealthStore(this.#client),
    tabs: this.#tabs,
    runs: this.#runs,
    edits: new EditsStore(
      this.#client,
      (tab) => this.#runs.of(tab).transaction === 'open',
      (id) => {
        const connection = this.services.connections.byId(id);
        return connection?.production ? connection.name : null;
      },
    ),
    library: new LibraryStore(this.#client),
    schema: new SchemaStore(this.#client),
    completion: new SchemaCompletionStore(this.#client),
    transfers: new TransfersStore(this.#client),
    activity: new ActivityStore(this.#client),
  };
  #refresh: ReturnType<typeof setInterval> | undefined;
  #stopTheme: () => void = () => undefined;

  constructor() {
    super();
    new ContextProvider(this, { context: servicesContext, initialValue: this.services });
    new DialogHost(this);
    new StoreController(this, () => [
      {
        store: this.services.workspace,
        keys: () => ['layout:sidebarWidth', 'layout:sidebarHidden'],
      },
    ]);
    this.socket = this.#client.state;
    this.health = undefined;
    this.#client.addEventListener('state', (event) => {
      this.socket = (event as CustomEvent<ConnectionState>).detail;
      this.#noteSocket();
      if (this.socket.status === 'open') void this.#load();
    });
    this.services.preferences.addEventListener('change', () => this.#applyTheme());
    this.addEventListener(ReconnectRequestEvent.eventName, () => this.#client.connect());
    this.addEventListener(
      OpenObjectEvent.eventName,
      (event) => void this.renderRoot.querySelector('tusk-tab-area')?.openObject(event.detail),
    );
    this.addEventListener(
      OpenActivityEvent.eventName,
      (event) =>
        void this.renderRoot.querySelector('tusk-tab-area')?.openActivity(event.connectionId),
    );
    this.addEventListener(
      OpenTabEvent.eventName,
      (event) => void this.renderRoot.querySelector('tusk-tab-area')?.openFor(event.connectionId),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#client.connect();
    this.#refresh = setInterval(() => {
      if (this.socket.status === 'open') void this.#loadHealth();
    }, HEALTH_REFRESH_MS);
    window.addEventListener('keydown', this.#onKey);
    window.addEventListener('pagehide', this.#onHide);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#refresh);
    window.removeEventListener('keydown', this.#onKey);
    window.removeEventListener('pagehide', this.#onHide);
    this.#stopTheme();
  }

  async #load(): Promise<void> {
    const { connections, preferences, workspace, notices } = this.services;
    const listed = connections.load();
    const results = await Promise.allSettled([
      this.#loadHealth(),
      preferences.load(),
      workspace.load(listed),
      listed,
      notices.load(),
    ]);
    for (const result of results) {
      if (result.status === 'rejected') {
        notices.add({
          id: 'load-failed',
          level: 'error',
          message: `Could not load the workspace: ${(result.reason as Error).message}`,
          detail: 'Reload the page; if it keeps happening, see the log folder in the status bar.',
        });
      }
    }
  }

  async #loadHealth(): Promise<void> {
    try {
      this.health = await this.services.health.load();
      await this.services.connections.refreshStatus();
    } catch {
      // The status bar shows the socket's own state; the next refresh tries again.
    }
  }

  /** The socket's state as a notice while it is down (each outage once). */
  #noteSocket(): void {
    if (this.socket.status === 'reconnecting') {
      this.services.notices.add({
        id: 'socket',
        level: 'warning',
        message: this.socket.reason ?? 'Lost the connection to the Tusk backend',
        detail: 'Tusk reconnects by itself; nothing you typed is lost.',
      });
    } else if (this.socket.status === 'open') {
      this.services.notices.remove('socket');
    }
  }

  #applyTheme(): void {
    const theme = this.services.preferences.value?.theme ?? 'system';
    this.#stopTheme();
    this.#stopTheme = applyTheme(theme);
    const size = this.services.preferences.value?.editorFontSize;
    if (size) document.documentElement.style.setProperty('--tusk-editor-font-size', `${size}px`);
  }

  readonly #onKey = (event: KeyboardEvent) => {
    const id = shortcutFor(event);
    if (!id) return;
    const sidebar = this.renderRoot.querySelector('tusk-connections-sidebar');
    const area = this.renderRoot.querySelector('tusk-tab-area');
    const actions: Record<string, () => void> = {
      'connection.new': () => void showDialog(this, 'tusk-connection-dialog', { mode: 'new' }),
      preferences: () => void showDialog(this, 'tusk-preferences-dialog', undefined),
      shortcuts: () => void showDialog(this, 'tusk-shortcuts-dialog', undefined),
      'sidebar.focus': () => sidebar?.focusList(),
      'sidebar.filter': () => sidebar?.focusFilter(),
      'tab.new': () => void area?.openNew(),
      'tab.close': () => {
        const id = this.services.tabs.active?.id;
        if (id) void area?.close(id);
      },
      'library.save': () => void area?.showLibrary('save'),
      'library.history': () => void area?.showLibrary('history'),
      'library.saved': () => void area?.showLibrary('saved'),
      export: () => void area?.exportActive(),
      activity: () => {
        // The status bar's connection: the active tab's, or without a tab the sidebar's.
        const { connections, tabs } = this.services;
        const id = tabs.active ? tabs.active.connectionId : connections.value.activeId;
        if (id) void area?.openActivity(id);
      },
      'tab.next': () => void area?.cycle(1),
      'tab.previous': () => void area?.cycle(-1),
      'tab.strip': () => area?.focusStrip(),
      'results.focus': () => area?.focusResults(),
      'editor.focus': () => area?.focusActive(),
      'sidebar.toggle': () =>
        this.services.workspace.change({
          sidebarHidden: !this.services.workspace.value.layout.sidebarHidden,
        }),
    };
    const action = actions[id];
    if (!action) return;
    event.preventDefault();
    action();
  };

  readonly #onHide = () => {
    void this.services.workspace.flush();
    void this.services.tabs.flush();
  };

  #resize(event: PointerEvent): void {
    const start = this.services.workspace.value.layout.sidebarWidth;
    followDrag(event, (dx) =>
      this.services.workspace.change({ sidebarWidth: clampWidth(start + dx) }),
    );
  }

  #resizeByKey(event: KeyboardEvent): void {
    const step = event.shiftKey ? 40 : 10;
    const width = this.services.workspace.value.layout.sidebarWidth;
    const next = { ArrowLeft: width - step, ArrowRight: width + step }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.services.workspace.change({ sidebarWidth: clampWidth(next) });
  }

  /** The sidebar's width as a property set through the CSSOM (the CSP forbids style attributes). */
  override updated(): void {
    const { layout } = this.services.workspace.value;
    this.style.setProperty(
      '--tusk-frame-columns',
      layout.sidebarHidden ? '0 0 1fr' : `${layout.sidebarWidth}px 1px 1fr`,
    );
  }

  override render() {
    const { layout } = this.services.workspace.value;
    const hidden = layout.sidebarHidden === true;
    return html`
      <div class="frame">
        <tusk-connections-sidebar ?hidden=${hidden}></tusk-connections-sidebar>
        <div
          class="resizer"
          role="separator"
          aria-orientation="vertical"
          aria-label="Sidebar width"
          aria-valuenow=${layout.sidebarWidth}
          aria-valuemin=${SIDEBAR_MIN}
          aria-valuemax=${SIDEBAR_MAX}
          tabindex=${hidden ? -1 : 0}
          ?hidden=${hidden}
          @pointerdown=${this.#resize}
          @keydown=${this.#resizeByKey}
        ></div>
        <main class="tabs-area">
          <tusk-notices-bar></tusk-notices-bar>
          <tusk-tab-area></tusk-tab-area>
        </main>
      </div>
      <tusk-status-bar .state=${this.socket} .health=${this.health}></tusk-status-bar>
    `;
  }
}

function clampWidth(px: number): number {
  return Math.round(Math.min(SIDEBAR_MAX, Math.max(SIDEBAR_MIN, px)));
}

customElements.define('tusk-app', TuskApp);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-app': TuskApp;
  }
}
