/**
 * The codes a failure carries (`ErrorInfo.code`), defined once for the models that produce
 * them and the views that act on them: Tusk's own codes, each with what it means, or the
 * SQLSTATE the server sent. A view decides what to show by the code, never by the message.
 */

/**
 * Tusk's own error codes and what each means. A code never starts with a digit (nor with
 * `F0`, `HV`, `P0` or `XX`), so it can never be taken for a {@link SqlState}.
 */
export const TUSK_ERROR_CODES = {
  // Connecting: the views answer these with a prompt or a dialog.
  PASSWORD_REQUIRED:
    'The server asks for a password and none was given or stored (`sqlState` 28P01).',
  PASSWORD_REFUSED:
    'The server refused the password given or stored, or the user (`sqlState` 28P01).',
  CLEARTEXT_PASSWORD_REFUSED:
    'The server asked for the password in clear text over a plain connection; Tusk sent nothing.',
  SSH_PASSWORD_REQUIRED: 'The SSH tunnel logs in with a password and none was given or stored.',
  SSH_PASSWORD_REFUSED: 'The SSH server refused the SSH password.',
  SSH_PASSPHRASE_REQUIRED: 'The SSH key file is protected by a passphrase and none was given.',
  SSH_PASSPHRASE_REFUSED: 'The passphrase given does not open the SSH key file.',
  SSH_HOST_KEY_UNCONFIRMED:
    'First use of an SSH server: confirm `offeredFingerprint` (also `detail`) with `acceptHostKey`.',
  SSH_HOST_KEY_CHANGED:
    'The SSH server sent another host key (`offeredFingerprint`) than the one recorded (`recordedFingerprint`).',
  // Connections and sessions.
  EPHEMERAL_CONNECTION: 'The connection exists for this run only: it cannot be changed or deleted.',
  CONNECTION_NAME_TAKEN: 'Another saved connection has this name.',
  TRANSACTION_OPEN: 'A tab has an open transaction on the connection.',
  TAB_BUSY: 'The tab is still running a query.',
  SESSION_LOST: "The tab's session was lost; close it (`sessions.close`) to run again.",
  TOO_MANY_TABS: 'At most 100 tabs are kept.',
  CONNECTION_NOT_OPEN: 'The connection is not open: connect to it first.',
  // The schema browser.
  OBJECT_NOT_FOUND: 'There is no such object (any more) in the catalog.',
  OBJECT_KIND_MISMATCH: 'The object exists but is of another kind than the one asked for.',
  AMBIGUOUS_OBJECT: 'Several objects have that name (overloaded functions): name it by OID.',
  // Running statements.
  CLIENT_ENCODING: 'A change of client_encoding away from UTF-8 was refused.',
  READ_ONLY: 'A statement would make a read-only connection writable.',
  // Reading results.
  CELL_TOO_LARGE: 'The cell is too large to send whole.',
  COPY_TOO_LARGE: 'Too many rows or too much text to copy.',
  SORT_TOO_LARGE: 'The memory budget cannot hold the sort.',
  RESULT_NOT_COMPLETE: 'The result is still fetching.',
  ARRANGE_CANCELLED: 'The sort or filter was stopped.',
  SUPERSEDED: 'A newer sort or filter of the result replaced this one.',
  // Export and import.
  EXPORT_CANCELLED: 'The export was cancelled; its partial file was removed.',
  IMPORT_CANCELLED: 'The import was cancelled; nothing was inserted.',
  TRANSFER_NOT_FOUND: 'There is no such export or import (it ended, or was never started).',
  FOLDER_NOT_WRITABLE: 'The folder given for the export does not exist or cannot be written.',
  // Editing rows.
  NOT_EDITABLE: 'The result cannot be edited; `detail` says why (a `READ_ONLY_REASONS` text).',
  EDIT_CONFLICT:
    'A change touched not exactly one row (changed or deleted by another session since it was read): nothing was applied; `edit` names the change and row.',
  EDIT_REFUSED_READ_ONLY: 'The connection is read-only: edits are refused.',
  ROW_NOT_HELD: 'A change names a row the result does not hold (or a column it does not have).',
  // Server activity.
  SIGNAL_REFUSED:
    "The role may not cancel or terminate that backend; `hint` names the role or attribute needed (pg_signal_backend, or SUPERUSER for a superuser's backend).",
  NO_SUCH_BACKEND: 'No backend has that pid (any more): it ended.',
  // Plans.
  NOT_EXPLAINABLE:
    'EXPLAIN shows no plan for this text: not one statement of a kind EXPLAIN takes (SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, EXECUTE, CREATE TABLE AS…), or already an EXPLAIN.',
  EXPLAIN_OPTION_REFUSED:
    'An EXPLAIN option this server or this combination refuses (GENERIC_PLAN before PostgreSQL 16 or with ANALYZE, WAL without ANALYZE).',
  NOT_A_PLAN: "The result is not an EXPLAIN's output (one column named QUERY PLAN).",
} as const;

/** One of Tusk's own codes ({@link TUSK_ERROR_CODES}). */
export type TuskErrorCode = keyof typeof TUSK_ERROR_CODES;

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type Letter =
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'N'
  | 'O'
  | 'P'
  | 'Q'
  | 'R'
  | 'S'
  | 'T'
  | 'U'
  | 'V'
  | 'W'
  | 'X'
  | 'Y'
  | 'Z';

/**
 * A SQLSTATE's class, its first two characters: a digit then a digit or letter, or one of
 * the classes PostgreSQL names with a letter first (`F0` configuration, `HV` foreign data,
 * `P0` PL/pgSQL, `XX` internal).
 */
export type SqlStateClass = `${Digit}${Digit | Letter}` | 'F0' | 'HV' | 'P0' | 'XX';

/**
 * A SQLSTATE as the server sends it: five characters, digits and capitals, its class first
 * (`28P01`, `57014`). The type checks the class; {@link isSqlState} checks the length.
 */
export type SqlState = `${SqlStateClass}${string}`;

/** What `ErrorInfo.code` holds: one of Tusk's codes, or a SQLSTATE. */
export type ErrorCode = TuskErrorCode | SqlState;

/** True for a SQLSTATE (five digits or capitals), false for Tusk's own codes and anything else. */
export function isSqlState(code: string | undefined): code is SqlState {
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code);
}
