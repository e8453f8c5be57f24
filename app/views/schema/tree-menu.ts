import { css, html, LitElement, nothing } from 'lit';
import { displayKeys } from '../shared/shortcuts';
import type { MenuItem, TreeAction } from './tree-actions';

/**
 * The schema tree's context menu: a `menu` at a point (the pointer, or the row for the
 * Menu key), its items by arrows, Home/End, Enter or Space, a click; Escape, Tab or a
 * click elsewhere closes it. An on/off item shows a check mark while on (and every item
 * keeps the mark's room, so the labels line up). Fires `tusk-menu-choose` (detail: the
 * item's id) or `tusk-menu-close`; the tree takes the focus back either way.
 */
export class TuskTreeMenu extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      z-index: 20;
      min-width: 200px;
      padding: 4px 0;
      background: var(--tusk-bg-raised, var(--tusk-bg));
      color: var(--tusk-text);
      border: 1px solid var(--tusk-border);
      border-radius: 6px;
      box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
      font-size: var(--tusk-font-size);
    }
    [role^='menuitem'] {
      display: flex;
      gap: 24px;
      align-items: center;
      height: 26px;
      padding: 0 12px;
      outline: none;
      cursor: default;
      white-space: nowrap;
    }
    [role^='menuitem']:hover,
    [role^='menuitem']:focus {
      background: var(--tusk-bg-selected);
    }
    .checks [role^='menuitem'] {
      padding-left: 6px;
    }
    .check {
      flex: none;
      width: 16px;
      height: 16px;
      margin-right: -18px;
    }
    .check.on {
      background: var(--tusk-text);
      mask: url(assets/icons/check.svg) center / 16px no-repeat;
    }
    [role='separator'] {
      margin: 4px 0;
      border-top: 1px solid var(--tusk-border);
    }
    .label {
      flex: 1;
    }
    kbd {
      font: inherit;
      font-size: var(--tusk-font-size-small);
      color: var(--tusk-text-muted);
    }
  `;
  static override properties = {
    items: { attribute: false },
    at: { attribute: false },
  };
  declare items: readonly MenuItem[];
  declare at: { x: number; y: number };

  constructor() {
    super();
    this.items = [];
    this.at = { x: 0, y: 0 };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'menu');
    this.setAttribute('aria-label', 'Object actions');
    window.addEventListener('pointerdown', this.#outside, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pointerdown', this.#outside, true);
  }

  readonly #outside = (event: PointerEvent) => {
    if (!event.composedPath().includes(this)) this.#close();
  };

  #close(): void {
    this.dispatchEvent(new CustomEvent('tusk-menu-close'));
  }

  #choose(id: TreeAction): void {
    this.dispatchEvent(new CustomEvent('tusk-menu-choose', { detail: id }));
  }

  #buttons(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role^=menuitem]')];
  }

  /** Placed inside the window, the first item focused. */
  override firstUpdated(): void {
    const { width, height } = this.getBoundingClientRect();
    const x = Math.max(0, Math.min(this.at.x, innerWidth - width - 4));
    const y = Math.max(0, Math.min(this.at.y, innerHeight - height - 4));
    this.style.setProperty('left', `${x}px`);
    this.style.setProperty('top', `${y}px`);
    this.#buttons()[0]?.focus();
  }

  #onKey(event: KeyboardEvent): void {
    const buttons = this.#buttons();
    const at = buttons.indexOf(this.renderRoot.querySelector(':focus') as HTMLElement);
    const go = (index: number) => buttons[(index + buttons.length) % buttons.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => go(at + 1),
      ArrowUp: () => go(at - 1),
      Home: () => go(0),
      End: () => go(buttons.length - 1),
      Escape: () => this.#close(),
      Tab: () => this.#close(),
      Enter: () => at >= 0 && this.#choose(this.items[at]!.id),
      ' ': () => at >= 0 && this.#choose(this.items[at]!.id),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  }

  override render() {
    const checks = this.items.some((item) => item.checked !== undefined);
    return html`<div class=${checks ? 'checks' : ''} @keydown=${this.#onKey}>
      ${this.items.map((item, at) => {
        const toggle = item.checked !== undefined;
        return html`${toggle && at > 0 ? html`<div role="separator"></div>` : nothing}
          <div
            role=${toggle ? 'menuitemcheckbox' : 'menuitem'}
            aria-checked=${toggle ? String(item.checked) : nothing}
            tabindex="-1"
            @click=${() => this.#choose(item.id)}
          >
            ${
              checks
                ? html`<span class="check ${item.checked ? 'on' : ''}" aria-hidden="true"></span>`
                : nothing
            }
            <span class="label">${item.label}</span
            ><kbd>${item.keys ? displayKeys(item.keys.replace('Ctrl', 'Mod')) : nothing}</kbd>
          </div>`;
      })}
    </div>`;
  }
}

customElements.define('tusk-tree-menu', TuskTreeMenu);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-tree-menu': TuskTreeMenu;
  }
}
