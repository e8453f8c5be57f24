import { qualifiedName, quoteIdent } from '../../common/identifiers';
import type { SessionQueries } from '../connections/pool-session';
import { TuskError } from '../errors/errors';
import { fromPostgresError, isPostgresError } from '../errors/postgres-errors';
import type { ImportColumn, ImportOptions } from './transfer-types';

/** The reading options of an import with their defaults filled in. */
export interface CopySyntax {
  delimiter: string;
  quote: string;
  escape: string;
  nullText: string;
  encoding: string;
  header: boolean;
}

/** `options` with defaults: CSV `,` / TSV tab, quote `"`, escape = quote, NULL `` (empty), UTF8. */
export function copySyntax(options: ImportOptions): CopySyntax {
  const quote = options.quote ?? '"';
  return {
    delimiter: options.delimiter ?? (options.format === 'tsv' ? '\t' : ','),
    quote,
    escape: options.escape ?? quote,
    nullText: options.nullText ?? '',
    encoding: options.encoding ?? 'UTF8',
    header: options.header,
  };
}

/**
 * `COPY "s"."t" (cols) FROM STDIN (FORMAT csv, …)`: the columns in the mapping's order,
 * every option spelled out (a TSV file is CSV with a tab delimiter: quotes work in it as
 * in CSV). Literals as `E'…'` with `\` and `'` doubled, whatever standard_conforming_strings.
 */
export function copyStatement(
  table: { schema: string; name: string },
  columns: readonly ImportColumn[],
  syntax: CopySyntax,
): string {
  const list = columns.map((c) => quoteIdent(c.target)).join(', ');
  const options = [
    'FORMAT csv',
    `HEADER ${syntax.header ? 'true' : 'false'}`,
    `DELIMITER ${literal(syntax.delimiter)}`,
    `QUOTE ${literal(syntax.quote)}`,
    `ESCAPE ${literal(syntax.escape)}`,
    `NULL ${literal(syntax.nullText)}`,
    `ENCODING ${literal(syntax.encoding)}`,
  ].join(', ');
  return `COPY ${qualifiedName(table.schema, table.name)} (${list}) FROM STDIN (${options})`;
}

function literal(text: string): string {
  return `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * Checks before anything is uploaded that the table exists (a table, partitioned or
 * foreign table), that the user may insert into it, that every target column exists, is
 * named once and is not generated, that the sources are distinct, and that the encoding
 * is one PostgreSQL knows.
 * @throws TuskError `validation` (`OBJECT_NOT_FOUND` for the table), saying what is wrong.
 */
export async function checkTarget(
  session: SessionQueries,
  table: { schema: string; name: string },
  columns: readonly ImportColumn[],
  syntax: CopySyntax,
): Promise<void> {
  const where = qualifiedName(table.schema, table.name);
  const [found] = await session.query<{ oid: number; kind: string; insert: boolean }>(
    `SELECT c.oid::int AS oid, c.relkind::text AS kind,
            has_table_privilege(c.oid, 'INSERT') AS insert
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2`,
    [table.schema, table.name],
  );
  if (!found || !['r', 'p', 'f'].includes(found.kind)) {
    throw new TuskError(
      'validation',
      found
        ? `${where} is not a table: only a table can be imported into`
        : `There is no table ${where}`,
      {
        code: found ? 'OBJECT_KIND_MISMATCH' : 'OBJECT_NOT_FOUND',
        hint: 'Choose an existing table (refresh the schema browser if it was just created).',
      },
    );
  }
  if (!found.insert) {
    throw new TuskError('validation', `You may not insert into ${where}`, {
      code: '42501',
      hint: 'Ask its owner for INSERT, or import as a role that has it.',
    });
  }
  const attributes = await session.query<{ name: string; generated: string }>(
    `SELECT attname::text AS name, attgenerated::text AS generated FROM pg_attribute
      WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped`,
    [found.oid],
  );
  const known = new Map(attributes.map((a) => [a.name, a.generated]));
  const targets = columns.map((c) => c.target);
  const missing = targets.filter((t) => !known.has(t));
  if (missing.length) {
    throw new TuskError(
      'validation',
      `${where} has no column ${missing.map((m) => quoteIdent(m)).join(', ')}`,
      { hint: `Map the file's fields to its columns: ${[...known.keys()].join(', ')}.` },
    );
  }
  const generated = targets.filter((t) => known.get(t) !== '');
  if (generated.length) {
    throw new TuskError('validation', `${quoteIdent(generated[0]!)} is a generated column`, {
      hint: 'Leave generated columns out of the mapping: PostgreSQL computes them.',
    });
  }
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice !== undefined) {
    throw new TuskError('validation', `Column ${quoteIdent(twice)} is mapped twice`, {
      hint: 'Map each column from one field only.',
    });
  }
  const sources = columns.map((c) => c.source);
  const again = sources.find((s, i) => sources.indexOf(s) !== i);
  if (again !== undefined) {
    throw new TuskError('validation', `Field ${again + 1} of the file is mapped twice`, {
      hint: 'Import each field of the file into one column.',
    });
  }
  const [encoding] = await session.query<{ known: boolean }>(
    'SELECT pg_char_to_encoding($1) >= 0 AS known',
    [syntax.encoding],
  );
  if (!encoding?.known) {
    throw new TuskError('validation', `"${syntax.encoding}" is not an encoding PostgreSQL knows`, {
      hint: 'Use a name such as UTF8, LATIN1, WIN1252 or SJIS.',
    });
  }
}

/**
 * An import's failure as the view shows it: a server error with its `line` (the file's
 * line, from COPY's CONTEXT "COPY t, line 3, column x: …") and `columnName`; Tusk's own
 * errors as they are.
 */
export function importError(error: unknown): TuskError {
  if (error instanceof TuskError) return error;
  if (!isPostgresError(error)) {
    return new TuskError('internal', `The import failed: ${(error as Error)?.message ?? error}`, {
      cause: error,
    });
  }
  const mapped = fromPostgresError(error, { statement: true });
  const at = /, line (\d+)(?:, column (.+?)(?:: |$))?/.exec(error.where ?? '');
  if (!at) return mapped;
  const line = Number(at[1]);
  const column = at[2];
  return new TuskError(mapped.kind, `Line ${line}: ${mapped.message}`, {
    ...(mapped.detail ? { detail: mapped.detail } : {}),
    ...(mapped.hint ? { hint: mapped.hint } : {}),
    ...(mapped.code ? { code: mapped.code } : {}),
    line,
    server: { ...mapped.server, ...(column ? { columnName: column } : {}) },
    cause: error,
  });
}
