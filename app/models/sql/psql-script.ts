import { PsqlLexer, quoteIdentifier, quoteLiteral, type VariableLookup } from './psql-lexer';

/** A statement as psql would send it. Offsets are UTF-16 code units of the script. */
export interface ScriptSql {
  kind: 'sql';
  /** What is sent: the statement with its `;` when it had one (`\;` joins several). */
  text: string;
  start: number;
  end: number;
  /** Ended by `;` (else by a `\g`-like command or the end of the script). */
  terminated: boolean;
}

/** A backslash command, with its arguments as psql reads them. */
export interface ScriptMeta {
  kind: 'meta';
  /** Without the backslash: `set`, `if`, `gset`… */
  command: string;
  args: string[];
  /** The command as written (backslash to the end of its arguments). */
  text: string;
  start: number;
  end: number;
}

/** One step of a script. */
export type ScriptStep = ScriptSql | ScriptMeta;

/** COPY … FROM STDIN data: the lines after the COPY up to `\.`, each with its newline. */
export interface CopyData {
  text: string;
  start: number;
  end: number;
}

/**
 * A script read as psql's main loop reads a file (`psql -f`): line by line, each lexed
 * by {@link PsqlLexer}; a `;` sends the statement, a backslash starts a command (the rest
 * of its line, or up to `\\`), empty lines outside quotes are skipped, and what is left at
 * the end is sent too. {@link steps} yields statements and commands lazily, so a consumer
 * that runs them (and sets variables, or reads COPY data with {@link takeCopyData}) sees
 * each step with the script's state at that point, as psql does.
 */
export class PsqlScript {
  readonly #text: string;
  readonly #lexer: PsqlLexer;
  readonly #variable: VariableLookup;
  /** Start offsets of each line (by `\n`). */
  readonly #lines: number[] = [0];
  #line = 0;
  /** The statement last sent (a `\g` with an empty buffer sends it again). */
  #previous: ScriptSql | null = null;
  /** False in a `\if` branch not taken: a `;` there sends nothing (the buffer stays). */
  readonly #active: () => boolean;

  constructor(
    text: string,
    options: { stdStrings: () => boolean; variable?: VariableLookup; active?: () => boolean } = {
      stdStrings: () => true,
    },
  ) {
    this.#active = options.active ?? (() => true);
    this.#text = text;
    this.#variable = options.variable ?? (() => undefined);
    this.#lexer = new PsqlLexer({ stdStrings: options.stdStrings, variable: this.#variable });
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.#lines.push(i + 1);
  }

