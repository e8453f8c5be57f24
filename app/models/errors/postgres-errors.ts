import { isSqlState } from '../../common/error-codes';
import type { ErrorCode, ErrorKind, ServerErrorFields, SqlState } from './error-info';
import { isErrorLike, TuskError } from './errors';
import { lineColumnAt } from './query-position';
import { hintForSqlState } from './sqlstate-hints';

/** The fields of postgres.js's PostgresError that Tusk reads (all strings, as sent). */
export interface PostgresErrorLike {
  name?: string;
  message: string;
  code?: string;
  severity?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  internal_query?: string;
  internal_position?: string;
  schema_name?: string;
  table_name?: string;
  column_name?: string;
  /** postgres.js names the ErrorResponse field `d` so, with a space. */
  'data type_name'?: string;
  constraint_name?: string;
}

/** True for postgres.js's `PostgresError` (an error the server sent). */
export function isPostgresError(error: unknown): error is PostgresErrorLike {
  return (
    isErrorLike(error) &&
    error.name === 'PostgresError' &&
    typeof (error as PostgresErrorLike).code === 'string'
  );
}

/** Context of {@link fromPostgresError}. */
export interface PostgresErrorContext {
  /** The query text, to turn the error position into a line and column. */
  sql?: string;
  /** 57014 means a user cancel when set, else statement_timeout. */
  cancelRequested?: boolean;
  /** How long the statement ran, for the timeout message. */
  elapsedMs?: number;
  /**
   * A 57014 Tusk did not ask for that its statement timeout does not explain (it ran
   * shorter): cancelled by someone else, never told as a timeout.
   */
  notOurCancel?: boolean;
  /** The server is a hot standby: a read-only error then says to use the primary. */
  standby?: boolean;
  /**
   * A statement's error (not a failure to connect): its kind is `database` whatever its
   * class, except 57014 (cancel or timeout), 57P01 and class 08 (the connection), and only
   * Tusk's hints that are specific and true for a statement are added.
   */
  statement?: boolean;
  /** The failing statement's start (1-based, in `sql`), for an error with no position. */
  statementStart?: number;
  /**
   * A failure to log in: whether a password was sent. A 28P01 then carries Tusk's code,
   * `PASSWORD_REFUSED` (one was sent) or `PASSWORD_REQUIRED` (none), with 28P01 as `sqlState`.
   */
  passwordSent?: boolean;
}

/**
 * The code of a server error: its SQLSTATE, or for a password refused at login Tusk's
 * `PASSWORD_REFUSED` / `PASSWORD_REQUIRED` with the SQLSTATE beside it. Empty when the
 * server sent none (or something that is no SQLSTATE).
 */
function codesOf(
  code: string | undefined,
  context: PostgresErrorContext,
): { code?: ErrorCode; sqlState?: SqlState } {
  if (!isSqlState(code)) return {};
  if (code === '28P01' && !context.statement && context.passwordSent !== undefined)
    return {
      code: context.passwordSent ? 'PASSWORD_REFUSED' : 'PASSWORD_REQUIRED',
      sqlState: code,
    };
  return { code };
}

/**
 * Maps a server error to a TuskError: its kind from the SQLSTATE, the server's message,
 * DETAIL and HINT kept as sent (Tusk's own hint only when the server gave none), the
 * position with its line and column in `sql`, and the code. Never throws.
 */
export function fromPostgresError(
  error: PostgresErrorLike,
  context: PostgresErrorContext = {},
): TuskError {
  const code = error.code;
  const position = error.position ? Number(error.position) : undefined;
  const at =
    position !== undefined && context.sql !== undefined
      ? lineColumnAt(context.sql, position)
      : undefined;
  let message = error.message;
  let hint = error.hint ?? hintForSqlState(code, context.statement ? 'statement' : 'connect');
  if (code === '25006' && context.standby) {
    hint =
      'This server is a hot standby (a read replica): it refuses every write. Connect to the primary to write.';
  }
  const kind = context.statement
    ? statementKindOf(code, context.cancelRequested || context.notOurCancel)
    : kindOf(code, context.cancelRequested || context.notOurCancel);
  let detail = error.detail;
  if (code === '57014' && context.notOurCancel && !context.cancelRequested) {
    const ran =
      context.elapsedMs === undefined ? '' : ` after ${(context.elapsedMs / 1000).toFixed(1)} s`;
    detail = `Tusk sent no cancel for this statement, and it was stopped${ran}, before its statement timeout: another session cancelled it (pg_cancel_backend), or the signal was sent for something else.`;
    hint = 'Run it again; if it keeps happening, look for whoever cancels it (pg_stat_activity).';
  }
  if (kind === 'query_timeout' && context.elapsedMs !== undefined) {
    message = `The statement timed out after ${(context.elapsedMs / 1000).toFixed(1)} s (${error.message})`;
    hint =
      "It can be retried. If it needs longer, raise the default statement timeout in Preferences (Ctrl+,), or a connection's own timeout in its settings; `SET statement_timeout` in a tab changes it for that tab.";
  }
  return new TuskError(kind, message, {
    ...(detail ? { detail } : {}),
    ...(hint ? { hint } : {}),
    ...(position !== undefined && Number.isFinite(position) ? { position } : {}),
    ...(at ?? {}),
    ...codesOf(code, context),
    ...(context.statement
      ? {}
      : {
          ...(kind === 'authentication' ? { stage: 'authentication' as const } : {}),
          ...(code === '3D000' ? { stage: 'database' as const } : {}),
        }),
    ...(position === undefined && context.statementStart !== undefined && context.sql !== undefined
      ? {
          statementStart: context.statementStart,
          ...(lineColumnAt(context.sql, context.statementStart)?.line === undefined
            ? {}
            : { line: lineColumnAt(context.sql, context.statementStart)!.line }),
        }
      : {}),
    server: serverFields(error),
    cause: error,
  });
}

/** What the server said besides message, detail, hint and position, as ErrorInfo names it. */
function serverFields(error: PostgresErrorLike): ServerErrorFields {
  const fields: ServerErrorFields = {};
  const text = (key: keyof ServerErrorFields, value: string | undefined) => {
    if (value) Object.assign(fields, { [key]: value });
  };
  text('context', error.where);
  text('internalQuery', error.internal_query);
  if (error.internal_position) fields.internalPosition = Number(error.internal_position);
  text('schemaName', error.schema_name);
  text('tableName', error.table_name);
  text('columnName', error.column_name);
  text('dataTypeName', error['data type_name']);
  text('constraintName', error.constraint_name);
  return fields;
}

/** A statement's error kind: `database`, but for a cancel, a timeout or a lost connection. */
function statementKindOf(code: string | undefined, cancelRequested?: boolean): ErrorKind {
  if (code === '57014') return cancelRequested ? 'query_cancelled' : 'query_timeout';
  if (code === '57P01' || code?.startsWith('08')) return 'connection';
  return 'database';
}

function kindOf(code: string | undefined, cancelRequested?: boolean): ErrorKind {
  if (!code) return 'database';
  if (code === '57014') return cancelRequested ? 'query_cancelled' : 'query_timeout';
  if (code.startsWith('28')) return 'authentication';
  if (code === '3D000' || code === '53300' || code.startsWith('08') || code === '57P01')
    return 'connection';
  return 'database';
}
