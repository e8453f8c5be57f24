import type { ErrorInfo } from '../../controllers/api';
import { RequestError, type TuskClient } from '../client';

/** A count under way: {@link cancel} stops it (its promise then rejects with `cancelled`). */
export interface CountRun {
  readonly done: Promise<bigint>;
  cancel(): void;
}

/**
 * Runs `sql` (a `SELECT count(*) …`) on the connection's pool, not on a tab's session (a
 * count never waits for the tab's run, nor joins its transaction), and resolves with the
 * count once it completes: read from its one cell (`queries.page`), then its result is
 * closed. Rejects with a {@link RequestError} saying why (the server's error, cancelled).
 */
export function countRows(client: TuskClient, connectionId: string, sql: string): CountRun {
  let queryId: string | null = null;
  let cancelled = false;
  const ended = new Map<string, ErrorInfo | null>();
  let settle: ((id: string) => void) | null = null;
  const hear = (id: string, error: ErrorInfo | null) => {
    ended.set(id, error);
    settle?.(id);
  };
  const stops = [
    client.on('query.completed', ({ queryId: id }) => hear(id, null)),
    client.on('query.failed', ({ queryId: id, error }) => hear(id, error)),
    client.on('query.cancelled', ({ queryId: id }) =>
      hear(id, { kind: 'query_cancelled', message: 'The count was cancelled' }),
    ),
  ];
  const done = (async () => {
    try {
      const started = await client.call('queries.execute', { connectionId, sql });
      queryId = started.queryId;
      if (cancelled) void client.call('queries.cancel', { queryId }).catch(() => undefined);
      const id = queryId;
      const error = await new Promise<ErrorInfo | null>((resolve) => {
        settle = (heard) => heard === id && resolve(ended.get(id) ?? null);
        if (ended.has(id)) resolve(ended.get(id) ?? null);
      });
      if (error) throw new RequestError(error);
      const page = await client.call('queries.page', { queryId: id, offset: 0, limit: 1 });
      return BigInt(page.rows[0]?.[0] ?? '0');
    } finally {
      for (const stop of stops) stop();
      if (queryId) void client.call('queries.close', { queryId }).catch(() => undefined);
    }
  })();
  return {
    done,
    cancel() {
      cancelled = true;
      if (queryId) void client.call('queries.cancel', { queryId }).catch(() => undefined);
    },
  };
}
