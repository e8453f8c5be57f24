import type { Params, Result, TestSocket } from './socket';

/** The terminal event of a query. */
export interface QueryEnd {
  event: 'query.completed' | 'query.failed' | 'query.cancelled';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any;
}

const TERMINAL = new Set(['query.completed', 'query.failed', 'query.cancelled']);

/** Waits for the terminal event of `queryId` (events reach every socket). */
export async function queryEnd(
  socket: TestSocket,
  queryId: string,
  timeoutMs = 15_000,
): Promise<QueryEnd> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = socket.events.find(
      (e) => TERMINAL.has(e.event) && (e.payload as { queryId?: string }).queryId === queryId,
    );
    if (found) return found as QueryEnd;
    if (Date.now() > deadline)
      throw new Error(`no terminal event for ${queryId} in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Starts a query; resolves with its id (the reply, sent before any event of it). */
export async function execute(
  socket: TestSocket,
  connectionId: string,
  sql: string,
  params?: Params<'queries.execute'>['params'],
): Promise<string> {
  const started = await socket.call('queries.execute', {
    connectionId,
    sql,
    ...(params ? { params } : {}),
  });
  return started.queryId;
}

/** Runs a query to its end. */
export async function runQuery(
  socket: TestSocket,
  connectionId: string,
  sql: string,
  params?: Params<'queries.execute'>['params'],
): Promise<{ queryId: string; end: QueryEnd }> {
  const queryId = await execute(socket, connectionId, sql, params);
  return { queryId, end: await queryEnd(socket, queryId) };
}

/** A page of a result (the `result` of `queries.page`). */
export function page(
  socket: TestSocket,
  queryId: string,
  offset = 0,
  limit = 1000,
): Promise<Result<'queries.page'>> {
  return socket.call('queries.page', { queryId, offset, limit });
}
