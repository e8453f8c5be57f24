import { css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ColumnDetails } from '../../controllers/api';
import { DELIMITERS } from './export-choices';
import { ENCODINGS, type ReadOptions } from './csv-preview';

/** What the import dialog asks of the file. */
export interface ImportChoices extends ReadOptions {
  header: boolean;
  encoding: string;
}

/** Changes some of the choices. */
type Set = (change: Partial<ImportChoices>) => void;

/** The preview's and the mapping's tables: small, ruled, scrolled inside their box. */
export const importFieldStyles = css`
  .box {
    grid-column: 1 / -1;
    max-height: 11.5rem;
    overflow: auto;
    border: 1px solid var(--tusk-border);
    border-radius: var(--tusk-radius);
    background: var(--tusk-bg);
  }
  table {
    border-collapse: collapse;
    font-size: var(--tusk-font-size-small);
    font-variant-numeric: tabular-nums;
  }
  .preview table {
    font-family: var(--tusk-font-mono, monospace);
  }
  th,
  td {
    max-width: 14rem;
    height: 20px;
    padding: 0 8px;
    border-right: 1px solid var(--tusk-border);
    border-bottom: 1px solid var(--tusk-border);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    text-align: left;
  }
  th {
    position: sticky;
    top: 0;
    background: var(--tusk-bg-sidebar);
    color: var(--tusk-text-muted);
    font-weight: 500;
    font-family: var(--tusk-font-ui, inherit);
  }
  td.null {
    color: var(--tusk-text-faint);
    font-style: italic;
  }
  .mapping table {
    width: 100%;
  }
  .mapping td {
    height: 26px;
  }
  .mapping select {
    width: 100%;
    height: 22px;
  }
  .type {
    color: var(--tusk-text-muted);
    margin-left: 6px;
  }
  .section {
    grid-column: 1 / -1;
    display: flex;
    justify-content: space-between;
    color: var(--tusk-text-muted);
    margin-top: 4px;
  }
`;

/** The reading options: format, header, delimiter, quote, escape, encoding, NULL text. */
export function readFields(c: ImportChoices, set: Set) {
  const csv = c.format === 'csv';
  const char = (label: string, key: 'quote' | 'escape') =>
    html`<label class="pair"
      >${label}
      <input
        class="char"
        maxlength="1"
        spellcheck="false"
        aria-label=${label}
        .value=${live(c[key])}
        @input=${(e: Event) => set({ [key]: (e.target as HTMLInputElement).value })}
    /></label>`;
  return html`<label class="label" for="format">Format</label>
    <div class="row">
      <select
        id="format"
        class="main"
        @change=${(e: Event) => set({ format: (e.target as HTMLSelectElement).value as 'csv' | 'tsv' })}
      >
        <option value="csv" ?selected=${csv}>CSV</option>
        <option value="tsv" ?selected=${!csv}>TSV (COPY text)</option>
      </select>
      <label class="check"
        ><input
          type="checkbox"
          .checked=${live(c.header)}
          @change=${(e: Event) => set({ header: (e.target as HTMLInputElement).checked })}
        />First line is a header</label
      >
    </div>
    ${
      csv
        ? html`<label class="label" for="delimiter">Delimiter</label>
            <div class="row">
              <select
                id="delimiter"
                class="main"
                @change=${(e: Event) => set({ delimiter: (e.target as HTMLSelectElement).value })}
              >
                ${DELIMITERS.map(
                  (d) =>
                    html`<option value=${d.value} ?selected=${d.value === c.delimiter}>
                      ${d.name}
                    </option>`,
                )}
              </select>
              ${char('Quote', 'quote')} ${char('Escape', 'escape')}
            </div>`
        : nothing
    }
    <label class="label" for="encoding">Encoding</label>
    <div class="row">
      <select
        id="encoding"
        class="main"
        @change=${(e: Event) => set({ encoding: (e.target as HTMLSelectElement).value })}
      >
        ${ENCODINGS.map((e) => html`<option value=${e.pg} ?selected=${e.pg === c.encoding}>${e.pg}</option>`)}
      </select>
      <label class="pair"
        >NULL as
        <input
          class="main"
          aria-label="NULL as"
          spellcheck="false"
          placeholder=${csv ? 'unquoted empty' : '\\N'}
          .value=${live(c.nullText)}
          @input=${(e: Event) => set({ nullText: (e.target as HTMLInputElement).value })}
      /></label>
    </div>`;
}

/** The first records as the options read them (NULL shown apart). */
export function previewTable(fields: readonly string[], rows: readonly (string | null)[][]) {
  return html`<div class="box preview" aria-label="Preview" role="region" tabindex="0">
    <table>
      <thead>
        <tr>
          ${fields.map((f) => html`<th title=${f}>${f}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              ${fields.map((_, i) => {
                const value = row[i];
                return value === null || value === undefined
                  ? html`<td class="null">${value === null ? 'NULL' : ''}</td>`
                  : html`<td title=${value}>${value}</td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Each table column with the file's field it takes (or its default); a select each. */
export function mappingTable(
  columns: readonly ColumnDetails[],
  fields: readonly string[],
  mapping: ReadonlyMap<string, number | null>,
  choose: (column: string, field: number | null) => void,
) {
  return html`<div class="box mapping">
    <table>
      <thead>
        <tr>
          <th>Table column</th>
          <th>From the file</th>
        </tr>
      </thead>
      <tbody>
        ${columns.map((column) => {
          const at = mapping.get(column.name) ?? null;
          const generated = column.generated !== null;
          return html`<tr>
            <td>${column.name}<span class="type">${column.type}</span></td>
            <td>
              <select
                aria-label=${`Field for ${column.name}`}
                ?disabled=${generated}
                @change=${(e: Event) => {
                  const value = (e.target as HTMLSelectElement).value;
                  choose(column.name, value === '' ? null : Number(value));
                }}
              >
                <option value="" ?selected=${at === null}>
                  ${generated ? '(generated)' : `(default${column.default ? `: ${column.default}` : column.nullable ? ': NULL' : ''})`}
                </option>
                ${fields.map(
                  (f, i) => html`<option value=${i} ?selected=${at === i}>${i + 1}: ${f}</option>`,
                )}
              </select>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
