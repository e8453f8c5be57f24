import { css, html, LitElement } from 'lit';
import { DialogAnswer, showDialog } from '../shared/dialog-host';
import { dialogStyles } from '../shared/dialog.styles';
import '../shared/web-awesome';

/** The values typed for `$1…$n`: text (the server casts it), or null for SQL NULL. */
export type ParameterValues = (string | null)[];

/** What the parameters dialog asks: how many, and the values to start from. */
export interface ParametersQuestion {
  count: number;
  initial?: ParameterValues;
}

/** A form control of Web Awesome, as far as this dialog reads it. */
type Field = HTMLElement & { value: string | null; checked: boolean };

/**
 * Asks for the values of a query's parameters `$1…$n` in a modal `wa-dialog`: one
 * labelled field per parameter ("$1"…) with a NULL box beside it, Run and Cancel. Enter
 * in a field runs, Escape cancels. Use {@link askParameters}.
 */
export class TuskSqlParamsDialog extends LitElement {
  static override styles = [
    dialogStyles,
    css`
      wa-dialog {
        --width: 28rem;
      }
      .hint {
        margin: 0 0 8px;
        color: var(--tusk-text-muted);
      }
      .rows {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 8px 12px;
        align-items: end;
        max-height: 50vh;
        overflow: auto;
      }
      wa-checkbox {
        padding-bottom: 6px;
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      [slot='footer'] {
        display: flex;
        gap: var(--wa-space-xs);
        justify-content: flex-end;
      }
    `,
  ];

  /** {@link askParameters}, reachable from the element's class (`customElements.get`). */
  static readonly askParameters = askParameters;

  static override properties = {
    count: { type: Number },
    initial: { attribute: false },
    nulls: { state: true },
  };
  /** How many parameters: `$1` to `$count`. */
  declare count: number;
  /** Values to start from (the last run's), by index. */
  declare initial: ParameterValues;
  declare nulls: boolean[];
  readonly #answer = new DialogAnswer<ParameterValues | null>();

  constructor() {
    super();
    this.count = 0;
    this.initial = [];
    this.nulls = [];
  }

  /** Opens it; resolves with the values on Run, null on Cancel or Escape. */
  show({ count, initial = [] }: ParametersQuestion): Promise<ParameterValues | null> {
    this.#answer.settle(null);
    this.count = count;
    this.initial = initial;
    this.nulls = Array.from({ length: count }, (_, i) => initial[i] === null);
    void this.updateComplete.then(() => {
      (this.renderRoot.querySelector('wa-dialog') as HTMLElement & { open: boolean }).open = true;
    });
    return this.#answer.wait();
  }

  #close(values: ParameterValues | null): void {
    this.#answer.settle(values);
    (this.renderRoot.querySelector('wa-dialog') as HTMLElement & { open: boolean }).open = false;
  }

  /** Closed by Escape or the header's ×: cancelled (not a late event of an earlier close). */
  readonly #afterHide = (event: Event) => {
    const dialog = event.currentTarget as HTMLElement & { open: boolean };
    if (event.target === dialog && !dialog.open) this.#close(null);
  };

  #values(): ParameterValues {
    const fields = [...this.renderRoot.querySelectorAll<Field>('wa-input')];
    return fields.map((field, i) => (this.nulls[i] ? null : (field.value ?? '')));
  }

  #toggleNull(index: number, event: Event): void {
    const next = [...this.nulls];
    next[index] = (event.target as Field).checked;
    this.nulls = next;
  }

  override render() {
    const indexes = Array.from({ length: this.count }, (_, i) => i);
    const plural = this.count === 1 ? 'parameter' : 'parameters';
    return html`<wa-dialog label="Query parameters" @wa-after-hide=${this.#afterHide}>
      <p class="hint">The query has ${this.count} ${plural}. Values go to the server as text.</p>
      <div
        class="rows"
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter' && (e.target as Element).localName === 'wa-input') {
            e.preventDefault();
            this.#close(this.#values());
          }
        }}
      >
        ${indexes.map(
          (i) =>
            html`<wa-input
                size="s"
                label=${`$${i + 1}`}
                .value=${this.initial[i] ?? ''}
                ?disabled=${this.nulls[i]}
                ?autofocus=${i === 0}
              ></wa-input>
              <wa-checkbox
                size="s"
                ?checked=${this.nulls[i]}
                @change=${(e: Event) => this.#toggleNull(i, e)}
                >NULL<span class="visually-hidden"> for $${i + 1}</span></wa-checkbox
              >`,
        )}
      </div>
      <div slot="footer">
        <wa-button size="s" appearance="outlined" @click=${() => this.#close(null)}
          >Cancel</wa-button
        >
        <wa-button size="s" variant="brand" @click=${() => this.#close(this.#values())}
          >Run</wa-button
        >
      </div>
    </wa-dialog>`;
  }
}

customElements.define('tusk-sql-params-dialog', TuskSqlParamsDialog);

/**
 * Asks for `count` parameter values in a dialog (through `host`'s dialog host; the previous
 * run's `initial` values filled in); resolves with them (strings, or null for NULL) on Run,
 * or null when cancelled.
 */
export function askParameters(
  host: Element,
  count: number,
  initial: ParameterValues = [],
): Promise<ParameterValues | null> {
  return showDialog(host, 'tusk-sql-params-dialog', { count, initial });
}

declare global {
  interface HTMLElementTagNameMap {
    'tusk-sql-params-dialog': TuskSqlParamsDialog;
  }
  interface TuskDialogs {
    'tusk-sql-params-dialog': { params: ParametersQuestion; answer: ParameterValues | null };
  }
}
