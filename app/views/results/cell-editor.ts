import { css, html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { booleanFromKey, isBooleanType, isMultiLine, refuseValue } from './edit-values';
import type { EditValue } from './grid-editing';

/** Where the editor is drawn, px from the grid's top left corner. */
export interface EditorPlace {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Fired when the editor is left with a value: `move` says where the active cell goes. */
export interface CellCommit {
  value: EditValue;
  move: 'right' | 'left' | null;
}

/**
 * A cell's editor, drawn over the cell: one line of text, or several (a long value, one
 * with line breaks, JSON) where Enter is a new line and Ctrl+Enter commits; a NULL
 * checkbox apart from the empty text (Ctrl+0 toggles it); a boolean as a three-way toggle
 * (true, false, NULL: ← → or t f n). JSON must parse and bytea be `\x` hex before it is
 * accepted (the reason shows under it). Escape leaves without a change; Enter or Tab
 * commits (Tab moves on). Keys stay inside (the grid's and the tab's keys do not fire).
 * @fires cell-commit - CustomEvent<CellCommit>
 * @fires cell-cancel - left without a change
 */
export class TuskCellEditor extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      z-index: 4;
      display: flex;
      flex-direction: column;
      box-sizing: border-box;
      background: var(--tusk-bg);
      border: 2px solid var(--tusk-focus);
      box-shadow: 0 4px 14px rgb(0 0 0 / 0.22);
      font-size: var(--tusk-font-size-small);
    }
    textarea,
    input[type='text'] {
      box-sizing: border-box;
      width: 100%;
      margin: 0;
      padding: 0 4px;
      border: 0;
      outline: none;
      background: transparent;
      color: var(--tusk-text);
      font: 12px / 18px var(--tusk-font-code);
      resize: none;
    }
    input[type='text'] {
      height: 100%;
      min-height: 18px;
    }
    textarea {
      height: 9em;
      padding-top: 2px;
    }
    .null-text::placeholder {
      color: var(--tusk-text-faint);
      font-style: italic;
    }
    .foot {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 2px 6px;
      border-top: 1px solid var(--tusk-border);
      background: var(--tusk-bg-sidebar);
      color: var(--tusk-text-muted);
      font: 11px var(--tusk-font-ui);
      white-space: nowrap;
    }
    .foot label {
      display: flex;
      align-items: center;
      gap: 3px;
    }
    .foot input {
      margin: 0;
    }
    .hint {
      margin-left: auto;
      color: var(--tusk-text-faint);
    }
    .refused {
      padding: 2px 6px;
      background: var(--tusk-danger-bg);
      color: var(--tusk-danger);
      font: 11px var(--tusk-font-ui);
      white-space: normal;
    }
    .three {
      display: flex;
      height: 100%;
      min-height: 18px;
    }
    .three button {
      flex: 1;
      border: 0;
      border-right: 1px solid var(--tusk-border);
      background: transparent;
      color: var(--tusk-text-muted);
      font: 12px var(--tusk-font-code);
      cursor: pointer;
    }
    .three button[aria-checked='true'] {
      background: var(--tusk-bg-selected);
      color: var(--tusk-text);
      font-weight: 600;
    }
    .three button:focus-visible {
      outline: 1px solid var(--tusk-focus);
      outline-offset: -1px;
    }
  `;

  static override properties = {
    type: {},
    name: {},
    value: { attribute: false },
    place: { attribute: false },
    refused: { state: true },
    isNull: { state: true },
  };
  /** The column's type (`jsonb`, `boolean`, `text`…). */
  declare type: string;
  /** The column's name (the editor's accessible name). */
  declare name: string;
  /** The value being edited (the text typed so far). */
  declare value: string;
  declare place: EditorPlace | null;
  declare refused: string | null;
  declare isNull: boolean;
  #multi = false;

  constructor() {
    super();
    this.type = 'text';
    this.name = '';
    this.value = '';
    this.place = null;
    this.refused = null;
    this.isNull = false;
  }

  /** Starts on `value` (null: NULL); `typed`: a character typed on the cell replaces it. */
  open(value: EditValue, typed?: string): void {
    this.refused = null;
    const bool = isBooleanType(this.type);
    if (bool && typed !== undefined) {
      const picked = booleanFromKey(typed);
      value = picked === undefined ? value : picked;
      typed = undefined;
    }
    this.isNull = value === null && typed === undefined;
    this.value = typed ?? value ?? '';
    this.#multi = !bool && isMultiLine(this.type, typed ?? value);
    void this.updateComplete.then(() => {
      const field = this.renderRoot.querySelector<HTMLElement>(
        bool ? '[aria-checked=true]' : 'textarea, input[type=text]',
      );
      field?.focus();
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
        const end = field.value.length;
        field.setSelectionRange(end, end);
      }
    });
  }

  override willUpdate(): void {
    const p = this.place;
    if (!p) return;
    const multi = this.#multi;
    this.style.left = `${p.left}px`;
    this.style.top = `${p.top}px`;
    this.style.minWidth = `${Math.max(p.width, multi ? 360 : 160)}px`;
    this.style.minHeight = `${p.height}px`;
  }

  #commit(move: CellCommit['move']): void {
    const value = this.isNull ? null : this.value;
    const refused = refuseValue(this.type, value);
    if (refused) {
      this.refused = refused;
      return;
    }
    const detail: CellCommit = { value, move };
    this.dispatchEvent(new CustomEvent('cell-commit', { detail }));
  }

  readonly #onKey = (event: KeyboardEvent) => {
    event.stopPropagation();
    const ctrl = event.ctrlKey || event.metaKey;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.dispatchEvent(new Event('cell-cancel'));
    } else if (event.key === 'Tab') {
      event.preventDefault();
      this.#commit(event.shiftKey ? 'left' : 'right');
    } else if (event.key === 'Enter' && (ctrl || !this.#multi) && !event.shiftKey) {
      event.preventDefault();
      this.#commit(null);
    } else if (ctrl && (event.key === '0' || event.code === 'Digit0')) {
      event.preventDefault();
      this.#setNull(!this.isNull);
    } else if (isBooleanType(this.type)) this.#onBooleanKey(event);
  };

  #onBooleanKey(event: KeyboardEvent): void {
    const order: EditValue[] = ['t', 'f', null];
    const at = order.indexOf(this.isNull ? null : this.value);
    const step =
      event.key === 'ArrowRight' || event.key === ' ' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const picked = step ? order[(at + step + 3) % 3] : booleanFromKey(event.key);
    if (picked === undefined) return;
    event.preventDefault();
    this.#pick(picked);
  }

  #pick(value: EditValue): void {
    this.isNull = value === null;
    if (value !== null) this.value = value;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[aria-checked=true]')?.focus(),
    );
  }

  #setNull(isNull: boolean): void {
    this.isNull = isNull;
    this.refused = null;
  }

  #onInput(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    this.isNull = false;
    this.refused = null;
  }

  #field() {
    const label = `${this.name} (${this.type})`;
    if (isBooleanType(this.type)) {
      const shown = this.isNull ? null : this.value;
      const option = (value: EditValue, text: string) =>
        html`<button
          role="radio"
          tabindex=${shown === value ? 0 : -1}
          aria-checked=${shown === value ? 'true' : 'false'}
          @click=${() => this.#pick(value)}
          @dblclick=${() => this.#commit(null)}
        >
          ${text}
        </button>`;
      return html`<div class="three" role="radiogroup" aria-label=${label}>
        ${option('t', 'true')}${option('f', 'false')}${option(null, 'NULL')}
      </div>`;
    }
    const shown = this.isNull ? '' : this.value;
    const placeholder = this.isNull ? 'NULL' : '';
    return this.#multi
      ? html`<textarea
          class=${this.isNull ? 'null-text' : ''}
          aria-label=${label}
          spellcheck="false"
          placeholder=${placeholder}
          .value=${live(shown)}
          @input=${this.#onInput}
        ></textarea>`
      : html`<input
          type="text"
          class=${this.isNull ? 'null-text' : ''}
          aria-label=${label}
          spellcheck="false"
          autocomplete="off"
          placeholder=${placeholder}
          .value=${live(shown)}
          @input=${this.#onInput}
        />`;
  }

  override render() {
    const bool = isBooleanType(this.type);
    return html`<div @keydown=${this.#onKey}>
      ${this.#field()}
      ${
        this.refused
          ? html`<div class="refused" role="alert" data-test="edit-refused">${this.refused}</div>`
          : nothing
      }
      <div class="foot">
        ${
          bool
            ? nothing
            : html`<label
                ><input
                  type="checkbox"
                  .checked=${live(this.isNull)}
                  @change=${(e: Event) => this.#setNull((e.target as HTMLInputElement).checked)}
                />NULL</label
              >`
        }
        <span class="hint"
          >${this.#multi ? 'Ctrl+Enter' : 'Enter'} to set · Esc to
          leave${bool ? '' : ' · Ctrl+0 NULL'}</span
        >
      </div>
    </div>`;
  }
}

customElements.define('tusk-cell-editor', TuskCellEditor);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-cell-editor': TuskCellEditor;
  }
}
