/**
 * What to do about the SQLSTATEs users meet, by exact code first, then by class (the first
 * two characters). Used when the server sends no HINT of its own.
 */
const BY_CODE: Record<string, string> = {
  '28P01':
    'Check the password and the user name (the server answers the same when the user does not exist); if the password was saved, update it in the connection settings.',
  '28000':
    'The server refused this user or address: check the user name, and that pg_hba.conf allows this client (and TLS, if it requires it).',
  '3D000':
    'Check the database name, or connect to "postgres" and list the databases with \\l or SELECT datname FROM pg_database.',
  '42P01': 'Check the table name and schema (search_path); quote names with capitals: "MyTable".',
  '42703': 'Check the column name; quote names with capitals: "MyColumn".',
  '42883': 'No function matches these argument types: check the name, or add explicit casts.',
  '42501':
    'This role lacks the privilege: ask the owner for a GRANT, or connect as a role that has it.',
  '23505': 'A row with this key already exists: change the value, or use INSERT … ON CONFLICT.',
  '23503':
    'The referenced row does not exist (or is still referenced): insert or delete in the right order.',
  '23502': 'This column does not accept NULL: give it a value.',
  '23514': 'The row breaks a CHECK constraint: change the values to satisfy it.',
  '23P01': 'The row conflicts with an exclusion constraint: change the values.',
  '25006':
    'The transaction is read-only: turn off "read-only" in the connection settings to write; if it is off, the server or your role has default_transaction_read_only on.',
  '57014':
    "The statement was cancelled (by you or by statement_timeout); run it again, or raise the default statement timeout in Preferences (Ctrl+,) or a connection's own in its settings.",
  '53300':
    'The server has no free connection slots: close other sessions, lower the pool size, or raise max_connections.',
  '25P02':
    'An earlier statement of this transaction failed: run ROLLBACK (or ROLLBACK TO a savepoint), then run the work again.',
  '40001': 'A concurrent transaction conflicted with this one: run the transaction again.',
  '40P01':
    'A deadlock was detected and this transaction was rolled back: run it again, and take locks in a consistent order.',
  '55P03': 'The lock is held by another session: try again later, or find the blocker in pg_locks.',
  '57P01': 'The server is shutting down or the session was terminated: reconnect when it is back.',
};

const BY_CLASS: Record<string, string> = {
  '08': 'The connection to the server failed: check the network and that the server is running, then reconnect.',
  '22': 'A value does not fit its type or format: check the data and any casts.',
  '23': 'The change breaks a constraint: see the detail for which one.',
  '25': 'The transaction is in a state that does not allow this: finish it with COMMIT or ROLLBACK first.',
  '28': 'Authentication failed: check the user name and password.',
  '40': 'The transaction was rolled back: run it again.',
  '42': 'Check the SQL: a name, a type or the syntax is wrong.',
  '53': 'The server is short of a resource (connections, memory or disk): try again, or ask its administrator.',
  '54': 'The statement exceeds a server limit: simplify it.',
  '57': 'The server interrupted the statement: run it again when it is available.',
  '58': 'The server hit a system error: see its log.',
  XX: 'The server hit an internal error: see its log.',
};

/**
 * Codes whose hint above is about connecting (a login, a database that does not exist, no
 * free slot): a statement's error with one of them gets no hint (`DROP DATABASE nosuch` is
 * no connection problem).
 */
const CONNECTING_ONLY = new Set(['28P01', '28000', '3D000', '53300']);

/**
 * A hint for `code`, or undefined. For a statement (`for: 'statement'`) only the hints
 * specific to its exact code and true for any statement that gets it; for a failure to
 * connect also those by class. Never throws.
 */
export function hintForSqlState(
  code: string | undefined,
  context: 'statement' | 'connect' = 'connect',
): string | undefined {
  if (!code) return undefined;
  if (context === 'statement') return CONNECTING_ONLY.has(code) ? undefined : BY_CODE[code];
  return BY_CODE[code] ?? BY_CLASS[code.slice(0, 2)];
}
