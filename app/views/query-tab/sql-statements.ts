/**
 * Offsets between the backend's unit (code points, as `queries.split` and an error's
 * `position` count them) and CodeMirror's (UTF-16 code units), and the statement under
 * the cursor. Pure functions: no DOM, no editor.
 */

/** One statement as `queries.split` returns it: code points of the script, `end` exclusive. */
export interface StatementRange {
  start: number;
  end: number;
  kind: string;
}

/**
 * What the host gives the editor to find statements: a call of `queries.split`.
 * Resolves with the statements in order; may reject (the backend unreachable).
 */
export type Splitter = (sql: string) => Promise<StatementRange[]>;

/** A range in UTF-16 code units (CodeMirror's offsets), `to` exclusive. */
export interface Span {
  from: number;
  to: number;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The UTF-16 offsets of code-point offsets in `text`, in the order given, in one pass.
 * A surrogate pair is one code point, a lone surrogate one too (as `[...text]` counts);
 * an offset past the end gives `text.length`. Never throws.
 */
export function toUtf16(text: string, points: readonly number[]): number[] {
  const order = points.map((point, index) => ({ point, index })).sort((a, b) => a.point - b.point);
  const out = new Array<number>(points.length);
  let point = 0;
  let unit = 0;
  for (const { point: target, index } of order) {
    while (point < target && unit < text.length) {
      const pair = isHigh(text.charCodeAt(unit)) && isLow(text.charCodeAt(unit + 1));
      unit += pair ? 2 : 1;
      point += 1;
    }
    out[index] = unit;
  }
  return out;
}

/** A surrogate pair: one code point in two UTF-16 units. */
const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * The code-point offset of the UTF-16 offset `unit` in `text` (clamped to its length):
 * the offset less the surrogate pairs before it, found by the regular-expression engine
 * (fast enough for every keystroke in a 10,000-line script).
 */
export function toCodePoint(text: string, unit: number): number {
  const end = Math.min(Math.max(unit, 0), text.length);
  let pairs = 0;
  PAIR.lastIndex = 0;
  for (let match = PAIR.exec(text); match && match.index + 2 <= end; match = PAIR.exec(text)) {
    pairs += 1;
  }
  return end - pairs;
}

/** `ranges` (code points) as UTF-16 spans of `text`. */
export function spansOf(text: string, ranges: readonly StatementRange[]): Span[] {
  const units = toUtf16(
    text,
    ranges.flatMap((r) => [r.start, r.end]),
  );
  return ranges.map((_, i) => ({ from: units[2 * i]!, to: units[2 * i + 1]! }));
}

/**
 * The statement the cursor (a UTF-16 offset) is in, as an index into `spans` (sorted, not
 * overlapping), or -1 when there is none. Inside a statement or at either end of it: that
 * one. Else the one before it when only its `;`, spaces or a comment separate them on the
 * same line (`select 1;|`); else the next one when only white space comes before it
 * (indentation, blank lines above it); else the one before, else the next.
 */
export function statementAt(text: string, spans: readonly Span[], cursor: number): number {
  let before = -1;
  for (let i = 0; i < spans.length; i += 1) {
    const span = spans[i]!;
    if (span.from <= cursor && cursor <= span.to) return i;
    if (span.to < cursor) before = i;
  }
  const after = before + 1 < spans.length ? before + 1 : -1;
  if (before >= 0 && !text.slice(spans[before]!.to, cursor).includes('\n')) return before;
  if (after >= 0 && /^\s*$/.test(text.slice(cursor, spans[after]!.from))) return after;
  return before >= 0 ? before : after;
}

/** A statement found in the text: its UTF-16 span and its start in code points. */
export interface FoundStatement {
  span: Span;
  start: number;
}

/**
 * The statement under the cursor (`head`, UTF-16) of `text`, with `splitter`'s statements;
 * without a splitter the whole text is one. Undefined for a text without statements.
 * @throws whatever the splitter rejects with.
 */
export async function statementUnderCursor(
  text: string,
  head: number,
  splitter?: Splitter,
): Promise<FoundStatement | undefined> {
  const ranges = splitter
    ? await splitter(text)
    : [{ start: 0, end: toCodePoint(text, text.length), kind: 'unknown' }];
  const spans = spansOf(text, ranges);
  const index = statementAt(text, spans, head);
  return index < 0 ? undefined : { span: spans[index]!, start: ranges[index]!.start };
}
