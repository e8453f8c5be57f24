import { runQuery } from '../support/queries';
import { asSuperuser, startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestRole } from '../support/secrets';
import type { Params, TestSocket } from '../support/socket';

/** `queries.copy`: the backend builds the text of a grid selection, whole cells, bounded. */
describe('queries.copy (real PostgreSQL)', () => {
  let user: TestRole;
  let q: QueryBackend;
  let socket: TestSocket;
  let connection = '';
  let typed = '';

  const copy = (
    params: Pick<Params<'queries.copy'>, 'format' | 'headers'> & Partial<Params<'queries.copy'>>,
  ) =>
    socket.call('queries.copy', {
      queryId: typed,
      rows: { from: 0, to: 3 },
      columns: [0, 1, 2, 3],
      ...params,
    });

  beforeAll(async () => {
    q = await startQueryBackend('tusk_copy');
    ({ user, socket } = q);
    connection = await q.open('copy');
    const run = await runQuery(
      socket,
      connection,
      `SELECT * FROM (VALUES
         (1, 'a	tab', 1.50::numeric(6,2), '{"k": [1, 2]}'::jsonb),
         (2, NULL, NULL, 'null'::jsonb),
         (3, 'it''s "q"' || E'\\n' || 'line 2', -3.25, NULL)
       ) AS t(id, "Note", amount, doc)`,
    );
    expect(run.end.event).toBe('query.completed');
    typed = run.queryId;
  }, 60_000);
  afterAll(async () => q?.stop());

  it('TSV without and with headers', async () => {
    expect(await copy({ format: 'tsv', headers: false })).toEqual({
      rows: 3,
      text: '1\t"a\ttab"\t1.50\t{"k": [1, 2]}\n2\t\t\tnull\n3\t"it\'s ""q""\nline 2"\t-3.25\t',
    });
    const withHeaders = await copy({ format: 'tsv', headers: true, rows: { from: 1, to: 2 } });
    expect(withHeaders).toEqual({ rows: 1, text: 'id\tNote\tamount\tdoc\n2\t\t\tnull' });
  });

  it('CSV, JSON, Markdown and SQL INSERT, with the column types the server names', async () => {
    expect((await copy({ format: 'csv', headers: true })).text).toBe(
      'id,Note,amount,doc\n1,a\ttab,1.50,"{""k"": [1, 2]}"\n2,,,null\n3,"it\'s ""q""\nline 2",-3.25,',
    );
    const json = await copy({ format: 'json', headers: true });
    expect(JSON.parse(json.text)).toEqual([
      { id: 1, Note: 'a\ttab', amount: 1.5, doc: { k: [1, 2] } },
      { id: 2, Note: null, amount: null, doc: null },
      { id: 3, Note: 'it\'s "q"\nline 2', amount: -3.25, doc: null },
    ]);
    expect(json.text).toContain('"amount": 1.50');
    expect(JSON.parse((await copy({ format: 'json', headers: false })).text)[0]).toEqual([
      1,
      'a\ttab',
      1.5,
      { k: [1, 2] },
    ]);
    expect((await copy({ format: 'markdown', headers: true, columns: [2, 1] })).text).toBe(
      '| amount | Note |\n| ---: | --- |\n| 1.50 | a\ttab |\n|  |  |\n| -3.25 | it\'s "q"<br>line 2 |',
    );
    expect(
      (await copy({ format: 'sql', headers: true, table: 'notes', rows: { from: 2, to: 3 } })).text,
    ).toBe(
      `INSERT INTO notes (id, "Note", amount, doc) VALUES (3, 'it''s "q"\nline 2', -3.25, NULL);`,
    );
  });

  it("SQL INSERT names the result's own table when every column comes from it; the page's columns name it (issue 22, item 15)", async () => {
    const table = `Copy Items ${user.suffix}`;
    await asSuperuser(
      `CREATE TABLE "${table}" (id int PRIMARY KEY, label text);
       INSERT INTO "${table}" VALUES (1, 'one');
       GRANT SELECT ON "${table}" TO ${user.role}`,
    );
    const own = await runQuery(socket, connection, `SELECT id, label FROM "${table}"`);
    const page = await socket.call('queries.page', { queryId: own.queryId, offset: 0, limit: 10 });
    const oid = page.columns[0]!.table!.oid;
    expect(page.columns).toEqual([
      {
        name: 'id',
        type: 'integer',
        nullable: false,
        table: { schema: 'public', name: table, oid },
        editable: false,
      },
      {
        name: 'label',
        type: 'text',
        nullable: true,
        table: { schema: 'public', name: table, oid },
        editable: false,
      },
    ]);
    // Granted SELECT only: its rows cannot be edited (issue 26).
    expect(page.readOnly).toEqual({
      reason: 'NO_PRIVILEGE',
      text: 'you may not change this table (no UPDATE, INSERT or DELETE privilege)',
    });
    const sql = (queryId: string, columns: number[]) =>
      socket.call('queries.copy', {
        queryId,
        rows: { from: 0, to: 1 },
        columns,
        format: 'sql',
        headers: true,
      });
    expect((await sql(own.queryId, [0, 1])).text).toBe(
      `INSERT INTO public."${table}" (id, label) VALUES (1, 'one');`,
    );
    // A computed column: no one table, so the placeholder.
    const mixed = await runQuery(socket, connection, `SELECT id, 2 AS two FROM "${table}"`);
    expect((await sql(mixed.queryId, [0, 1])).text).toBe(
      'INSERT INTO table_name (id, two) VALUES (1, 2);',
    );
    await asSuperuser(`DROP TABLE "${table}"`);
  });

  it('copies a cut cell whole (a page sends only its first 64 KiB)', async () => {
    const run = await runQuery(socket, connection, `SELECT repeat('é', 100000) AS long`);
    const page = await socket.call('queries.page', { queryId: run.queryId, offset: 0, limit: 1 });
    expect(page.cut).toEqual([{ row: 0, column: 0, totalBytes: 200_000 }]);
    const whole = await socket.call('queries.copy', {
      queryId: run.queryId,
      rows: { from: 0, to: 1 },
      columns: [0],
      format: 'tsv',
      headers: false,
    });
    expect(whole.text).toBe('é'.repeat(100_000));
  });

  it('copies 100,000 rows; 100,001 are refused with COPY_TOO_LARGE, saying what to do — never a partial copy', async () => {
    const run = await runQuery(socket, connection, 'SELECT g FROM generate_series(1, 100001) g');
    const all = await socket.call('queries.copy', {
      queryId: run.queryId,
      rows: { from: 0, to: 100_000 },
      columns: [0],
      format: 'tsv',
      headers: false,
    });
    expect(all.rows).toBe(100_000);
    expect(all.text.split('\n').length).toBe(100_000);
    const reply = await socket.request('queries.copy', {
      queryId: run.queryId,
      rows: { from: 0, to: 100_001 },
      columns: [0],
      format: 'tsv',
      headers: false,
    });
    expect(reply['result']).toBeUndefined();
    expect(reply['error']).toMatchObject({
      kind: 'validation',
      code: 'COPY_TOO_LARGE',
      message: 'Too large to copy: 100,001 rows',
      hint: expect.stringMatching(
        /^A copy holds at most 100,000 rows and 64 MB of text: select fewer rows/,
      ),
    });
  });

  it('refuses bad params: an unknown format, rows backwards, no columns, a column out of range', async () => {
    for (const params of [
      { format: 'xml', headers: false },
      { format: 'tsv', headers: false, rows: { from: 3, to: 1 } },
      { format: 'tsv', headers: false, columns: [] },
      { format: 'tsv', headers: false, columns: [9] },
    ]) {
      const reply = await socket.request('queries.copy', {
        queryId: typed,
        rows: { from: 0, to: 3 },
        columns: [0],
        ...params,
      });
      expect(reply['error']).toMatchObject({ kind: 'validation' });
    }
  });
});
