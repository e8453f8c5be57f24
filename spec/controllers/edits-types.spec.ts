import { psqlRows } from '../support/psql-rows';
import { sharedPgServer } from '../support/postgres';
import { page, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';

/**
 * Awkward values through an edit (issue 26): each stored exactly as typed, what
 * `edits.apply` returns and what `queries.page` shows then both equal to `psql -At`.
 */
describe('edits of awkward types (real PostgreSQL, psql)', () => {
  const pg = sharedPgServer();
  let q: QueryBackend;
  let connection = '';
  let table = '';
  let mood = '';
  let positive = '';

  /** What psql prints for `sql`: rows of cells, null for NULL. */
  const psql = (sql: string) => psqlRows(pg, { role: q.user.role, password: q.user.password }, sql);

  beforeAll(async () => {
    q = await startQueryBackend('tusk_edit_types');
    mood = `mood_${q.user.suffix}`;
    positive = `positive_${q.user.suffix}`;
    await q.admin(
      `CREATE TYPE ${mood} AS ENUM ('sad', 'ok', 'happy');
       CREATE DOMAIN ${positive} AS integer CHECK (VALUE > 0);
       ALTER ROLE ${q.user.role} SET timezone = 'UTC'`,
    );
    table = await q.table(
      'awkward',
      `id serial PRIMARY KEY, made date DEFAULT '2001-02-03', num numeric, at timestamptz, ints int[],
       doc jsonb, bin bytea, txt text, pos ${positive}, feel ${mood}, plain json, spot point`,
    );
    await q.admin(
      `GRANT USAGE ON SEQUENCE ${table}_id_seq TO ${q.user.role};
       INSERT INTO ${table} (txt, plain, spot) VALUES ('first', '{"x": 1}', '(1,2)')`,
    );
    connection = await q.open('edit types');
  }, 60_000);
  afterAll(async () => {
    await q?.stop();
    await q?.admin(`DROP TYPE IF EXISTS ${mood}; DROP DOMAIN IF EXISTS ${positive}`);
  });

  it('each value stored exactly as typed: the apply, a fresh page and psql -At agree', async () => {
    const select = `SELECT id, made, num, at, ints, doc, bin, txt, pos, feel, plain, spot FROM ${table} ORDER BY id`;
    const { queryId } = await runQuery(q.socket, connection, select);
    const typed: Record<string, string> = {
      '2': '123456789012345678901234567890.123456789012345678901234567890',
      '3': '2024-02-29 13:14:15.123456+00',
      '4': '{1,NULL,-3,2147483647}',
      '5': '{"a": [1, 2.50, "x\\"y"], "b": null, "long key": true}',
      '6': '\\xdeadbeef00ff',
      '7': 'line one\nit\'s "quoted", back\\slash',
      '8': '42',
      '9': 'happy',
      '10': '{"kept":  "as typed" }',
      '11': '(3.5,-4)',
    };
    const applied = await q.call('edits.apply', {
      connectionId: connection,
      tabId: 'types',
      queryId,
      changes: [
        { op: 'update', row: 0, values: typed },
        { op: 'insert', values: typed },
        { op: 'insert', values: { '7': 'defaults' } },
      ],
    });
    const values = Object.values(typed);
    expect(applied.rows).toEqual([
      { change: 0, row: 0, values: ['1', '2001-02-03', ...values] },
      { change: 1, row: null, values: ['2', '2001-02-03', ...values] },
      {
        change: 2,
        row: null,
        values: [
          '3',
          '2001-02-03',
          null,
          null,
          null,
          null,
          null,
          'defaults',
          null,
          null,
          null,
          null,
        ],
      },
    ]);
    const expected = psql(select);
    expect(applied.rows.map((r) => r.values)).toEqual(expected);
    const fresh = await runQuery(q.socket, connection, select);
    expect((await page(q.socket, fresh.queryId)).rows).toEqual(expected);
    // A second edit of the same rows finds them by every value read (json and point too).
    const again = await q.call('edits.apply', {
      connectionId: connection,
      tabId: 'types',
      queryId: fresh.queryId,
      changes: [
        { op: 'update', row: 0, values: { '7': 'edited again' } },
        { op: 'delete', row: 1 },
      ],
    });
    expect(again.rows).toEqual([
      {
        change: 0,
        row: 0,
        values: ['1', '2001-02-03', ...values.slice(0, 5), 'edited again', ...values.slice(6)],
      },
    ]);
    expect(psql(`SELECT id, txt FROM ${table} ORDER BY id`)).toEqual([
      ['1', 'edited again'],
      ['3', 'defaults'],
    ]);
  });

  it('a value the domain or the enum refuses names its column; nothing stored', async () => {
    await q.admin(
      `INSERT INTO ${table} (txt, pos, feel) VALUES ('one', 1, 'ok'), ('two', 2, 'sad')`,
    );
    const { queryId } = await runQuery(
      q.socket,
      connection,
      `SELECT id, pos, feel, txt FROM ${table} ORDER BY id`,
    );
    const before = psql(`SELECT id, pos, feel, txt FROM ${table} ORDER BY id`);
    for (const [column, value, code] of [
      ['1', '-1', '23514'],
      ['2', 'furious', '22P02'],
    ] as const) {
      const reply = await q.socket.request('edits.apply', {
        connectionId: connection,
        tabId: 'types',
        queryId,
        changes: [
          { op: 'update', row: 1, values: { '3': 'changed' } },
          { op: 'update', row: 0, values: { [column]: value } },
        ],
      });
      expect(reply['error']).toMatchObject({
        code,
        edit: { change: 1, row: 0, column: Number(column) },
      });
    }
    expect(psql(`SELECT id, pos, feel, txt FROM ${table} ORDER BY id`)).toEqual(before);
  });
});
