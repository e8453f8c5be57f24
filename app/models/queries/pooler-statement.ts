import type { PoolSession } from '../connections/pool-session';
import { TuskError } from '../errors/errors';
import { endTransaction, RESET_STATE } from '../connections/session-reset';
import type { SqlStatement } from '../sql/split';
import type { StatementNotice } from './statement-notices';

/** What a statement needs after it ran (from {@link beforeStatement}). */
export interface PoolerStep {
  /** Tusk opened a transaction around it, to end after it. */
  wrapped: boolean;
  /**
   * The user's statement ends a failed transaction that Tusk rolled back (and chained) to
   * reset it: its outcome is a ROLLBACK, whatever it says.
   */
  rolledBack?: true;
}

/**
 * Prepares one statement on a session behind a transaction pooler (PgBouncer in
 * transaction mode: the server connection is the session's only inside a transaction).
 * Outside a transaction the statement gets one of its own, `BEGIN` with the connection's
 * settings as `SET LOCAL` (one round trip), so its statement timeout and read-only mode
 * hold; inside the user's transaction the settings are sent once, before its first
 * statement. Statements PostgreSQL runs only outside a transaction block go bare, without
 * the settings; on a read-only connection they are refused. Before the user's COMMIT or
 * ROLLBACK, the session state the transaction left (SET and `set_config`, session advisory
 * locks, temp tables…) is reset, so it never reaches the pooler's other clients; a failed
 * transaction is first rolled back and chained for that. Nothing happens on a direct
 * connection. Not covered: state a statement leaves outside any transaction block (VACUUM
 * and the like run bare; they leave none).
 * @throws TuskError `validation` for a statement a read-only connection cannot keep
 *   read-only; the driver's error when a command fails.
 */
export async function beforeStatement(
  session: PoolSession,
  statement: SqlStatement,
): Promise<PoolerStep> {
  const local = session.localSettings;
  if (local === null || statement.refusal) return { wrapped: false };
  if (statement.kind === 'transaction') {
    if (!statement.ends || session.transaction === 'idle') return { wrapped: false };
    if (session.transaction === 'open') {
      await simple(session, RESET_STATE);
      return { wrapped: false };
    }
    // A failed transaction takes nothing but its end: rolled back and chained, reset in the
    // new one, which the user's statement then ends (one ReadyForQuery each: the pooler
    // keeps the server connection, the transaction being open, until that end).
    await simple(session, `ROLLBACK AND CHAIN; ${RESET_STATE}`);
    return { wrapped: false, rolledBack: true };
  }
  if (statement.outsideTransaction) {
    if (local.readOnly) throw readOnlyRefusal();
    return { wrapped: false };
  }
  let wrapped = false;
  if (session.transaction === 'idle') {
    await session.sendLocalSettings({ begin: true });
    wrapped = true;
  } else if (session.transaction === 'open' && !session.localSettingsSent) {
    await session.sendLocalSettings({ begin: false });
  }
  return { wrapped };
}

/**
 * Ends the transaction {@link beforeStatement} opened: COMMIT (after resetting any state
 * the statement left) when it succeeded, ROLLBACK when it failed or was stopped. Returns
 * the notice to show when session state was reset.
 * @throws the driver's error when COMMIT fails (a deferred constraint): the statement's.
 */
export async function afterStatement(
  session: PoolSession,
  statement: SqlStatement,
  step: PoolerStep,
  succeeded: boolean,
): Promise<StatementNotice | null> {
  if (!step.wrapped || session.transaction === 'idle') return null;
  // Whatever it ran — a function's set_config, an advisory lock — is reset before the
  // transaction ends, in the same message (endTransaction).
  await endTransaction(session, succeeded);
  return succeeded && statement.sessionState ? SESSION_STATE_NOTICE : null;
}

/** Told with a statement whose session state was reset behind a transaction pooler. */
export const SESSION_STATE_NOTICE: StatementNotice = {
  severity: 'NOTICE',
  message:
    'Behind a transaction pooler, session state (SET, temporary tables, LISTEN, PREPARE) lasts only inside a transaction: it was reset after this statement.',
  hint: 'Run BEGIN first, and use it before COMMIT.',
};

/** Ends a transaction Tusk opened when the statement could not run (ignores errors). */
export async function abandon(session: PoolSession, step: PoolerStep): Promise<void> {
  if (!step.wrapped || session.transaction === 'idle' || !session.up) return;
  await endTransaction(session, false).catch(() => undefined);
}

/** `sql` in one simple-protocol message (no parameters): one ReadyForQuery for all of it. */
function simple(session: PoolSession, sql: string): Promise<unknown> {
  return session.query(sql);
}

function readOnlyRefusal(): TuskError {
  return new TuskError(
    'validation',
    'This statement runs only outside a transaction, where a transaction pooler cannot keep the connection read-only',
    {
      hint: 'Run it on a connection that is not read-only, or connect to the server directly instead of through the pooler.',
    },
  );
}
