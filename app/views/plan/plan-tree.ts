import { html, LitElement } from 'lit';
import type { PlanFinding, PlanNode } from '../../common/plan-shapes';
import { headerRow, nodeRow, placesOf, type NodePlace } from './plan-rows';
import { cssProps } from '../shared/css-props';
import { RowWindow } from '../shared/row-window';
import { planTreeStyles } from './plan-tree.styles';

/** Height of a row and of the header, px (as the styles draw them). */
const ROW_PX = 22;
const HEAD_PX = 24;

/** Fired by the tree when a node is selected (click, Enter or Space): `detail` is its id. */
export class PlanSelectEvent extends CustomEvent<number> {
  static readonly eventName = 'tusk-plan-select';
  constructor(id: number) {
    super(PlanSelectEvent.eventName, { detail: id, bubbles: true, composed: true });
  }
}

/**
 * A plan's nodes as an ARIA tree, one aligned row each (operation, what it reads,
 * condition, rows, estimate, loops, exclusive and inclusive time, a bar of its share,
 * buffers; costs without ANALYZE). Keyboard: Up/Down move, Right expands or goes to the
 * first child, Left collapses or goes to the parent, Home/End, Enter/Space select (roving
 * tabindex: the focused row is the one Tab reaches). Only the rows in view are drawn (and a
 * margin), so a plan of any size draws at once.
 * @fires tusk-plan-select - {PlanSelectEvent} a node was selected
 */
export class TuskPlanTree extends LitElement {
  static override styles = planTreeStyles;
  static override properties = {
    nodes: { attribute: false },
    findings: { attribute: false },
    analyze: { type: Boolean },
    selectedId: { attribute: false },
    focusId: { state: true },
    collapsed: { state: true },
  };
  declare nodes: PlanNode[];
  declare findings: PlanFinding[];
  /** The plan was analyzed: times are drawn, else costs. */
  declare analyze: boolean;
  /** The node whose details are shown, or null. */
  declare selectedId: number | null;
  declare focusId: number | null;
  declare collapsed: ReadonlySet<number>;

