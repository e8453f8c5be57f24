import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { DELIMITERS, isExcel, type ExportChoices } from './export-choices';

/** Changes some of the choices. */
type Set = (change: Partial<ExportChoices>) => void;

/** CSV and TSV: header, the Excel preset, delimiter, quote, escape, NULL text, line ending, BOM. */
export function textOptions(c: ExportChoices, set: Set) {
  const csv = c.format === 'csv';
  return html`<span class="label">Options</span>
    <div class="row">
      <label class="check"
        ><input
          type="checkbox"
          .checked=${live(c.header)}
          @change=${(e: Event) => set({ header: (e.target as HTMLInputElement).checked })}
        />Header row</label
      >
      <label class="check"
        ><input
          type="checkbox"
          .checked=${live(c.bom)}
          @change=${(e: Event) => set({ bom: (e.target as HTMLInputElement).checked })}
        />UTF-8 BOM</label
      >
      <label class="check" title="UTF-8 BOM, CRLF line endings and a header row"
        ><input
          type="checkbox"
          .checked=${live(isExcel(c))}
          @change=${(e: Event) =>
            set(
              (e.target as HTMLInputElement).checked
                ? { bom: true, lineEnding: 'crlf', header: true }
                : { bom: false, lineEnding: 'lf' },
            )}
        />Excel preset</label
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
              ${char(set, 'Quote', 'quote', c.quote)} ${char(set, 'Escape', 'escape', c.escape)}
            </div>`
        : nothing
    }
    <label class="label" for="null-text">NULL as</label>
    <div class="row">
      <input
        id="null-text"
        class="main"
        placeholder="empty"
        spellcheck="false"
        .value=${live(c.nullText)}
        @input=${(e: Event) => set({ nullText: (e.target as HTMLInputElement).value })}
      />
      <label class="pair"
        >Line ending
        <select
          aria-label="Line ending"
          @change=${(e: Event) =>
            set({ lineEnding: (e.target as HTMLSelectElement).value as 'lf' | 'crlf' })}
        >
          <option value="lf" ?selected=${c.lineEnding === 'lf'}>LF</option>
          <option value="crlf" ?selected=${c.lineEnding === 'crlf'}>CRLF</option>
        </select></label
      >
    </div>`;
}

function char(set: Set, label: string, key: 'quote' | 'escape', value: string) {
  return html`<label class="pair"
    >${label}
    <input
      class="char"
      maxlength="1"
      spellcheck="false"
      aria-label=${label}
      .value=${live(value)}
      @input=${(e: Event) => set({ [key]: (e.target as HTMLInputElement).value })}
  /></label>`;
}

/** SQL INSERT: the target table, the rows per statement. */
export function sqlOptions(
  c: ExportChoices,
  set: Set,
  table: string,
  setTable: (table: string) => void,
) {
  return html`<label class="label" for="table">Table</label>
    <div class="row">
      <input
        id="table"
        class="wide"
        spellcheck="false"
        placeholder="exported"
        .value=${live(table)}
        @input=${(e: Event) => setTable((e.target as HTMLInputElement).value)}
      />
      <label class="pair"
        >Rows per INSERT
        <input
          class="num"
          type="number"
          min="1"
          max="10000"
          aria-label="Rows per INSERT"
          .value=${live(String(c.batchRows))}
          @input=${(e: Event) => set({ batchRows: Number((e.target as HTMLInputElement).value) })}
      /></label>
    </div>`;
}

/** Where the file goes: a download, or a folder (its path). */
export function destinationFields(c: ExportChoices, set: Set) {
  const radio = (value: 'download' | 'folder', label: string) =>
    html`<label class="check"
      ><input
        type="radio"
        name="destination"
        value=${value}
        .checked=${live(c.destination === value)}
        @change=${() => set({ destination: value })}
      />${label}</label
    >`;
  return html`<span class="label">Destination</span>
    <div class="row">${radio('download', 'Download')} ${radio('folder', 'Save to folder')}</div>
    ${
      c.destination === 'folder'
        ? html`<label class="label" for="folder">Folder</label>
            <div class="row">
              <input
                id="folder"
                class="wide mono"
                spellcheck="false"
                placeholder="an absolute path, e.g. /home/you/Downloads"
                .value=${live(c.folder)}
                @input=${(e: Event) => set({ folder: (e.target as HTMLInputElement).value })}
              />
            </div>`
        : nothing
    }`;
}
