import { css, html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { formatCount } from './cell-format';
import { GridExportEvent, GridFindEvent } from './grid-events';
import type { CopyFormat } from './grid-source';
import type { SelectionFigures } from './grid-stats';

/** The copy formats by name, in the menu's order. */
export const COPY_FORMAT_NAMES: Record<CopyFormat, string> = {
  tsv: 'TSV',
  csv: 'CSV',
  json: 'JSON',
  markdown: 'Markdown',
  sql: 'SQL INSERT',
};

/** A line the bar shows after a copy: what was copied, or why not. */
export interface BarMessage {
  text: string;
  error?: boolean;
  /** More about it (what to do), shown on hover. */
  hint?: string;
  /** Work under way (a sort or filter): a spinner and Cancel go with it. */
  busy?: boolean;
  /** Too much to copy: "Export…" goes with it (the whole result to a file). */
  offerExport?: boolean;
}

/** Fired by the bar: copy in a format (`detail`), with column names or not. */
export interface CopyChoice {
  format: CopyFormat;
  headers: boolean;
}

/** Typing pauses this long before the filter is applied (Enter applies it at once). */
const FILTER_DELAY_MS = 300;

/**
 * The grid's small bar: a filter box (rows with a cell containing the text, any column,
 * case-insensitive) with how many rows it keeps, the selection's size and figures, the
 * last copy's outcome, and the "Copy as" menu (TSV, CSV, JSON, Markdown, SQL INSERT; with
 * column names or not).
 * @fires grid-copy - CustomEvent<CopyChoice>
 * @fires grid-filter - CustomEvent<string>: the filter text to apply ('' for none)
 * @fires grid-cancel - Cancel of the sort or filter under way (its button, or Escape in the box)
 * @fires grid-leave - Arrow Down, or Escape in an empty filter box: back to the grid
 * @fires tusk-grid-export - {GridExportEvent} "Export…" (the menu's, or the copy limit's)
 */
export class TuskGridBar extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: 12px;
      min-height: 26px;
      padding: 0 4px 0 8px;
      border-top: 1px solid var(--tusk-border);
      background: var(--tusk-bg-status);
      color: var(--tusk-text-muted);
      font-size: var(--tusk-font-size-small);
      white-space: nowrap;
      overflow: hidden;
    }
    .figures {
      flex: 0 1 auto;
      min-width: 0;
      display: flex;
      gap: 12px;
      overflow: hidden;
      text-overflow: ellipsis;
      font-variant-numeric: tabular-nums;
    }
    .figures b {
      font-weight: 500;
      color: var(--tusk-text);
    }
    .message {
      flex: 0 1 auto;
      min-width: 0;
      margin-left: auto;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .message.error {
      color: var(--tusk-danger);
    }
    .message.wraps {
      padding: 3px 0;
      white-space: normal;
      overflow-wrap: anywhere;
    }
    .message wa-spinner {
      font-size: 11px;
      margin-right: 6px;
      vertical-align: -1px;
    }
    .cancel,
    .export {
      flex: none;
    }
    .end {
      flex: none;
      margin-left: auto;
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .message + .end {
      margin-left: 0;
    }
    .filter {
      flex: none;
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .filter[hidden] {
      display: none;
    }
    input {
      box-sizing: border-box;
      width: 180px;
      height: 20px;
      padding: 0 6px;
      border: 1px solid var(--tusk-border);
      border-radius: 3px;
      background: var(--tusk-bg);
      color: var(--tusk-text);
      font: inherit;
      outline: none;
    }
    input:focus {
      border-color: var(--tusk-accent);
    }
    input::placeholder {
      color: var(--tusk-text-faint);
    }
    .kept {
      font-variant-numeric: tabular-nums;
    }
    .note {
      flex: 0 1 auto;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      color: var(--tusk-text-faint);
    }
    wa-button::part(base) {
      height: 20px;
      font-size: var(--tusk-font-size-small);
    }
  `;

  static override properties = {
    figures: { attribute: false },
    message: { attribute: false },
    headers: { type: Boolean },
    applied: { attribute: false },
    text: { state: true },
    kept: { attribute: false },
    noFilter: { type: Boolean },
    note: { attribute: false },
  };
  declare figures: SelectionFigures | null;
  declare message: BarMessage | null;
  /** Whether copies from the menu include the column names. */
  declare headers: boolean;
  /** The filter in force (set by the grid: a new result clears it). */
  declare applied: string;
  /** The filter box's text, applied or not yet. */
  declare text: string;
  /** While a filter is applied: the rows it keeps of those held. */
  declare kept: { shown: number; held: number } | null;
  /** No filter box (the rows are filtered by the server: a table's WHERE). */
  declare noFilter: boolean;
  /** A quiet note on the result (why it is read-only); '' for none. */
  declare note: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #applied = '';

  constructor() {
    super();
    this.figures = null;
    this.message = null;
    this.headers = false;
    this.noFilter = false;
    this.note = '';
    this.applied = '';
    this.text = '';
    this.kept = null;
  }

  /**
   * Moves the focus to the filter box, its text selected; without one (the server filters:
   * a table's WHERE) fires {@link GridFindEvent} for the host's box.
   */
  focusFilter(): void {
    if (this.noFilter) return void this.dispatchEvent(new GridFindEvent());
    const input = this.renderRoot.querySelector('input');
    input?.focus();
    input?.select();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('applied') && this.applied !== this.#applied) {
      this.#applied = this.applied;
      this.text = this.applied;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  #apply(): void {
    clearTimeout(this.#timer);
    if (this.text.trim() === this.#applied.trim()) return;
    this.#applied = this.text;
    this.dispatchEvent(new CustomEvent('grid-filter', { detail: this.text }));
  }

  #onInput(event: Event): void {
    this.text = (event.target as HTMLInputElement).value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#apply(), FILTER_DELAY_MS);
  }

  #onKey(event: KeyboardEvent): void {
    event.stopPropagation(); // the grid's and the tab's keys stay out of the box
    if (event.key === 'Enter') return this.#apply();
    if (event.key === 'ArrowDown' || (event.key === 'Escape' && !this.text)) {
      event.preventDefault();
      this.#apply();
      this.dispatchEvent(new Event('grid-leave'));
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      this.text = '';
      this.#apply();
    }
  }

  #choose(event: CustomEvent<{ item: { value: string; checked?: boolean } }>): void {
    const { value } = event.detail.item;
    if (value === 'export') return void this.dispatchEvent(new GridExportEvent());
    if (value === 'headers') {
      // A setting of the copies, not a copy: the menu stays open for the format.
      event.preventDefault();
      this.headers = !this.headers;
      return;
    }
    const detail: CopyChoice = { format: value as CopyFormat, headers: this.headers };
    this.dispatchEvent(new CustomEvent('grid-copy', { detail }));
  }

  #figures() {
    const f = this.figures;
    if (!f || f.rows * f.columns <= 1) return nothing;
    const size = html`<span>${formatCount(f.rows)} × ${formatCount(f.columns)}</span>`;
    if (f.tooLarge) return html`<span class="figures">${size}</span>`;
    const item = (name: string, value: string | null) =>
      value === null ? nothing : html`<span>${name} <b>${value}</b></span>`;
    return html`<span class="figures" data-test="figures"
      >${size}${item('Count', formatCount(f.count))}${item('Sum', f.sum)}${item(
        'Min',
        f.min,
      )}${item('Max', f.max)}${item('Avg', f.avg)}</span
    >`;
  }

  override render() {
    const message = this.message;
    const kept = this.kept;
    return html`<span class="filter" ?hidden=${this.noFilter}>
        <input
          type="search"
          aria-label="Filter rows"
          placeholder="Filter rows (Ctrl+F)"
          spellcheck="false"
          .value=${live(this.text)}
          @input=${this.#onInput}
          @keydown=${this.#onKey}
          @change=${() => this.#apply()}
        />
        ${
          kept
            ? html`<span class="kept" data-test="kept"
                >${formatCount(kept.shown)} of ${formatCount(kept.held)} rows</span
              >`
            : nothing
        }
      </span>
      ${this.#figures()}
      ${this.note ? html`<span class="note" data-test="read-only" title=${this.note}>${this.note}</span>` : nothing}
      ${
        message
          ? html`<span
                class="message ${message.error ? 'error' : ''} ${message.offerExport ? 'wraps' : ''}"
                role="status"
                title=${message.hint ? `${message.text}. ${message.hint}` : message.text}
                >${message.busy ? html`<wa-spinner aria-hidden="true"></wa-spinner>` : nothing}${message.text}</span
              >${
                message.offerExport
                  ? html`<wa-button
                      size="s"
                      appearance="outlined"
                      class="export"
                      @click=${() => this.dispatchEvent(new GridExportEvent())}
                      >Export…</wa-button
                    >`
                  : nothing
              }${
                message.busy
                  ? html`<wa-button
                      size="s"
                      appearance="outlined"
                      class="cancel"
                      @click=${() => this.dispatchEvent(new Event('grid-cancel'))}
                      >Cancel</wa-button
                    >`
                  : nothing
              }`
          : nothing
      }
      <span class="end">
        <wa-dropdown placement="top-end" @wa-select=${this.#choose}>
          <wa-button slot="trigger" size="s" appearance="plain" with-caret>Copy as</wa-button>
          ${Object.entries(COPY_FORMAT_NAMES).map(
            ([value, name]) => html`<wa-dropdown-item value=${value}>${name}</wa-dropdown-item>`,
          )}
          <wa-divider></wa-divider>
          <wa-dropdown-item type="checkbox" value="headers" ?checked=${this.headers}
            >With column names</wa-dropdown-item
          >
          <wa-divider></wa-divider>
          <wa-dropdown-item value="export">Export the whole result…</wa-dropdown-item>
        </wa-dropdown>
      </span>`;
  }
}

customElements.define('tusk-grid-bar', TuskGridBar);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-grid-bar': TuskGridBar;
  }
}
