import { css, html, LitElement, nothing } from 'lit';
import type { EditCounts, EditMessage } from './grid-editing';

/** What the edit bar's buttons ask the grid for. */
export type EditAction =
  'add' | 'duplicate' | 'delete' | 'undo' | 'redo' | 'preview' | 'discard' | 'apply';

/** The counts in words: `2 changed · 1 new · 1 deleted`; '' when none. */
export function countsText(counts: EditCounts): string {
  const parts = [
    counts.updated ? `${counts.updated.toLocaleString('en')} changed` : '',
    counts.inserted ? `${counts.inserted.toLocaleString('en')} new` : '',
    counts.deleted ? `${counts.deleted.toLocaleString('en')} deleted` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * The toolbar over an editable result: add a row, duplicate the active one, delete the
 * selected rows, undo and redo, the pending counts, the last apply's outcome, and Preview
 * SQL, Discard and Apply. Fires `edit-action` (CustomEvent<EditAction>).
 */
export class TuskEditBar extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: 2px;
      height: 28px;
      padding: 0 6px 0 4px;
      border-bottom: 1px solid var(--tusk-border);
      background: var(--tusk-bg-sidebar);
      color: var(--tusk-text-muted);
      font-size: var(--tusk-font-size-small);
      white-space: nowrap;
      overflow: hidden;
    }
    button {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      height: 22px;
      padding: 0 7px;
      border: 1px solid transparent;
      border-radius: 3px;
      background: transparent;
      color: var(--tusk-text);
      font: inherit;
      cursor: pointer;
    }
    button:hover:not(:disabled) {
      background: var(--tusk-bg-hover);
    }
    button:focus-visible {
      outline: 2px solid var(--tusk-focus);
      outline-offset: -2px;
    }
    button:disabled {
      color: var(--tusk-text-faint);
      cursor: default;
    }
    button.apply:not(:disabled) {
      border-color: var(--tusk-accent);
      background: var(--tusk-accent);
      color: #fff;
    }
    button.apply:hover:not(:disabled) {
      background: var(--tusk-accent);
      filter: brightness(1.08);
    }
    .sep {
      width: 1px;
      height: 16px;
      margin: 0 4px;
      background: var(--tusk-border);
    }
    .glyph {
      font: 13px / 1 var(--tusk-font-ui);
      color: var(--tusk-text-muted);
    }
    .counts {
      margin-left: 8px;
      color: var(--tusk-text);
      font-variant-numeric: tabular-nums;
    }
    .message {
      min-width: 0;
      margin-left: 10px;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .message.error {
      color: var(--tusk-danger);
    }
    .end {
      display: flex;
      gap: 4px;
      margin-left: auto;
      padding-left: 8px;
    }
  `;

  static override properties = {
    counts: { attribute: false },
    message: { attribute: false },
    canUndo: { type: Boolean },
    canRedo: { type: Boolean },
    busy: { type: Boolean },
  };
  declare counts: EditCounts;
  declare message: EditMessage | null;
  declare canUndo: boolean;
  declare canRedo: boolean;
  declare busy: boolean;

  constructor() {
    super();
    this.counts = { updated: 0, inserted: 0, deleted: 0 };
    this.message = null;
    this.canUndo = false;
    this.canRedo = false;
    this.busy = false;
  }

  #button(action: EditAction, text: string, title: string, disabled = false, glyph = '') {
    return html`<button
      class=${action}
      title=${title}
      ?disabled=${disabled || this.busy}
      @click=${() => this.dispatchEvent(new CustomEvent('edit-action', { detail: action }))}
    >
      ${glyph ? html`<span class="glyph" aria-hidden="true">${glyph}</span>` : nothing}${text}
    </button>`;
  }

  override render() {
    const counts = countsText(this.counts);
    const none = counts === '';
    const message = this.message;
    return html`${this.#button('add', 'Add row', 'Add a row (its columns DEFAULT)', false, '+')}
      ${this.#button('duplicate', 'Duplicate', 'Duplicate the row (Ctrl+D)')}
      ${this.#button('delete', 'Delete', 'Mark the selected rows deleted (Delete)')}
      <span class="sep"></span>
      ${this.#button('undo', 'Undo', 'Undo (Ctrl+Z)', !this.canUndo)}
      ${this.#button('redo', 'Redo', 'Redo (Ctrl+Shift+Z)', !this.canRedo)}
      <span class="counts" data-test="edit-counts" aria-live="polite"
        >${none ? '' : `Pending: ${counts}`}</span
      >
      ${
        message
          ? html`<span
              class="message ${message.error ? 'error' : ''}"
              role=${message.error ? 'alert' : 'status'}
              title=${message.text}
              data-test="edit-message"
              >${message.text}</span
            >`
          : nothing
      }
      <span class="end">
        ${this.#button('preview', 'Preview SQL', 'The statements Apply runs', none)}
        ${this.#button('discard', 'Discard', 'Drop every pending change', none)}
        ${this.#button('apply', 'Apply', 'Apply in one transaction (Ctrl+Enter)', none)}
      </span>`;
  }
}

customElements.define('tusk-edit-bar', TuskEditBar);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-edit-bar': TuskEditBar;
  }
}
