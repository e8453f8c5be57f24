/**
 * psql's SQL lexer, written after the rules of PostgreSQL's `src/fe_utils/psqlscan.l` (15):
 * it finds where a statement ends the way psql does — at a `;` outside quotes, comments,
 * parentheses and `CREATE FUNCTION|PROCEDURE … BEGIN … END` — and where a backslash
 * command starts; it never gives up on a token the server will reject (that statement
 * simply fails there). It lexes one line at a time, as psql's main loop feeds it, keeping
 * its state across lines; the query buffer it fills is what psql would send.
 */

/** The lexer's state between tokens (psqlscan's exclusive states, those that matter here). */
type Mode =
  | 'initial'
  | 'comment' // /* … */, nested
  | 'quote' // '…' with standard_conforming_strings on, U&'…', B'…', X'…'
  | 'escape' // E'…', or '…' with standard_conforming_strings off
  | 'ident' // "…", U&"…"
  | 'dollar'; // $tag$ … $tag$

/** Looks variables up for `:name`, `:'name'`, `:"name"` and `:{?name}`. */
export type VariableLookup = (name: string) => string | undefined;

/** What a scan of (the rest of) a line stopped at. */
export type LexResult =
  | { kind: 'semicolon'; at: number } // the buffer is a statement, ended at line index `at`
  | { kind: 'backslash'; at: number } // a backslash command starts at line index `at`
  | { kind: 'variable'; at: number; length: number; value: string } // `:name`: lex `value` there
  | { kind: 'eol' };

const isIdentStart = (c: string) => /[A-Za-z_]/.test(c) || c.charCodeAt(0) >= 0x80;
const isIdentCont = (c: string) => /[A-Za-z_0-9$]/.test(c) || c.charCodeAt(0) >= 0x80;
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const OP_CHARS = '~!@#^&|`?+-*/%<>=';

