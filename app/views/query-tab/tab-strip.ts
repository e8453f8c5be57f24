import { ContextConsumer } from '@lit/context';
import { productionMark } from '../shared/production-mark';
import { html, LitElement, nothing } from 'lit';
import { servicesContext, type AppServices } from '../data/app-context';
import { StoreController } from '../data/store';
import type { QueryTabState } from '../data/tabs-store';
import { KIND_ICONS } from '../schema/object-kinds';
import { tabStripStyles } from './tab-strip.styles';

/** Asks the tab area to close a tab (it asks first when a transaction is open). */
export class CloseTabEvent extends Event {
  static readonly eventName = 'tusk-close-tab' as const;
  readonly tabId: string;
  constructor(tabId: string) {
    super(CloseTabEvent.eventName, { bubbles: true, composed: true });
    this.tabId = tabId;
  }
}

/** Asks for a new tab on the active tab's connection. */
export class NewTabEvent extends Event {
  static readonly eventName = 'tusk-new-tab' as const;
  constructor() {
    super(NewTabEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [CloseTabEvent.eventName]: CloseTabEvent;
    [NewTabEvent.eventName]: NewTabEvent;
  }
}

/** An object tab's icon: its object's kind's; an activity tab's pulse. */
function objectIcon(tab: QueryTabState): string {
  if (tab.kind === 'activity') return 'pulse';
  const kind = tab.extra['kind'];
  return typeof kind === 'string' && kind in KIND_ICONS
    ? KIND_ICONS[kind as keyof typeof KIND_ICONS]
    : 'table';
}

const TX_LABEL = { idle: '', open: 'transaction open', failed: 'transaction failed' } as const;

/** Pixels a wheel "line" scrolls the strip by (for wheels that count lines). */
const LINE_PX = 16;

/**
 * The editor tabs as a `tablist`: each with its connection's colour and name, a dirty
 * marker while its SQL awaits saving, its session's transaction state, and a close button.
 * Arrows move between tabs, Home/End to the ends, Enter or Space activates, F2 renames,
 * Ctrl+Shift+← / → move the tab; tabs can be dragged too. "New tab" at the end.
 * Tabs that do not fit scroll sideways (the wheel too); the active tab is kept in view, and
 * "All tabs" at the strip's end lists them all in a menu to choose from.
 * @fires tusk-close-tab
 * @fires tusk-new-tab
 */
export class TuskTabStrip extends LitElement {
  static override styles = tabStripStyles;
  static override properties = { renaming: { state: true } };
  declare renaming: string | null;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  #dragged: string | null = null;
  /** The active tab and its place when last scrolled into view. */
  #revealed = '';

  constructor() {
    super();
    this.renaming = null;
    new StoreController(this, () => {
      const app = this.#services.value;
      return app && [app.tabs, app.runs, app.connections];
    });
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  /** Focuses the active tab (for keyboard users coming from elsewhere). */
  focusActive(): void {
    (
      this.renderRoot.querySelector('[role=tab][aria-selected=true]') as HTMLElement | null
    )?.focus();
  }

  #onKey(event: KeyboardEvent, tab: QueryTabState, index: number): void {
    const { tabs } = this.#app;
    const list = tabs.value.tabs;
    const focusAt = (i: number) => {
      const next = list[(i + list.length) % list.length];
      if (!next) return;
      void tabs.activate(next.id);
      void this.updateComplete.then(() => this.focusActive());
    };
    if (
      event.ctrlKey &&
      event.shiftKey &&
      (event.key === 'ArrowLeft' || event.key === 'ArrowRight')
    ) {
      event.preventDefault();
      void tabs.move(tab.id, index + (event.key === 'ArrowLeft' ? -1 : 1));
      void this.updateComplete.then(() => this.focusActive());
      return;
    }
    const actions: Record<string, () => void> = {
      ArrowLeft: () => focusAt(index - 1),
      ArrowRight: () => focusAt(index + 1),
      Home: () => focusAt(0),
      End: () => focusAt(list.length - 1),
      Enter: () => void tabs.activate(tab.id),
      ' ': () => void tabs.activate(tab.id),
      F2: () => (this.renaming = tab.id),
      Delete: () => this.dispatchEvent(new CloseTabEvent(tab.id)),
    };
    const action = actions[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  }

  #finishRename(tab: QueryTabState, input: HTMLInputElement, keep: boolean): void {
    if (this.renaming !== tab.id) return;
    this.renaming = null;
    if (keep) void this.#app.tabs.rename(tab.id, input.value);
    void this.updateComplete.then(() => this.focusActive());
  }

