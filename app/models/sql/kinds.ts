/** What a statement does, from its parse tree. */
export type StatementKind =
  'select' | 'dml' | 'ddl' | 'transaction' | 'utility' | 'psql' | 'unknown';

/** Why a statement is not sent: what it is and what to use instead. */
export interface Refusal {
  message: string;
  hint: string;
}

const DML = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);
const DDL_PREFIX = /^(Create|Alter|Drop|Rename|Comment|Grant|Define|Reassign|Truncate)/;
const DDL = new Set(['IndexStmt', 'ViewStmt', 'RuleStmt', 'CompositeTypeStmt', 'SecLabelStmt']);

/** The kind of a parsed statement node (`{SelectStmt: …}`). */
export function kindOf(node: Record<string, unknown>): StatementKind {
  const name = Object.keys(node)[0] ?? '';
  if (name === 'SelectStmt') return 'select';
  if (DML.has(name)) return 'dml';
  if (name === 'TransactionStmt') return 'transaction';
  if (name === 'TruncateStmt') return 'dml';
  if (DDL.has(name) || DDL_PREFIX.test(name)) return 'ddl';
  return 'utility';
}

/**
 * True when the statement changes data or schema: DML and DDL, `SELECT … INTO`, a
 * data-modifying WITH, `COPY … FROM`. (A function called by a SELECT may write too; that
 * is not known here.)
 */
export function writes(node: Record<string, unknown>): boolean {
  const kind = kindOf(node);
  if (kind === 'dml' || kind === 'ddl') return true;
  const [name, body] = Object.entries(node)[0] ?? [];
  if (name === 'SelectStmt') {
    const select = body as { intoClause?: unknown };
    return (
      select.intoClause !== undefined ||
      /"(Insert|Update|Delete|Merge)Stmt"/.test(JSON.stringify(body))
    );
  }
  if (name === 'CopyStmt') return (body as { is_from?: boolean }).is_from === true;
  return false;
}

const OUTSIDE_TRANSACTION = new Set([
  'CreatedbStmt',
  'DropdbStmt',
  'CreateTableSpaceStmt',
  'DropTableSpaceStmt',
  'AlterSystemStmt',
  'CreateSubscriptionStmt',
  'AlterSubscriptionStmt',
  'DropSubscriptionStmt',
]);

/**
 * True for a statement PostgreSQL refuses inside a transaction block: VACUUM, CREATE and
 * DROP DATABASE or TABLESPACE, ALTER SYSTEM, subscriptions (some forms; all are listed),
 * CREATE INDEX, REINDEX and DROP INDEX CONCURRENTLY, REINDEX DATABASE or SYSTEM, CLUSTER
 * of every table, DISCARD ALL, ALTER DATABASE … SET TABLESPACE.
 */
export function outsideTransactionOnly(node: Record<string, unknown>): boolean {
  const [name, raw] = Object.entries(node)[0] ?? [];
  const body = (raw ?? {}) as Record<string, unknown>;
  if (name === undefined) return false;
  if (OUTSIDE_TRANSACTION.has(name)) return true;
  switch (name) {
    case 'VacuumStmt':
      return body['is_vacuumcmd'] === true;
    case 'IndexStmt':
    case 'DropStmt':
      return body['concurrent'] === true;
    case 'ReindexStmt':
      return (
        body['kind'] === 'REINDEX_OBJECT_DATABASE' ||
        body['kind'] === 'REINDEX_OBJECT_SYSTEM' ||
        JSON.stringify(body['params'] ?? []).includes('"defname":"concurrently"')
      );
    case 'ClusterStmt':
      return body['relation'] === undefined;
    case 'DiscardStmt':
      return body['target'] === 'DISCARD_ALL';
    case 'AlterDatabaseStmt':
      return JSON.stringify(body['options'] ?? []).includes('"defname":"tablespace"');
    default:
      return false;
  }
}

/**
 * True for a statement whose effect outlives its transaction in the session: SET (not
 * LOCAL), SET ROLE, a temporary table (also `SELECT … INTO TEMP`), LISTEN, PREPARE, a cursor WITH HOLD, LOAD.
 */
export function leavesSessionState(node: Record<string, unknown>): boolean {
  const [name, raw] = Object.entries(node)[0] ?? [];
  const body = (raw ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'VariableSetStmt':
      return body['is_local'] !== true;
    case 'CreateStmt':
      return JSON.stringify(body['relation'] ?? {}).includes('"relpersistence":"t"');
    case 'CreateTableAsStmt':
      return JSON.stringify(body['into'] ?? {}).includes('"relpersistence":"t"');
    case 'SelectStmt':
      return JSON.stringify(body['intoClause'] ?? {}).includes('"relpersistence":"t"');
    case 'ListenStmt':
    case 'PrepareStmt':
    case 'LoadStmt':
      return true;
    case 'DeclareCursorStmt':
      // CURSOR_OPT_HOLD is 0x0020.
      return ((body['options'] as number | undefined) ?? 0) & 0x20 ? true : false;
    default:
      return false;
  }
}

/** True for a statement that ends the transaction: COMMIT, END, ROLLBACK, ABORT, PREPARE TRANSACTION. */
export function endsTransaction(node: Record<string, unknown>): boolean {
  const kind = (node['TransactionStmt'] as { kind?: string } | undefined)?.kind;
  return (
    kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_PREPARE'
  );
}

/** True for COMMIT or END (with or without AND CHAIN). */
export function commits(node: Record<string, unknown>): boolean {
  const body = node['TransactionStmt'] as { kind?: string } | undefined;
  return body?.kind === 'TRANS_STMT_COMMIT';
}

/**
 * Statements Tusk refuses to send, with what to do instead: COPY to the client (its rows
 * are for a file, not the grid). COPY … FROM STDIN is sent with the data lines that follow
 * it in the script (as psql does); COPY to or from a file or program on the server as usual.
 */
export function refusalOf(node: Record<string, unknown>): Refusal | null {
  const [name, body] = Object.entries(node)[0] ?? [];
  if (name !== 'CopyStmt') return null;
  const copy = body as { is_from?: boolean; filename?: string; is_program?: boolean };
  if (copy.filename !== undefined || copy.is_program) return null;
  // COPY … FROM STDIN takes the script's lines after it as its data, as psql does.
  return copy.is_from
    ? null
    : {
        message: 'COPY … TO STDOUT writes data to the client, which Tusk does not read',
        hint: 'Run the query as a SELECT to see its rows in the grid, or use COPY TO a file on the server.',
      };
}

/** The refusal of a psql meta-command line (`\d`, `\copy`, `\i`…). */
export function metaCommandRefusal(line: string): Refusal {
  const command = line.trim().split(/\s+/)[0] ?? '\\';
  const hints: Record<string, string> = {
    '\\copy': 'Use COPY with a file on the server, or run it in psql.',
    '\\i': 'Open the file in a tab and run it.',
    '\\c': 'Choose the connection of the tab instead.',
    '\\connect': 'Choose the connection of the tab instead.',
  };
  return {
    message: `${command} is a psql command, not SQL`,
    hint:
      hints[command] ??
      (command.startsWith('\\d')
        ? 'The schema browser in the sidebar shows it: open the connection there (F4 on a name in the editor opens its object view).'
        : 'Tusk runs SQL only; run psql commands in psql.'),
  };
}
