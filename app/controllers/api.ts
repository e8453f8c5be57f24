/**
 * The controllers' API as types, for the view-side client: method names, their params and
 * results, and the server's events. Type-only: nothing here runs.
 */
import type { z } from 'zod';
import type { Action } from './action';
import type { createAppController } from './app-controller';
import type { createConnectionsController } from './connections-controller';
import type { createHistoryController } from './history-controller';
import type { createPreferencesController } from './preferences-controller';
import type { createQueriesController } from './queries-controller';
import type { createSavedController } from './saved-controller';
import type { createSessionsController } from './sessions-controller';
import type { createWorkspaceController } from './workspace-controller';

export type { ErrorInfo, ErrorKind } from '../models/errors/error-info';
export type { Health } from '../models/app/health';
export type { Notice } from '../models/logging/notices';
export type { ConnectionColor } from '../models/connections/connection-config';
export type { Layout, WorkspaceTab } from '../models/storage/workspace-schema';

/** Every controller by its method prefix. */
export interface Controllers {
  app: ReturnType<typeof createAppController>;
  connections: ReturnType<typeof createConnectionsController>;
  preferences: ReturnType<typeof createPreferencesController>;
  history: ReturnType<typeof createHistoryController>;
  queries: ReturnType<typeof createQueriesController>;
  saved: ReturnType<typeof createSavedController>;
  sessions: ReturnType<typeof createSessionsController>;
  workspace: ReturnType<typeof createWorkspaceController>;
}

type MethodName = {
  [C in keyof Controllers & string]: `${C}.${keyof Controllers[C] & string}`;
}[keyof Controllers & string];

/** For each method `"controller.action"`: `{params, result}`. */
export type Methods = {
  [M in MethodName]: M extends `${infer C extends keyof Controllers}.${infer A}`
    ? A extends keyof Controllers[C]
      ? Controllers[C][A] extends Action<infer S, infer R>
        ? { params: z.input<S>; result: Awaited<R> }
        : never
      : never
    : never;
};

/** A query's outcome as its terminal event reports it. */
interface QueryEnded {
  queryId: string;
  elapsedMs: number;
  /** The session's transaction state after the run (psql's %x). */
  transaction: import('../models/connections/pool-session').TransactionState;
  /** Each statement run, in order. */
  results: import('../models/queries/statement-run').StatementOutcome[];
}

/** Events pushed by the server, by name. */
export interface ServerEvents {
  /**
   * Rows fetched so far (at most ~10 a second; the first rows at once) by the statement
   * `result` (its index, as in `results[].index` and `queries.page`).
   */
  'query.progress': { queryId: string; rowCount: number; result: number };
  /**
   * The first rows of the statement `result` (a page from offset 0, as `queries.page`
   * answers it), pushed once as soon as it has rows, after its first `query.progress`.
   */
  'query.rows': import('../models/queries/result-reads').ResultPage & {
    queryId: string;
    result: number;
  };
  /** `rowCount`: rows returned (held) or affected; `truncated`: the budget or row cap stopped the fetch. */
  'query.completed': QueryEnded & { rowCount: number; truncated: boolean; command: string | null };
  'query.failed': QueryEnded & { error: import('../models/errors/error-info').ErrorInfo };
  'query.cancelled': QueryEnded;
  /** A tab's session was lost; its next run is refused until `sessions.close` acknowledges it. */
  'session.lost': import('../models/sessions/tab-sessions').SessionLost;
  'app.notice': import('../models/logging/notices').Notice;
  /** The server dropped sessions of an open connection (they reconnect on next use). */
  'connection.dropped': import('../models/connections/live-connections').ConnectionDrop;
}

/** A request on the socket. */
export interface RequestMessage {
  id: string | number;
  method: string;
  params?: unknown;
}

/** A response on the socket: exactly one of `result` or `error`. */
export type ResponseMessage =
  | { id: string | number | null; result: unknown }
  | { id: string | number | null; error: import('../models/errors/error-info').ErrorInfo };

/** A server push. */
export interface EventMessage {
  event: string;
  payload: unknown;
}