  #drop(event: DragEvent, index: number): void {
    event.preventDefault();
    if (this.#dragged) void this.#app.tabs.move(this.#dragged, index);
    this.#dragged = null;
  }

  #renderTab(tab: QueryTabState, index: number, activeId: string | undefined) {
    const { connections, runs } = this.#app;
    const connection = connections.byId(tab.connectionId);
    const session = runs.of(tab.id);
    const active = tab.id === activeId;
    const tx = session.lost ? 'failed' : session.transaction;
    const running = runs.running(tab.id);
    const label = [
      tab.title,
      connection ? `on ${connection.name}` : 'no connection',
      connection?.production ? 'production' : '',
      TX_LABEL[tx],
      session.lost ? 'session lost' : '',
      running ? 'running' : '',
      tab.unsaved ? 'unsaved changes' : '',
    ]
      .filter(Boolean)
      .join(', ');
    return html`<div
      class="tab ${active ? 'active' : ''}"
      role="tab"
      id=${`tab-${tab.id}`}
      aria-selected=${active ? 'true' : 'false'}
      aria-controls="tab-panel"
      aria-label=${label}
      title=${label}
      tabindex=${active ? 0 : -1}
      draggable="true"
      @click=${() => void this.#app.tabs.activate(tab.id)}
      @dblclick=${() => (this.renaming = tab.id)}
      @keydown=${(e: KeyboardEvent) => this.renaming !== tab.id && this.#onKey(e, tab, index)}
      @dragstart=${() => (this.#dragged = tab.id)}
      @dragover=${(e: DragEvent) => e.preventDefault()}
      @drop=${(e: DragEvent) => this.#drop(e, index)}
    >
      <span class="color ${connection?.color ? `color-${connection.color}` : ''}"></span>
      ${
        running
          ? html`<wa-spinner class="state" aria-hidden="true"></wa-spinner>`
          : html`<span class="state tx-${tx}" aria-hidden="true"></span>`
      }
      ${
        this.renaming === tab.id
          ? html`<input
              class="rename"
              aria-label="Tab name"
              .value=${tab.title}
              @keydown=${(e: KeyboardEvent) => {
                e.stopPropagation();
                if (e.key === 'Enter') this.#finishRename(tab, e.target as HTMLInputElement, true);
                if (e.key === 'Escape')
                  this.#finishRename(tab, e.target as HTMLInputElement, false);
              }}
              @blur=${(e: FocusEvent) => this.#finishRename(tab, e.target as HTMLInputElement, true)}
            />`
          : html`${
                tab.kind !== 'query'
                  ? html`<wa-icon
                      class="kind"
                      name=${objectIcon(tab)}
                      aria-hidden="true"
                    ></wa-icon>`
                  : nothing
              }<span class="title">${tab.title}</span>`
      }
      ${connection ? html`<span class="conn">${connection.name}</span>` : nothing}
      ${connection?.production ? productionMark(connection.color) : nothing}
      ${tab.unsaved ? html`<span class="dirty" aria-hidden="true">●</span>` : nothing}
      <button
        class="close"
        tabindex="-1"
        aria-label=${`Close ${tab.title}`}
        title="Close tab"
        @click=${(e: Event) => {
          e.stopPropagation();
          this.dispatchEvent(new CloseTabEvent(tab.id));
        }}
      >
        <wa-icon name="close"></wa-icon>
      </button>
    </div>`;
  }

  /** Scrolls the tablist (and nothing around it) so that the active tab is wholly seen. */
  #revealActive(): void {
    const list = this.renderRoot.querySelector('[role=tablist]') as HTMLElement | null;
    const tab = list?.querySelector('[aria-selected=true]');
    if (!list || !tab) return;
    const box = list.getBoundingClientRect();
    const rect = tab.getBoundingClientRect();
    if (rect.left < box.left) list.scrollLeft -= box.left - rect.left;
    else if (rect.right > box.right) list.scrollLeft += rect.right - box.right;
  }

