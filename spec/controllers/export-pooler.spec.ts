import type { TestBackend } from '../support/backend';
import { downloadExport } from '../support/exports';
import { startBouncedBackend, type BouncedBackend } from '../support/pgbouncer';
import { sharedPgServer } from '../support/postgres';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestSocket } from '../support/socket';

/** An export is not cut by the connection's statement timeout, directly or behind PgBouncer. */
describe('export and the statement timeout (real PostgreSQL, PgBouncer)', () => {
  const pg = sharedPgServer();
  let q: QueryBackend;
  let bounced: BouncedBackend;
  let backend: TestBackend;
  let socket: TestSocket;
  let direct = '';
  let pooled = '';

  beforeAll(async () => {
    q = await startQueryBackend('tusk_exp_timeout');
    direct = await q.open('export timeout', { statementTimeoutMs: 300 });
    bounced = await startBouncedBackend(pg, `bouncer export ${q.user.suffix}`, {
      statementTimeoutMs: 300,
    });
    ({ backend, socket, connectionId: pooled } = bounced);
  }, 60_000);
  afterAll(async () => {
    await bounced?.stop();
    await q?.stop();
  });

  it.each([
    ['COPY', 'SELECT g, pg_sleep(0.25) IS NULL AS slept FROM generate_series(1, 3) AS g', []],
    ['rows', 'SELECT g, pg_sleep(0.25) IS NULL AS slept FROM generate_series(1, $1) AS g', ['3']],
  ])(
    'a statement running longer than the 300 ms timeout exports whole (%s path)',
    async (_path, sql, params) => {
      for (const [where, s, b, connectionId] of [
        ['direct', q.socket, q.backend, direct],
        ['PgBouncer', socket, backend, pooled],
      ] as const) {
        const done = await downloadExport(b, s, {
          connectionId,
          source: { sql, params },
          format: 'csv',
          options: {},
          destination: 'download',
        });
        expect({ where, end: done.end.event, body: done.body.toString() }).toEqual({
          where,
          end: 'export.completed',
          body: 'g,slept\n1,f\n2,f\n3,f\n',
        });
      }
    },
    30_000,
  );
});
