import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ConnectionItem } from '../connections/connection-item';
import type { AppServices } from '../data/app-context';
import { menuItems, runTreeAction, type TreeAction } from './tree-actions';
import { treeKeyAction, type ConnectionHandlers } from './tree-keys';
import './tree-menu';
import { visibleRows, type TreeRow } from './tree-model';
import { renderRow, ROW_HEIGHT } from './tree-rows';
import { TreeSearch } from './tree-search';

/** Rows drawn above and below the visible ones. */
const OVERSCAN = 6;

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode };

/**
 * The sidebar's tree: the connections, and under each open one its schemas, folders per
 * kind, objects and their parts, as one ARIA tree driven by the keyboard (see
 * {@link treeKeyAction}). The rows are a flat list of the visible nodes and only those in
 * view are in the DOM (fixed row height), so a schema of 20,000 tables scrolls as one of
 * ten. With a filter, each open connection lists the objects and columns whose name holds
 * it (`schema.search`, asked at each keystroke; an answer overtaken by a newer one is left).
 * Data comes from the schema store, which follows `schema.changed`.
 */
export class SidebarTree implements ReactiveController {
  readonly #host: Host;
  readonly #app: () => AppServices | undefined;
  readonly #handlers: ConnectionHandlers;
  readonly #expanded = new Set<string>();
  readonly #collapsed = new Set<string>();
  #activeKey: string | null = null;
  #rows: TreeRow[] = [];
  #index = new Map<string, number>();
  #signature = '';
  #dirty = true;
  #scrollTop = 0;
  #height = 600;
  readonly #search = new TreeSearch(() => {
    this.#dirty = true;
    this.#host.requestUpdate();
  });
  #menu: { row: TreeRow; x: number; y: number } | null = null;
  #said = '';
  #saidTimer: ReturnType<typeof setTimeout> | undefined;
  #stops: (() => void)[] = [];
  #observed: Element | null = null;
  readonly #resize = new ResizeObserver(([entry]) => {
    const height = entry?.contentRect.height ?? 0;
    if (Math.abs(height - this.#height) < 1) return;
    this.#height = height;
    this.#host.requestUpdate();
  });

  constructor(host: Host, app: () => AppServices | undefined, handlers: ConnectionHandlers) {
    this.#host = host;
    this.#app = app;
    this.#handlers = handlers;
    host.addController(this);
  }

  hostConnected(): void {
    const app = this.#app();
    if (!app) return;
    const changed = () => {
      this.#dirty = true;
      this.#host.requestUpdate();
    };
    let generations = '';
    const onSchema = () => {
      const now = JSON.stringify(Object.values(app.schema.value).map((c) => c.generation));
      if (now !== generations && this.#search.text) this.#search.run(app);
      generations = now;
      changed();
    };
    app.schema.addEventListener('change', onSchema);
    this.#stops.push(() => app.schema.removeEventListener('change', onSchema));
  }

  hostDisconnected(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.#resize.disconnect();
    this.#observed = null;
  }

  /** Keeps the drawing in step with the tree's scroll area (its size, the rows' window). */
  hostUpdated(): void {
    const tree = this.#tree();
    if (tree && tree !== this.#observed) {
      this.#resize.disconnect();
      this.#resize.observe(tree);
      this.#observed = tree;
    }
    const rows = this.#host.renderRoot.querySelector<HTMLElement>('.rows');
    if (!rows) return;
    rows.style.setProperty('height', `${this.#rows.length * ROW_HEIGHT}px`);
    rows.style.setProperty('padding-top', `${this.#window().first * ROW_HEIGHT}px`);
  }

  /** Filters by `text`: names of connections (the sidebar's part) and objects and columns. */
  setFilter(text: string): void {
    const app = this.#app();
    if (app && text.trim() !== this.#search.text) this.#search.set(app, text);
  }

  /** True when a filter is on and the open connection `id` has (or may have) hits. */
  hasHits(id: string): boolean {
    return Boolean(this.#app()?.connections.value.live[id]) && this.#search.has(id);
  }

  focus(): void {
    this.#tree()?.focus();
  }

  #tree(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('[role=tree]');
  }

  /** The visible rows, built again only when what they show changed. */
  #visible(items: readonly ConnectionItem[]): TreeRow[] {
    const app = this.#app()!;
    const signature = items
      .map(
        (i) =>
          `${i.connection.id}:${i.connection.name}:${i.phase}:${JSON.stringify(i.live ?? null)}:${i.error ?? ''}`,
      )
      .join('|');
    if (!this.#dirty && signature === this.#signature) return this.#rows;
    this.#signature = signature;
    this.#dirty = false;
    this.#rows = visibleRows({
      items,
      catalog: (id) => app.schema.of(id),
      details: (id, oid) => app.schema.detailsOf(id, oid),
      isExpanded: (key, byDefault) =>
        this.#expanded.has(key) || (byDefault && !this.#collapsed.has(key)),
      filter: this.#search.text ? { text: this.#search.text, hits: this.#search.hits } : null,
    });
    this.#index = new Map(this.#rows.map((row, at) => [row.key, at]));
    queueMicrotask(() => this.#load(this.#rows));
    return this.#rows;
  }

  /** Asks for what the open nodes show: schemas, a schema's objects, a relation's details. */
  #load(rows: readonly TreeRow[]): void {
    const { schema } = this.#app()!;
    for (const row of rows) {
      if (!row.expanded) continue;
      if (row.type === 'connection') schema.ensureSchemas(row.connectionId);
      else if (row.type === 'schema') schema.ensureObjects(row.connectionId, row.schema!);
      else if (
        row.type === 'object' &&
        row.object &&
        !schema.detailsOf(row.connectionId, row.object.oid)
      )
        void schema
          .details(row.connectionId, row.object.oid, row.object.kind)
          .catch(() => undefined);
    }
  }

  #window(): { first: number; last: number } {
    const first = Math.max(0, Math.floor(this.#scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(
      this.#rows.length,
      Math.ceil((this.#scrollTop + this.#height) / ROW_HEIGHT) + OVERSCAN,
    );
    return { first, last };
  }

  #activeAt(): number {
    const at = this.#activeKey === null ? undefined : this.#index.get(this.#activeKey);
    if (at !== undefined) return at;
    const id = this.#app()?.connections.value.activeId;
    return this.#index.get(`c:${id}`) ?? (this.#rows.length ? 0 : -1);
  }

  /** Makes row `at` the active one (its connection the selected one), scrolled into view. */
  #activate(at: number): void {
    const row = this.#rows[Math.max(0, Math.min(this.#rows.length - 1, at))];
    if (!row) return;
    this.#activeKey = row.key;
    this.#app()?.connections.select(row.connectionId);
    const index = this.#index.get(row.key)!;
    const tree = this.#tree();
    if (tree) {
      const top = index * ROW_HEIGHT;
      if (top < tree.scrollTop) tree.scrollTop = top;
      else if (top + ROW_HEIGHT > tree.scrollTop + tree.clientHeight)
        tree.scrollTop = top + ROW_HEIGHT - tree.clientHeight;
      this.#scrollTop = tree.scrollTop;
    }
    this.#host.requestUpdate();
  }

  /** Opens or closes a row (`open` undefined: the other way round). */
  #toggle(row: TreeRow, open = !row.expanded): void {
    if (row.expanded === undefined) return;
    if (open) {
      this.#expanded.add(row.key);
      this.#collapsed.delete(row.key);
    } else {
      this.#expanded.delete(row.key);
      this.#collapsed.add(row.key);
    }
    this.#dirty = true;
    this.#host.requestUpdate();
  }

  async #act(row: TreeRow, action: TreeAction): Promise<void> {
    const app = this.#app();
    if (!app) return;
    const said = await runTreeAction(this.#host, app, row, action);
    if (said) this.#say(said);
  }

  #say(text: string): void {
    this.#said = text;
    clearTimeout(this.#saidTimer);
    this.#saidTimer = setTimeout(() => {
      this.#said = '';
      this.#host.requestUpdate();
    }, 2500);
    this.#host.requestUpdate();
  }

  #openMenu(row: TreeRow, x: number, y: number): void {
    this.#menu = { row, x, y };
    this.#host.requestUpdate();
  }

  #closeMenu(): void {
    this.#menu = null;
    this.#host.requestUpdate();
    this.focus();
  }

  #onKey(event: KeyboardEvent): void {
    const at = this.#activeAt();
    const row = this.#rows[at];
    if (!row) return;
    const action = treeKeyAction(event, row, {
      move: (index) => this.#activate(index),
      at,
      rows: this.#rows,
      indexOf: (key) => this.#index.get(key) ?? -1,
      page: Math.max(1, Math.floor(this.#height / ROW_HEIGHT) - 1),
      toggle: (r, open) => this.#toggle(r, open),
      act: (r, a) => void this.#act(r, a),
      menu: (r) => {
        const box = this.#host.renderRoot
          .querySelector(`[data-key="${CSS.escape(r.key)}"]`)
          ?.getBoundingClientRect();
        this.#openMenu(r, (box?.left ?? 0) + 24, box?.bottom ?? 0);
      },
      connection: this.#handlers,
    });
    if (!action) return;
    event.preventDefault();
    action();
  }

  #rowOf(event: Event): TreeRow | undefined {
    const key = (event.target as HTMLElement).closest<HTMLElement>('[data-key]')?.dataset['key'];
    const at = key === undefined ? undefined : this.#index.get(key);
    return at === undefined ? undefined : this.#rows[at];
  }

  #onClick(event: MouseEvent): void {
    const row = this.#rowOf(event);
    if (!row) return;
    this.#activate(this.#index.get(row.key)!);
    const twisty = (event.target as HTMLElement).classList.contains('twisty');
    if (twisty && event.detail === 1) return this.#toggle(row);
    if (event.detail !== 2) return;
    if (row.type === 'connection') this.#handlers.connect(row.connectionId);
    else if (row.object && row.type !== 'part') void this.#act(row, 'open');
    else this.#toggle(row);
  }

  #onContextMenu(event: MouseEvent): void {
    const row = this.#rowOf(event);
    if (!row) return;
    event.preventDefault();
    this.#activate(this.#index.get(row.key)!);
    this.#openMenu(row, event.clientX, event.clientY);
  }

  #onScroll(event: Event): void {
    const before = this.#window();
    this.#scrollTop = (event.target as HTMLElement).scrollTop;
    const after = this.#window();
    if (before.first !== after.first || before.last !== after.last) this.#host.requestUpdate();
  }

  /** The tree (the `tree` element with the rows in view), its menu and its status line. */
  render(items: readonly ConnectionItem[]) {
    const rows = this.#visible(items);
    const { first, last } = this.#window();
    const at = this.#activeAt();
    const domId = (row: TreeRow) =>
      row.type === 'connection'
        ? `conn-${row.connectionId}`
        : `node-${encodeURIComponent(row.key)}`;
    const active = rows[at];
    const menu = this.#menu;
    return html`<div
        class="tree"
        role="tree"
        aria-label="Connections"
        tabindex="0"
        aria-activedescendant=${active ? domId(active) : nothing}
        @keydown=${(e: KeyboardEvent) => this.#onKey(e)}
        @click=${(e: MouseEvent) => this.#onClick(e)}
        @contextmenu=${(e: MouseEvent) => this.#onContextMenu(e)}
        @scroll=${(e: Event) => this.#onScroll(e)}
      >
        <div class="rows" role="none">
          ${rows
            .slice(first, last)
            .map((row, i) => renderRow(row, { active: first + i === at, domId: domId(row) }))}
        </div>
      </div>
      ${
        menu
          ? html`<tusk-tree-menu
              .items=${menuItems(menu.row, this.#app()!)}
              .at=${{ x: menu.x, y: menu.y }}
              @tusk-menu-close=${() => this.#closeMenu()}
              @tusk-menu-choose=${(e: CustomEvent<TreeAction>) => {
                this.#closeMenu();
                void this.#act(menu.row, e.detail);
              }}
            ></tusk-tree-menu>`
          : nothing
      }
      <div class="said" role="status">${this.#said}</div>`;
  }
}