  /** A vertical wheel over tabs that overflow scrolls them sideways. */
  #onWheel(event: WheelEvent): void {
    const list = event.currentTarget as HTMLElement;
    const { deltaX, deltaY, deltaMode } = event;
    if (list.scrollWidth <= list.clientWidth || Math.abs(deltaX) >= Math.abs(deltaY)) return;
    event.preventDefault();
    list.scrollLeft += deltaMode === WheelEvent.DOM_DELTA_LINE ? deltaY * LINE_PX : deltaY;
  }

  /** A tab chosen in "All tabs": activated as by a click, then focused in the strip. */
  #choose(event: CustomEvent<{ item: { value: string } }>): void {
    void this.#app.tabs.activate(event.detail.item.value);
    void this.updateComplete.then(() => this.focusActive());
  }

  /**
   * Web Awesome focuses the first item once the menu's opening animation ends, even when
   * Escape closed it meanwhile: the focus then goes back to the button, not to the page.
   */
  #afterShow(event: Event): void {
    const dropdown = event.currentTarget as HTMLElement & { open: boolean };
    if (!dropdown.open) (dropdown.querySelector('[slot=trigger]') as HTMLElement | null)?.focus();
  }

  #renderMenu(tabs: readonly QueryTabState[], activeId: string | undefined) {
    const { connections } = this.#app;
    return html`<wa-dropdown
      placement="bottom-end"
      size="s"
      @wa-select=${this.#choose}
      @wa-after-show=${this.#afterShow}
    >
      <wa-button slot="trigger" appearance="plain" size="s" title="All tabs" aria-label="All tabs"
        ><wa-icon name="chevron-down" label="All tabs"></wa-icon
      ></wa-button>
      ${tabs.map((tab) => {
        const connection = connections.byId(tab.connectionId);
        const active = tab.id === activeId;
        const label = [
          tab.title,
          connection ? `on ${connection.name}` : 'no connection',
          tab.unsaved ? 'unsaved changes' : '',
        ]
          .filter(Boolean)
          .join(', ');
        return html`<wa-dropdown-item
          value=${tab.id}
          aria-label=${label}
          aria-current=${active ? 'true' : nothing}
          class=${active ? 'active' : ''}
        >
          <wa-icon slot="icon" name="check" class="check"></wa-icon>
          <span class="item-title">${tab.title}</span>
          ${tab.unsaved ? html`<span class="dirty" aria-hidden="true">●</span>` : nothing}
          <span slot="details" class="item-conn"
            ><span class="swatch ${connection?.color ? `color-${connection.color}` : ''}"></span
            ><span class="item-conn-name">${connection?.name ?? 'no connection'}</span></span
          >
        </wa-dropdown-item>`;
      })}
    </wa-dropdown>`;
  }

  override updated(): void {
    const app = this.#services.value;
    const activeId = app?.tabs.active?.id;
    const at = `${activeId}@${app?.tabs.value.tabs.findIndex((t) => t.id === activeId)}`;
    if (activeId && at !== this.#revealed) {
      this.#revealed = at;
      this.#revealActive();
    }
    const input = this.renderRoot.querySelector('input.rename') as HTMLInputElement | null;
    if (input && this.shadowRoot?.activeElement !== input) {
      input.focus();
      input.select();
    }
  }

  override render() {
    const app = this.#services.value;
    if (!app) return nothing;
    const { tabs } = app.tabs.value;
    const activeId = app.tabs.active?.id;
    return html`<div class="strip">
      <div
        class="tabs"
        role="tablist"
        aria-label="Editor tabs"
        @wheel=${(e: WheelEvent) => this.#onWheel(e)}
      >
        ${tabs.map((tab, index) => this.#renderTab(tab, index, activeId))}
      </div>
      <wa-button
        appearance="plain"
        size="s"
        title="New tab"
        aria-label="New tab"
        @click=${() => this.dispatchEvent(new NewTabEvent())}
        ><wa-icon name="add" label="New tab"></wa-icon
      ></wa-button>
      ${this.#renderMenu(tabs, activeId)}
    </div>`;
  }
}

customElements.define('tusk-tab-strip', TuskTabStrip);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-tab-strip': TuskTabStrip;
  }
}
