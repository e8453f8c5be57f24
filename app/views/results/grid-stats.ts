import type { GridSource } from './grid-source';

/**
 * The selection's figures, as the status bar shows them: how many values, and of the
 * numbers among them the sum, smallest, largest and average. Plain decimals (integers,
 * numeric) are summed exactly with BigInt, every digit kept; floats (`1e3`) as doubles.
 */

/** Figures of a selection. Texts are numbers as PostgreSQL would write them. */
export interface SelectionFigures {
  /** Rows and columns selected. */
  rows: number;
  columns: number;
  /** Values that are not NULL. */
  count: number;
  /** Values of numeric columns counted in the sum (finite numbers). */
  numbers: number;
  sum: string | null;
  min: string | null;
  max: string | null;
  avg: string | null;
  /** The selection has more rows than figures are made for: only rows and columns are given. */
  tooLarge: boolean;
}

/** Rows the figures are made for at most (they need every selected row read). */
export const FIGURES_MAX_ROWS = 100_000;
/** Decimals of an exact average. */
const AVG_DECIMALS = 6;
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Adds values one by one; {@link result} gives the figures. */
export class FiguresAccumulator {
  #count = 0;
  #numbers = 0;
  #exact = true;
  #sum = 0n;
  #scale = 0;
  #float = 0;
  #min: { text: string; value: number } | null = null;
  #max: { text: string; value: number } | null = null;

  /** Adds one value; `numeric` when its column holds numbers. */
  add(value: string | null, numeric: boolean): void {
    if (value === null) return;
    this.#count += 1;
    if (!numeric) return;
    const number = Number(value);
    if (!Number.isFinite(number)) return;
    this.#numbers += 1;
    this.#float += number;
    if (!this.#min || number < this.#min.value) this.#min = { text: value, value: number };
    if (!this.#max || number > this.#max.value) this.#max = { text: value, value: number };
    const plain = this.#exact ? PLAIN.exec(value) : null;
    if (!plain) {
      this.#exact = false;
      return;
    }
    const decimals = plain[3] ?? '';
    if (decimals.length > this.#scale) {
      this.#sum *= 10n ** BigInt(decimals.length - this.#scale);
      this.#scale = decimals.length;
    }
    const digits = BigInt(plain[2]! + decimals.padEnd(this.#scale, '0'));
    this.#sum += plain[1] ? -digits : digits;
  }

  result(rows: number, columns: number): SelectionFigures {
    const none = this.#numbers === 0;
    let sum: string | null = null;
    let avg: string | null = null;
    if (!none && this.#exact) {
      sum = decimalText(this.#sum, this.#scale);
      const scaled = (this.#sum * 10n ** BigInt(AVG_DECIMALS)) / BigInt(this.#numbers);
      avg = trimZeros(decimalText(scaled, this.#scale + AVG_DECIMALS));
    } else if (!none) {
      sum = String(this.#float);
      avg = String(this.#float / this.#numbers);
    }
    return {
      rows,
      columns,
      count: this.#count,
      numbers: this.#numbers,
      sum,
      min: this.#min?.text ?? null,
      max: this.#max?.text ?? null,
      avg,
      tooLarge: false,
    };
  }
}

/** `12345n` at scale 2 → `123.45`. */
function decimalText(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${whole}` : whole;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Rows read per call while making figures. */
const READ_ROWS = 5000;

/**
 * The figures of rows `r0…r1`, columns `c0…c1` (inclusive) of `source`, reading the rows
 * through it; null when `current()` turns false meanwhile (the selection moved on).
 */
export async function figuresOf(
  source: GridSource,
  rect: { r0: number; r1: number; c0: number; c1: number },
  current: () => boolean,
): Promise<SelectionFigures | null> {
  const rows = Math.max(0, rect.r1 - rect.r0 + 1);
  const columns = Math.max(0, rect.c1 - rect.c0 + 1);
  const figures = new FiguresAccumulator();
  if (rows > FIGURES_MAX_ROWS) return { ...figures.result(rows, columns), tooLarge: true };
  const numeric = source.columns.map((c) => c.numeric);
  for (let at = rect.r0; at <= rect.r1; at += READ_ROWS) {
    const chunk = await source.rows(at, Math.min(READ_ROWS, rect.r1 - at + 1));
    if (!current()) return null;
    for (const row of chunk) {
      for (let c = rect.c0; c <= rect.c1; c++) figures.add(row.cells[c] ?? null, numeric[c]!);
    }
  }
  return figures.result(rows, columns);
}
