/**
 * Small readers of script text for split.ts: psql's booleans, `SET
 * standard_conforming_strings`, and UTF-16 offsets as code points.
 */

/** psql's boolean (ParseVariableBool): true/false/yes/no by unique prefix, on/off, 1/0. */
export function parseBool(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (value === '') return undefined;
  if ('true'.startsWith(value) || 'yes'.startsWith(value)) return true;
  if ('false'.startsWith(value) || ('no'.startsWith(value) && value.length >= 1)) return false;
  if (value === 'on') return true;
  if (value === 'off' || value === 'of') return false;
  if (value === '1') return true;
  if (value === '0') return false;
  return undefined;
}

export function badCondition(args: string[], command: string): string {
  return `unrecognized value "${args.join(' ')}" for "\\${command} expression": Boolean expected`;
}

/** The value a `SET standard_conforming_strings` gives, if `text` is one. */
export function standardStrings(text: string): boolean | undefined {
  const set =
    /^\s*SET\s+(?:SESSION\s+|LOCAL\s+)?standard_conforming_strings\s*(?:=|TO)\s*'?(\w+)'?/i.exec(
      text,
    );
  if (!set) return undefined;
  return /^(on|true|yes|1)$/i.test(set[1]!);
}

/**
 * UTF-16 offsets of a text to code points (the backend's unit), asked in increasing
 * order (linear over the text); an offset asked out of order is counted again.
 */
export class CodePoints {
  readonly #text: string;
  #unit = 0;
  #point = 0;

  constructor(text: string) {
    this.#text = text;
  }

  at(unit: number): number {
    if (unit < this.#unit) {
      this.#unit = 0;
      this.#point = 0;
    }
    while (this.#unit < unit && this.#unit < this.#text.length) {
      const code = this.#text.charCodeAt(this.#unit);
      this.#unit += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      this.#point += 1;
    }
    return this.#point;
  }
}
