import type { Text } from '@codemirror/state';
import { toCodePoint } from './sql-statements';

/** Each document's text, made once: the change event and `value` share it. */
const texts = new WeakMap<Text, string>();

/**
 * The text of `doc`, made once per document (a host reading `value` on every keystroke
 * and setting it back costs one `toString` a keystroke, and the comparison is by
 * reference).
 */
export function textOf(doc: Text): string {
  let text = texts.get(doc);
  if (text === undefined) {
    text = doc.toString();
    texts.set(doc, text);
  }
  return text;
}

/** How many surrogate pairs each piece of a document holds (pieces are shared by edits). */
const pairCounts = new WeakMap<Text, number>();

function pairsIn(piece: Text): number {
  let count = pairCounts.get(piece);
  if (count === undefined) {
    count = piece.children
      ? piece.children.reduce((sum, child) => sum + pairsIn(child), 0)
      : piece.length - toCodePoint(piece.toString(), piece.length);
    pairCounts.set(piece, count);
  }
  return count;
}

function pairsBefore(piece: Text, end: number): number {
  if (end >= piece.length) return pairsIn(piece);
  if (!piece.children) {
    const text = piece.sliceString(0, end);
    return end - toCodePoint(text, end);
  }
  let sum = 0;
  let at = 0;
  for (const child of piece.children) {
    if (end <= at) break;
    sum += pairsBefore(child, end - at);
    at += child.length + 1; // the line break between two pieces
  }
  return sum;
}

/**
 * The code-point offset of the UTF-16 offset `head` in `doc`. Counts of surrogate pairs
 * are kept per piece of CodeMirror's document tree, which an edit shares but for the
 * pieces it touched: a keystroke in a 10,000-line script counts a few hundred characters.
 */
export function codePointAt(doc: Text, head: number): number {
  const end = Math.min(Math.max(head, 0), doc.length);
  return end - pairsBefore(doc, end);
}

/** What a run runs: the statement under the cursor, the selection, or the whole script. */
export type RunMode = 'statement' | 'selection' | 'script';

/** What a run or an explain takes from the editor (`<tusk-sql-editor>`'s `statement()`). */
export interface StatementTarget {
  sql: string;
  /** Where `sql` starts in the editor's text (code points). */
  start: number;
  mode: RunMode;
}

/**
 * Fired by `<tusk-sql-editor>` on every edit (typing, paste, undo, format, insert), not
 * when the host sets `value`. `value` and `cursor` are read from the edit's document when
 * first asked for, so a keystroke in a long script costs nothing until the host (which
 * debounces its autosave) reads them.
 */
export class SqlChangeEvent extends Event {
  static readonly eventName = 'tusk-sql-change' as const;
  readonly #doc: Text;
  readonly #head: number;

  constructor(doc: Text, head: number) {
    super(SqlChangeEvent.eventName, { bubbles: true, composed: true });
    this.#doc = doc;
    this.#head = head;
  }

  /** The editor's whole text after the edit. */
  get value(): string {
    return textOf(this.#doc);
  }

  /** The cursor after the edit, in code points of `value`. */
  get cursor(): number {
    return codePointAt(this.#doc, this.#head);
  }
}

/**
 * Fired by `<tusk-sql-editor>` to run SQL: Ctrl+Enter (the statement under the cursor, or
 * the selection) and Ctrl+Shift+Enter (the whole script). `start` is the code-point offset
 * of `sql` in the editor's text: add it to an error's `position` (1-based in `sql`) to
 * give `showError` the position in the document.
 */
export class RunEvent extends Event {
  static readonly eventName = 'tusk-run' as const;
  readonly sql: string;
  readonly start: number;
  readonly mode: RunMode;

  constructor(sql: string, start: number, mode: RunMode) {
    super(RunEvent.eventName, { bubbles: true, composed: true });
    this.sql = sql;
    this.start = start;
    this.mode = mode;
  }
}

/** Fired by `<tusk-sql-editor>` on Escape while its host says a query runs (`running`). */
export class CancelEvent extends Event {
  static readonly eventName = 'tusk-cancel' as const;
  constructor() {
    super(CancelEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [SqlChangeEvent.eventName]: SqlChangeEvent;
    [RunEvent.eventName]: RunEvent;
    [CancelEvent.eventName]: CancelEvent;
  }
}

/** An error to underline: `position` 1-based in code points of the editor's text. */
export interface EditorError {
  position: number;
  message: string;
  /** Mark the whole line of `position` (the server named no place in the statement). */
  line?: boolean;
}
