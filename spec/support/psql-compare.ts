import type { Writable } from 'node:stream';
import postgres from 'postgres';
import { loadParser } from '../../app/models/sql/pg-parser';
import { ScriptStatements, type OtherMeta } from '../../app/models/sql/split';

/**
 * Runs a script through Tusk's reading of it (ScriptStatements, lexed as it goes) the way
 * psql -f runs it with ON_ERROR_STOP off, on one session: every statement sent (errors go
 * on), COPY data taken only when the server asks for it, `\gset` and `\gexec` carried out,
 * `\getenv` read from `env`; the psql commands Tusk does not carry out do what psql's do to
 * the query buffer. Resolves with the statements sent, in order.
 */
export async function runLikePsql(
  sql: postgres.Sql,
  script: string,
  env: Record<string, string>,
  vars: Map<string, string>,
): Promise<string[]> {
  await loadParser();
  const sent: string[] = [];
  let describeOnly = false;
  const otherMeta: OtherMeta = (command, args, variables) => {
    if (command === 'getenv' && args[0] && args[1] !== undefined) {
      const value = env[args[1]];
      if (value === undefined) variables.delete(args[0]);
      else variables.set(args[0], value);
    }
    if (command === 'r' || command === 'reset') return 'discard';
    if (command === 'q' || command === 'quit') return 'stop';
    if (command === 'gdesc') {
      describeOnly = true;
      return 'send';
    }
    if (['crosstabview', 'watch', 'gexec'].includes(command)) {
      gexec = command === 'gexec';
      return 'send';
    }
    return undefined;
  };
  let gexec = false;
  const statements = new ScriptStatements(script, {
    vars,
    copyAsked: true,
    otherMeta,
    stdStrings: () => sql.parameters['standard_conforming_strings'] !== 'off',
  });
  const text = (cell: unknown) =>
    cell === null ? null : Buffer.isBuffer(cell) ? cell.toString('utf8') : String(cell);
  for (const statement of statements) {
    if (statement.kind === 'psql' || statement.inactive) continue;
    sent.push(statement.text);
    if (describeOnly) {
      describeOnly = false;
      continue;
    }
    try {
      if (statement.copyIn) {
        const stream = quiet((await sql.unsafe(statement.text).writable()) as unknown as Writable);
        const data = statements.takeCopyData();
        if (stream.errored) continue; // refused at once: its data was psql's to take all the same
        await new Promise<void>((resolve) => {
          stream.on('error', () => resolve());
          stream.end(Buffer.from(data), () => resolve());
        });
        continue;
      }
      const reply = (await sql.unsafe(statement.text).raw()) as unknown;
      if (typeof (reply as Writable).write === 'function') {
        // A COPY FROM STDIN the parser did not see (a broken statement): no data, as psql.
        quiet(reply as Writable).end();
        continue;
      }
      const rows = reply as unknown[][];
      if (statement.gset !== undefined && rows.length === 1) {
        const columns = (rows as unknown as { columns: { name: string }[] }).columns;
        columns.forEach((column, c) => {
          const value = text(rows[0]![c]);
          if (value === null) vars.delete(`${statement.gset}${column.name}`);
          else vars.set(`${statement.gset}${column.name}`, value);
        });
      }
      if (gexec) {
        gexec = false;
        for (const row of rows) {
          for (const cell of row) {
            const query = text(cell);
            if (query === null) continue;
            sent.push(query);
            const made = (await sql.unsafe(query).catch(() => null)) as unknown;
            if (typeof (made as Writable | null)?.write === 'function')
              quiet(made as Writable).end();
          }
        }
      }
    } catch {
      gexec = false;
      // As psql with ON_ERROR_STOP off: the script goes on.
    }
  }
  return sent;
}

/** `stream` with its errors heard (the server's are the suite's own), for any later emit too. */
function quiet(stream: Writable): Writable {
  stream.on('error', () => undefined);
  return stream;
}

/** The statements psql sent, read from its `-L` log. */
export function psqlLogStatements(log: string): string[] {
  const out: string[] = [];
  const entry = /\*{9} QUERY \*{10}\n([\s\S]*?)\n\*{26}\n\n/g;
  for (let m = entry.exec(log); m; m = entry.exec(log)) out.push(m[1]!);
  return out;
}

/**
 * How two statements are compared: whitespace runs as one space, trimmed, and numbers of
 * four digits or more as `N` (OIDs and transaction ids differ between two servers).
 */
export function normalised(statement: string): string {
  return statement
    .replace(/\s+/g, ' ')
    .replace(/\b\d{4,}\b/g, 'N')
    .trim();
}

/**
 * A statement psql made itself from a `\copy` (`COPY … FROM STDIN` / `TO STDOUT`, no `;`):
 * not in the script's text, so not part of the comparison (like `\gexec`'s).
 */
export function fromSlashCopy(statement: string): boolean {
  return /^COPY\b[\s\S]*\b(FROM STDIN|TO STDOUT)\b[^;]*( ;)?$/.test(statement);
}