  #places = new Map<number, NodePlace>();
  #byId = new Map<number, PlanNode>();
  #marks = new Map<number, string[]>();
  /** Focus the focused row after the next update (a key or reveal moved it). */
  #moveFocus = false;
  /** The rows drawn (the others are only space). */
  readonly #window = new RowWindow(this, {
    rowPx: ROW_PX,
    headPx: HEAD_PX,
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
  });

  constructor() {
    super();
    this.nodes = [];
    this.findings = [];
    this.analyze = true;
    this.selectedId = null;
    this.focusId = null;
    this.collapsed = new Set();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('nodes')) {
      this.#places = placesOf(this.nodes);
      this.#byId = new Map(this.nodes.map((n) => [n.id, n]));
      this.collapsed = new Set();
      this.#window.reset();
      if (this.focusId === null || !this.#byId.has(this.focusId))
        this.focusId = this.nodes[0]?.id ?? null;
    }
    if (changed.has('findings')) {
      this.#marks = new Map();
      for (const f of this.findings) {
        if (f.nodeId === null) continue;
        this.#marks.set(f.nodeId, [...(this.#marks.get(f.nodeId) ?? []), f.message]);
      }
    }
  }

  /** The nodes shown: those whose ancestors are all expanded, in order. */
  #visible(): PlanNode[] {
    if (this.collapsed.size === 0) return this.nodes;
    const hidden = new Set<number>();
    return this.nodes.filter((n) => {
      const parent = n.parentId;
      if (parent !== null && (hidden.has(parent) || this.collapsed.has(parent))) {
        hidden.add(n.id);
        return false;
      }
      return true;
    });
  }

  override render() {
    const visible = this.#visible();
    const { first, items } = this.#window.slice(visible);
    const rows = items.map((node) =>
      nodeRow(node, {
        place: this.#places.get(node.id)!,
        expanded: !this.collapsed.has(node.id),
        selected: node.id === this.selectedId,
        focused: node.id === this.focusId,
        findings: this.#marks.get(node.id) ?? [],
        analyze: this.analyze,
      }),
    );
    // The focused row may be out of the window: the tree itself is then in the Tab order.
    const focusedDrawn = items.some((n) => n.id === this.focusId);
    return html`<div
      class="scroller ${this.analyze ? 'analyzed' : 'planned'}"
      @scroll=${this.#window.onScroll}
    >
      ${headerRow(this.analyze)}
      <div
        class="tree"
        role="tree"
        aria-label="Plan nodes"
        tabindex=${focusedDrawn ? -1 : 0}
        ${cssProps({
          height: `${visible.length * ROW_PX}px`,
          'padding-top': `${this.#window.before(first)}px`,
        })}
        @keydown=${this.#onKey}
        @click=${this.#onClick}
        @focusin=${this.#onFocusIn}
      >
        ${rows}
      </div>
    </div>`;
  }

  override updated(): void {
    if (!this.#moveFocus) return;
    this.#moveFocus = false;
    this.renderRoot
      .querySelector<HTMLElement>(`[role=treeitem][data-id="${this.focusId}"]`)
      ?.focus({ preventScroll: true });
  }

  /** Focuses the focused row (the tree's entry point). */
  override focus(): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>('[role=treeitem][tabindex="0"]') ??
      this.renderRoot.querySelector<HTMLElement>('[role=tree]');
    target?.focus();
  }

  /** Shows node `id`: its ancestors expanded, its row focused and scrolled into view. */
  reveal(id: number): void {
    const collapsed = new Set(this.collapsed);
    for (let n = this.#byId.get(id); n && n.parentId !== null; n = this.#byId.get(n.parentId))
      collapsed.delete(n.parentId);
    this.collapsed = collapsed;
    this.focusId = id;
    this.#moveFocus = true;
    void this.updateComplete.then(() => {
      const at = this.#visible().findIndex((n) => n.id === id);
      if (at >= 0) this.#window.scrollTo(at);
      this.#moveFocus = true;
      this.requestUpdate();
    });
  }

  #select(id: number): void {
    this.dispatchEvent(new PlanSelectEvent(id));
  }

  #toggle(id: number, open?: boolean): void {
    const collapsed = new Set(this.collapsed);
    const shut = open === undefined ? !collapsed.has(id) : !open;
    if (shut) collapsed.add(id);
    else collapsed.delete(id);
    this.collapsed = collapsed;
  }

  #rowOf(event: Event): number | null {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role=treeitem]');
    return row ? Number(row.dataset.id) : null;
  }

  #onFocusIn = (event: FocusEvent) => {
    if ((event.target as HTMLElement).getAttribute('role') === 'tree') {
      // The focused row was out of the window: bring it into view and focus it.
      const at = this.#visible().findIndex((n) => n.id === this.focusId);
      if (at >= 0) this.#window.scrollTo(at);
      this.#moveFocus = true;
      this.requestUpdate();
      return;
    }
    const id = this.#rowOf(event);
    if (id !== null && id !== this.focusId) this.focusId = id;
  };

  #onClick = (event: MouseEvent) => {
    const id = this.#rowOf(event);
    if (id === null) return;
    if ((event.target as HTMLElement).classList.contains('toggle')) return this.#toggle(id);
    this.focusId = id;
    this.#select(id);
  };

  #onKey = (event: KeyboardEvent) => {
    const id = this.focusId;
    if (id === null) return;
    const visible = this.#visible();
    const at = visible.findIndex((n) => n.id === id);
    const node = this.#byId.get(id)!;
    const hasChildren = (this.#places.get(id)?.children.length ?? 0) > 0;
    let next: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
        next = visible[Math.min(at + 1, visible.length - 1)]?.id ?? null;
        break;
      case 'ArrowUp':
        next = visible[Math.max(at - 1, 0)]?.id ?? null;
        break;
      case 'Home':
        next = visible[0]?.id ?? null;
        break;
      case 'End':
        next = visible.at(-1)?.id ?? null;
        break;
      case 'ArrowRight':
        if (hasChildren && this.collapsed.has(id)) this.#toggle(id, true);
        else if (hasChildren) next = this.#places.get(id)!.children[0]!;
        break;
      case 'ArrowLeft':
        if (hasChildren && !this.collapsed.has(id)) this.#toggle(id, false);
        else next = node.parentId;
        break;
      case 'Enter':
      case ' ':
        this.#select(id);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next !== null && next !== id) {
      this.focusId = next;
      this.#moveFocus = true;
      this.#window.scrollTo(visible.findIndex((n) => n.id === next));
    }
  };
}

customElements.define('tusk-plan-tree', TuskPlanTree);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-plan-tree': TuskPlanTree;
  }
}