/** A value quoted as an SQL literal, as psql's `:'name'` quotes it (PQescapeLiteral). */
export function quoteLiteral(value: string): string {
  const body = value.replace(/'/g, "''");
  return value.includes('\\') ? ` E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

/** A value quoted as an SQL identifier, as psql's `:"name"` quotes it. */
export function quoteIdentifier(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * psql's SQL lexer over the lines of a script. Feed each line with {@link scan} (and again
 * from where it stopped); read the statement with {@link buffer}; {@link take} empties it.
 */
export class PsqlLexer {
  #mode: Mode = 'initial';
  #commentDepth = 0;
  #dollarTag = '';
  #parenDepth = 0;
  #beginDepth = 0;
  #identifierCount = 0;
  #identifiers: string[] = [];
  /** The query buffer: the statement so far, as psql would send it. */
  #buffer = '';
  /** Where the buffer's first character came from in the script (code units), or -1. */
  #start = -1;
  /** Where its last source character ended. */
  #end = -1;

  /** `stdStrings`: whether `'…'` strings take backslashes literally (asked per line). */
  constructor(private readonly options: { stdStrings: () => boolean; variable?: VariableLookup }) {}

  /** The query buffer (what psql would send now). */
  get buffer(): string {
    return this.#buffer;
  }

  /** Where the buffer starts and ends in the script (code units), or -1 when empty. */
  get range(): { start: number; end: number } {
    return { start: this.#start, end: this.#end };
  }

  /** True inside a quote, a comment or a dollar body (an empty line is then kept). */
  get inQuote(): boolean {
    return this.#mode !== 'initial';
  }

  /** Adds the newline psql's main loop adds between two lines of a statement. */
  newline(): void {
    if (this.#buffer.length > 0) this.#buffer += '\n';
  }

  /** Empties the query buffer; the lexer's state goes on (as after a `;`). */
  take(): string {
    const text = this.#buffer;
    this.#buffer = '';
    this.#start = -1;
    this.#end = -1;
    return text;
  }

  /** Forgets the state of the statement too (psql's `psql_scan_reset`, after `\g`). */
  reset(): void {
    this.#mode = 'initial';
    this.#parenDepth = 0;
    this.#beginDepth = 0;
    this.#identifierCount = 0;
    this.#dollarTag = '';
  }

  /** The buffer's length and the parentheses open, to go back to (psql's `\if` blocks). */
  save(): { length: number; parenDepth: number } {
    return { length: this.#buffer.length, parenDepth: this.#parenDepth };
  }

  /** Drops what a `\if` branch not taken added to the buffer (psql's discard_query_text). */
  restore(saved: { length: number; parenDepth: number }): void {
    this.#buffer = this.#buffer.slice(0, saved.length);
    if (this.#buffer.length === 0) {
      this.#start = -1;
      this.#end = -1;
    }
    this.#parenDepth = saved.parenDepth;
  }

  /** Takes back the newline just added when a backslash command follows it at once. */
  dropTrailingNewline(): void {
    if (this.#buffer.endsWith('\n')) this.#buffer = this.#buffer.slice(0, -1);
  }

  /**
   * Lexes `line` (which starts at script offset `offset`) from index `from` until a
   * statement ends, a backslash command starts, or the line ends.
   */
  scan(line: string, offset: number, from = 0): LexResult {
    let i = from;
    const emit = (to: number) => {
      const text = line.slice(i, to);
      if (this.#buffer.length === 0) this.#start = offset + i;
      this.#buffer += text;
      this.#end = offset + to;
      i = to;
    };
    while (i < line.length) {
      const c = line[i]!;
      if (this.#mode !== 'initial') {
        this.#inside(line, i, emit);
        continue;
      }
      if (isSpace(c) || line.startsWith('--', i)) {
        const to = line.startsWith('--', i) ? line.length : i + 1;
        if (this.#buffer.length > 0) emit(to);
        else i = to;
        continue;
      }
      if (line.startsWith('/*', i)) {
        this.#mode = 'comment';
        this.#commentDepth = 0;
        emit(i + 2);
        continue;
      }
      const quote = this.#quoteStart(line, i);
      if (quote) {
        this.#mode = quote.mode;
        emit(i + quote.length);
        continue;
      }
      if (c === '$') {
        const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/.exec(line.slice(i));
        if (tag) {
          this.#mode = 'dollar';
          this.#dollarTag = tag[0];
          emit(i + tag[0].length);
          continue;
        }
        emit(i + 1 + (/^\d+[A-Za-z_0-9$\u0080-\uffff]*/.exec(line.slice(i + 1))?.[0].length ?? 0));
        continue;
      }
      if (c === '(') {
        this.#parenDepth += 1;
        emit(i + 1);
        continue;
      }
      if (c === ')') {
        if (this.#parenDepth > 0) this.#parenDepth -= 1;
        emit(i + 1);
        continue;
      }
      if (c === ';') {
        emit(i + 1);
        if (this.#parenDepth === 0 && this.#beginDepth === 0) {
          this.#identifierCount = 0;
          return { kind: 'semicolon', at: i };
        }
        continue;
      }
      if (c === '\\') {
        const next = line[i + 1];
        if (next === ';' || next === ':') {
          // `\;` and `\:` put the character in the buffer without their meaning.
          if (this.#buffer.length === 0) this.#start = offset + i;
          this.#buffer += next;
          this.#end = offset + i + 2;
          if (next === ';') this.#identifierCount = 0;
          i += 2;
          continue;
        }
        return { kind: 'backslash', at: i };
      }
      if (c === ':') {
        const plain = /^:([A-Za-z_0-9\u0080-\uffff]+)/.exec(line.slice(i));
        const value = plain ? this.options.variable?.(plain[1]!) : undefined;
        // `:name`'s value is lexed as if written there (its `;` ends a statement, as psql).
        if (value !== undefined)
          return { kind: 'variable', at: i, length: plain![0].length, value };
        const used = this.#variable(line, i, offset);
        if (used > 0) {
          i += used;
          continue;
        }
        emit(i + (line[i + 1] === ':' || line[i + 1] === '=' ? 2 : 1));
        continue;
      }
      if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(line[i + 1] ?? ''))) {
        const number = /^(\d*\.?\d+|\d+\.?)([Ee][-+]?\d*)?[A-Za-z_0-9$\u0080-\uffff]*/.exec(
          line.slice(i),
        )!;
        emit(i + number[0].length);
        continue;
      }
      if (isIdentStart(c)) {
        let to = i + 1;
        while (to < line.length && isIdentCont(line[to]!)) to += 1;
        this.#identifier(line.slice(i, to));
        emit(to);
        continue;
      }
      if (OP_CHARS.includes(c)) {
        // An operator never swallows the start of a comment.
        let to = i + 1;
        while (
          to < line.length &&
          OP_CHARS.includes(line[to]!) &&
          !line.startsWith('--', to) &&
          !line.startsWith('/*', to)
        ) {
          to += 1;
        }
        emit(to);
        continue;
      }
      emit(i + 1);
    }
    return { kind: 'eol' };
  }

  /** One step inside a quote, a comment or a dollar body; returns the next index. */
  #inside(line: string, i: number, emit: (to: number) => void): number {
    const c = line[i]!;
    let to = i + 1;
    switch (this.#mode) {
      case 'comment':
        if (line.startsWith('/*', i)) {
          this.#commentDepth += 1;
          to = i + 2;
        } else if (line.startsWith('*/', i)) {
          if (this.#commentDepth <= 0) this.#mode = 'initial';
          else this.#commentDepth -= 1;
          to = i + 2;
        }
        break;
      case 'quote':
      case 'escape':
        if (c === "'" && line[i + 1] === "'") to = i + 2;
        else if (c === "'") this.#mode = 'initial';
        else if (c === '\\' && this.#mode === 'escape') to = Math.min(line.length, i + 2);
        break;
      case 'ident':
        if (c === '"' && line[i + 1] === '"') to = i + 2;
        else if (c === '"') this.#mode = 'initial';
        break;
      case 'dollar':
        if (line.startsWith(this.#dollarTag, i)) {
          this.#mode = 'initial';
          to = i + this.#dollarTag.length;
        }
        break;
    }
    emit(to);
    return to;
  }

  /** A quote starting at `i`: its mode and how many characters open it. */
  #quoteStart(line: string, i: number): { mode: Mode; length: number } | null {
    const c = line[i]!;
    const two = line.slice(i, i + 2).toLowerCase();
    const three = line.slice(i, i + 3).toLowerCase();
    if (c === "'") return { mode: this.options.stdStrings() ? 'quote' : 'escape', length: 1 };
    if (c === '"') return { mode: 'ident', length: 1 };
    if (two === "e'") return { mode: 'escape', length: 2 };
    if (two === "b'" || two === "x'") return { mode: 'quote', length: 2 };
    if (two === "n'") return { mode: this.options.stdStrings() ? 'quote' : 'escape', length: 2 };
    if (three === "u&'") return { mode: 'quote', length: 3 };
    if (three === 'u&"') return { mode: 'ident', length: 3 };
    return null;
  }

  /**
   * psql's variables at `i` (a `:`): `:name` replaced by its value (lexed as SQL),
   * `:'name'` as a literal, `:"name"` as an identifier, `:{?name}` as TRUE or FALSE.
   * Returns how many characters of the line it used (0: not a variable reference).
   */
  #variable(line: string, i: number, offset: number): number {
    const lookup = this.options.variable;
    if (!lookup) return 0;
    const rest = line.slice(i);
    const test = /^:\{\?([A-Za-z_0-9\u0080-\uffff]+)\}/.exec(rest);
    const quoted = /^:(['"])([A-Za-z_0-9\u0080-\uffff]+)\1/.exec(rest);
    let text: string | undefined;
    let used = 0;
    if (test) {
      text = lookup(test[1]!) === undefined ? 'FALSE' : 'TRUE';
      used = test[0].length;
    } else if (quoted) {
      const value = lookup(quoted[2]!);
      if (value === undefined) return 0;
      text = quoted[1] === "'" ? quoteLiteral(value) : quoteIdentifier(value);
      used = quoted[0].length;
    }
    if (text === undefined) return 0;
    if (this.#buffer.length === 0) this.#start = offset + i;
    this.#buffer += text;
    this.#end = offset + i + used;
    return used;
  }

  /** Counts the statement's identifiers, for `CREATE FUNCTION … BEGIN ATOMIC … END`. */
  #identifier(word: string): void {
    const lower = word.toLowerCase();
    if (this.#identifierCount === 0) this.#identifiers = [];
    if (['create', 'function', 'procedure', 'or', 'replace'].includes(lower)) {
      if (this.#identifierCount < 4) this.#identifiers[this.#identifierCount] = lower[0]!;
    }
    this.#identifierCount += 1;
    const [first, second, third, fourth] = this.#identifiers;
    const routine =
      first === 'c' &&
      (second === 'f' ||
        second === 'p' ||
        (second === 'o' && third === 'r' && (fourth === 'f' || fourth === 'p')));
    if (!routine || this.#parenDepth !== 0) return;
    if (lower === 'begin') this.#beginDepth += 1;
    else if (lower === 'case' && this.#beginDepth >= 1) this.#beginDepth += 1;
    else if (lower === 'end' && this.#beginDepth > 0) this.#beginDepth -= 1;
  }
}
