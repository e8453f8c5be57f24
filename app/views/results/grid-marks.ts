import type { RowMarks } from './grid-source';

/** What a screen reader says of a marked row, and the row number's mark. */
const ROW_WORDS: Record<RowMarks['state'], { words: string; mark: string }> = {
  changed: { words: 'changed row', mark: '●' },
  new: { words: 'new row', mark: '+' },
  deleted: { words: 'deleted row', mark: '−' },
  stored: { words: 'stored by the last apply', mark: '✓' },
  inserted: { words: 'inserted by the last apply', mark: '✓' },
  gone: { words: 'deleted by the last apply', mark: '×' },
};

/**
 * Marks a drawn row with its edits (`marks`; none: a plain row): its state as
 * `data-state` (the colour), the row number's mark, and words a screen reader reads
 * (`aria-description` on the row, in the row header's name).
 */
export function markRow(
  row: HTMLElement,
  header: HTMLElement,
  number: string,
  marks: RowMarks | undefined,
): void {
  const state = marks?.state;
  if (!state) {
    if (row.dataset['state']) {
      delete row.dataset['state'];
      row.removeAttribute('aria-description');
      header.removeAttribute('aria-label');
      header.removeAttribute('title');
    }
    header.textContent = number;
    return;
  }
  const { words, mark } = ROW_WORDS[state];
  const error = marks.error;
  row.dataset['state'] = state;
  header.textContent = `${mark} ${number}`;
  const said = error ? `${words}, refused: ${error.message}` : words;
  row.setAttribute('aria-description', said);
  header.setAttribute('aria-label', `${number}, ${said}`);
  header.title = error ? `Refused: ${error.message}` : words;
  header.classList.toggle('error', error !== undefined);
}

/**
 * Marks cell `c` of a row with `marks`: changed (not applied), left to DEFAULT (a new
 * row), or the cell the server refused. Returns the text to show in place of the value
 * (DEFAULT), or null to show the value.
 */
export function markCell(cell: HTMLElement, c: number, marks: RowMarks | undefined): string | null {
  const changed = marks?.changed?.has(c) === true && marks.state === 'changed';
  const isDefault = marks?.defaults?.has(c) === true;
  const error = marks?.error && (marks.error.column === c || marks.error.column === undefined);
  cell.classList.toggle('changed', changed);
  cell.classList.toggle('default', isDefault);
  cell.classList.toggle('refused', error === true);
  const words = [
    changed ? 'changed' : '',
    isDefault ? 'default' : '',
    error ? `refused: ${marks!.error!.message}` : '',
  ].filter(Boolean);
  if (words.length > 0) cell.setAttribute('aria-description', words.join(', '));
  else if (cell.hasAttribute('aria-description')) cell.removeAttribute('aria-description');
  if (error) cell.title = marks!.error!.message;
  else if (cell.title) cell.removeAttribute('title');
  return isDefault ? 'DEFAULT' : null;
}