  /** The statements and commands, in order (lexed as they are asked for). */
  *steps(): Generator<ScriptStep, void, undefined> {
    for (; this.#line < this.#lines.length; this.#line += 1) {
      const offset = this.#lines[this.#line]!;
      const line = this.#lineText(this.#line);
      if (line === '' && !this.#lexer.inQuote) continue;
      this.#lexer.newline();
      const newlineAt = this.#lexer.buffer.length;
      let from = 0;
      for (;;) {
        const result = this.#lexer.scan(line, offset, from);
        if (result.kind === 'eol') break;
        if (result.kind === 'semicolon') {
          if (this.#active()) yield this.#sent(true);
          from = result.at + 1;
          continue;
        }
        if (result.kind === 'variable') {
          yield* this.#lexValue(result.value, offset + result.at, 0);
          from = result.at + result.length;
          continue;
        }
        if (this.#lexer.buffer.length === newlineAt) this.#lexer.dropTrailingNewline();
        const meta = this.#meta(line, offset, result.at);
        from = meta.next;
        yield meta.step;
      }
    }
    if (this.#lexer.buffer.trim() !== '' && this.#active()) yield this.#sent(false);
  }

  /** The query buffer's state, to go back to when a `\if` branch is not taken. */
  saveBuffer(): { length: number; parenDepth: number } {
    return this.#lexer.save();
  }

  /** Drops what was added to the query buffer since {@link saveBuffer}. */
  restoreBuffer(saved: { length: number; parenDepth: number }): void {
    this.#lexer.restore(saved);
  }

  /**
   * The statement in the query buffer now, sent as `\g` sends it (the buffer emptied and
   * the lexer reset); with an empty buffer the statement sent last, again. Null when there
   * is none.
   */
  sendBuffer(): ScriptSql | null {
    if (this.#lexer.buffer.trim() === '') return this.#previous;
    const step = this.#sent(false);
    this.#lexer.reset();
    return step;
  }

  /**
   * The COPY … FROM STDIN data that follows the current line: the next lines up to one
   * that is `\.` (consumed too) or the end of the script. Call it right after the COPY's
   * step; the script goes on after the data.
   */
  takeCopyData(): CopyData {
    const first = this.#line + 1;
    let last = first;
    while (last < this.#lines.length && !/^\\\.\r?$/.test(this.#lineText(last))) last += 1;
    const start = this.#lines[first] ?? this.#text.length;
    const end = this.#lines[last] ?? this.#text.length;
    const text = this.#text.slice(start, end);
    this.#line = Math.min(last, this.#lines.length);
    return { text: text === '' || text.endsWith('\n') ? text : `${text}\n`, start, end };
  }

  /**
   * A variable's value lexed where it stands (psql pushes it as input): its `;` end
   * statements; a reference to another variable inside is expanded too, up to a depth
   * (psql refuses a variable that refers to itself).
   */
  *#lexValue(value: string, at: number, depth: number): Generator<ScriptStep, void, undefined> {
    let from = 0;
    for (;;) {
      const result = this.#lexer.scan(value, at, from);
      if (result.kind === 'eol') return;
      if (result.kind === 'semicolon') {
        if (this.#active()) yield this.#sent(true);
        from = result.at + 1;
      } else if (result.kind === 'variable' && depth < 10) {
        yield* this.#lexValue(result.value, at, depth + 1);
        from = result.at + result.length;
      } else {
        // A backslash (or a variable too deep) inside a value: left out.
        from = result.at + 1;
      }
    }
  }

  #lineText(index: number): string {
    const start = this.#lines[index]!;
    const next = this.#lines[index + 1];
    return this.#text.slice(start, next === undefined ? this.#text.length : next - 1);
  }

  #sent(terminated: boolean): ScriptSql {
    const { start, end } = this.#lexer.range;
    const step: ScriptSql = { kind: 'sql', text: this.#lexer.take(), start, end, terminated };
    this.#previous = step;
    return step;
  }

  /** The backslash command at `at` of `line`: its name, arguments, and where lexing resumes. */
  #meta(line: string, offset: number, at: number): { step: ScriptMeta; next: number } {
    let i = at + 1;
    while (i < line.length && !/\s/.test(line[i]!) && line[i] !== '\\') i += 1;
    const command = line.slice(at + 1, i);
    const args: string[] = [];
    let end: number;
    for (;;) {
      while (i < line.length && /\s/.test(line[i]!)) i += 1;
      if (i >= line.length) {
        end = line.length;
        break;
      }
      if (line[i] === '\\') {
        end = i;
        if (line[i + 1] === '\\') i += 2; // `\\` ends the command; lexing goes on after it
        break;
      }
      const arg = this.#argument(line, i);
      args.push(arg.value);
      i = arg.next;
    }
    const text = line.slice(at, end).trimEnd();
    return {
      step: { kind: 'meta', command, args, text, start: offset + at, end: offset + end },
      next: i,
    };
  }

  /** One argument of a backslash command at `i`, as psql's slash lexer reads it. */
  #argument(line: string, i: number): { value: string; next: number } {
    let value = '';
    while (i < line.length && !/\s/.test(line[i]!) && line[i] !== '\\') {
      const c = line[i]!;
      if (c === "'") {
        i += 1;
        while (i < line.length) {
          if (line[i] === "'" && line[i + 1] === "'") {
            value += "'";
            i += 2;
          } else if (line[i] === "'") {
            i += 1;
            break;
          } else if (line[i] === '\\' && i + 1 < line.length) {
            const escaped = line[i + 1]!;
            value += { n: '\n', t: '\t', b: '\b', r: '\r', f: '\f' }[escaped] ?? escaped;
            i += 2;
          } else {
            value += line[i];
            i += 1;
          }
        }
        continue;
      }
      if (c === '"') {
        const close = line.indexOf('"', i + 1);
        const to = close < 0 ? line.length : close + 1;
        value += line.slice(i, to);
        i = to;
        continue;
      }
      if (c === ':') {
        const test = /^:\{\?([A-Za-z_0-9\u0080-\uffff]+)\}/.exec(line.slice(i));
        if (test) {
          value += this.#variable(test[1]!) === undefined ? 'FALSE' : 'TRUE';
          i += test[0].length;
          continue;
        }
        const quoted = /^:(['"])([A-Za-z_0-9\u0080-\uffff]+)\1/.exec(line.slice(i));
        const plain = /^:([A-Za-z_0-9\u0080-\uffff]+)/.exec(line.slice(i));
        const name = quoted?.[2] ?? plain?.[1];
        const found = name === undefined ? undefined : this.#variable(name);
        if (found !== undefined) {
          value += quoted
            ? quoted[1] === "'"
              ? quoteLiteral(found)
              : quoteIdentifier(found)
            : found;
          i += (quoted ?? plain)![0].length;
          continue;
        }
      }
      value += c;
      i += 1;
    }
    return { value, next: i };
  }
}
