import type { ExplainOptions } from '../../common/plan-shapes';
import type { ErrorInfo, ServerEvents } from '../../controllers/api';

/** A statement's outcome as the terminal events report it. */
export type StatementOutcome = ServerEvents['query.completed']['results'][number];
/** The session's transaction state after a run (psql's %x). */
export type TransactionState = ServerEvents['query.completed']['transaction'];

/** What a tab's latest run is doing or did. */
export interface TabRun {
  queryId: string | null;
  /** Its tab and connection (absent on a run refused before it was sent). */
  tabId?: string;
  connectionId?: string;
  status: 'starting' | 'queued' | 'running' | 'completed' | 'cancelled' | 'timeout' | 'failed';
  /** `performance.now()` when it was started (for the elapsed time while it runs). */
  startedAt: number;
  elapsedMs: number;
  /** Rows so far (while running) or of the last statement. */
  rowCount: number;
  /** While rows arrive: the index of the statement they belong to (its grid can show them). */
  rowsFrom: number | null;
  results: StatementOutcome[];
  error: ErrorInfo | null;
  /** The SQL sent (absent on a run refused before it was sent). */
  sql?: string;
  /** Where the run's SQL starts in the tab's text (code points), for error positions. */
  sqlStart: number;
  truncated: boolean;
  /** While queued: it waits for the previous run's cancel to land. */
  waitingFor?: 'cancel' | undefined;
  /** Its cancel was asked (a next run may then be sent: it queues behind the cancel). */
  cancelling?: true;
  /** Set on Tusk's own EXPLAIN (`queries.explain`): its one result is a plan. */
  explain?: ExplainedRun;
}

/** What an explain run explained, and how. */
export interface ExplainedRun {
  /** The statement as sent (its text, without EXPLAIN). */
  sql: string;
  analyze: boolean;
  /** The options sent (only those that apply). */
  options: ExplainOptions;
}

/** Per tab: its latest run, its session's transaction state, and whether it was lost. */
export interface TabSession {
  run: TabRun | null;
  transaction: TransactionState;
  /** The session was lost (network, restart, terminate); runs wait for an acknowledgement. */
  lost: { hadTransaction: boolean } | null;
  /** A run asked while one was running: refused, said once (the running one is untouched). */
  refused?: string | null;
}
