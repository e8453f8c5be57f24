import { refusalOf } from '../support/socket';
import { page, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';

/**
 * Which results `queries.page` says are editable, and why the others are read-only
 * (issue 26): the table and key, each column's `editable`, the reason's code and words.
 */
describe('editable results (queries.page, real PostgreSQL)', () => {
  let q: QueryBackend;
  let connection = '';
  let readOnly = '';
  let items = '';
  let owners = '';
  let loose = '';
  let uniq = '';
  let view = '';

  /** The page of `sql`'s result, run on `on` (default the read-write connection). */
  const pageOf = async (sql: string, on = connection) => {
    const { queryId, end } = await runQuery(q.socket, on, sql);
    expect(end.payload.error).toBeUndefined();
    return { queryId, page: await page(q.socket, queryId) };
  };
  const refusal = refusalOf;

  beforeAll(async () => {
    q = await startQueryBackend('tusk_edit_target');
    items = await q.table(
      'items',
      'id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, price numeric(8,2), twice numeric GENERATED ALWAYS AS (price * 2) STORED',
    );
    owners = await q.table('owners', 'id int PRIMARY KEY, item int');
    loose = await q.table('loose', 'a int, b text');
    uniq = await q.table(
      'uniq',
      'code text NOT NULL, other text, note text, UNIQUE (other), UNIQUE (code)',
    );
    view = `items_view_${q.user.suffix}`;
    await q.admin(
      `INSERT INTO ${items} (name, price) VALUES ('pear', 1.50), ('apple', 0.99), ('fig', 3.00);
       CREATE VIEW ${view} AS SELECT * FROM ${items}; GRANT ALL ON ${view} TO ${q.user.role}`,
    );
    connection = await q.open('edit target');
    readOnly = await q.open('edit target read-only', { readOnly: true });
  }, 60_000);
  afterAll(async () => {
    await q?.admin(`DROP VIEW IF EXISTS ${view}`);
    await q?.stop();
  });

  it('a table with a primary key: editable, its key in the result, computed-by-the-server columns not', async () => {
    const { page: result } = await pageOf(`SELECT * FROM ${items} ORDER BY id`);
    const [oid] = await q.admin(`SELECT '${items}'::regclass::oid::int AS oid`);
    expect(result.editable).toEqual({
      table: { schema: 'public', name: items, oid: oid!['oid'] },
      key: [0],
    });
    expect(result.readOnly).toBeUndefined();
    // id is GENERATED ALWAYS AS IDENTITY, twice a generated column: the server writes them.
    expect(result.columns.map((c) => [c.name, c.editable])).toEqual([
      ['id', false],
      ['name', true],
      ['price', true],
      ['twice', false],
    ]);
    // The key found where it stands in the result.
    const swapped = (await pageOf(`SELECT name, id FROM ${items}`)).page;
    expect(swapped.editable?.key).toEqual([1]);
  });

  it('a unique index on NOT NULL columns is a key when there is no primary key', async () => {
    const { page: result } = await pageOf(`SELECT note, code FROM ${uniq}`);
    expect(result.editable?.key).toEqual([1]);
    // `other` is unique but may be NULL: no key.
    const noKey = (await pageOf(`SELECT other, note FROM ${uniq}`)).page;
    expect(noKey.editable).toBeNull();
    expect(noKey.readOnly).toEqual({
      reason: 'NO_KEY_IN_RESULT',
      text: 'no key in the result: add code to the select',
    });
  });

  it('read-only results say why, in words: two tables, no key, a view, a computed column, no key in the result', async () => {
    const cases: [string, string, string][] = [
      [
        `SELECT i.id, i.name, o.id FROM ${items} i JOIN ${owners} o ON o.item = i.id`,
        'TWO_TABLES',
        'columns from two tables: edit a result of one table',
      ],
      [
        `SELECT * FROM ${loose}`,
        'NO_KEY_IN_TABLE',
        'the table has no primary key and no unique index on NOT NULL columns',
      ],
      [
        `SELECT * FROM ${view}`,
        'BEHIND_A_VIEW',
        'behind a view: open the table itself to edit its rows',
      ],
      [
        `SELECT id, name, price * 2 AS double FROM ${items}`,
        'COMPUTED_COLUMN',
        'a computed column: every column must come from the table as it is',
      ],
      [
        `SELECT 1 AS one, now() AS at`,
        'NOT_FROM_A_TABLE',
        'not from a table: no column of the result comes from a table',
      ],
      [
        `SELECT name, price FROM ${items}`,
        'NO_KEY_IN_RESULT',
        'no key in the result: add id to the select',
      ],
      [
        `SELECT oid, relname FROM pg_class LIMIT 1`,
        'NOT_A_TABLE',
        'not a plain table (a foreign table, a sequence or a system catalog)',
      ],
    ];
    for (const [sql, reason, text] of cases) {
      const { page: result } = await pageOf(sql);
      expect([sql, result.editable, result.readOnly]).toEqual([sql, null, { reason, text }]);
      expect(result.columns.every((c) => c.editable === false)).toBe(true);
    }
  });

  it('DDL run in Tusk is seen: a unique column made NOT NULL makes the table editable', async () => {
    const keyless = await q.table('keyless', 'a int, b text UNIQUE');
    await q.admin(`ALTER TABLE ${keyless} OWNER TO ${q.user.role}`);
    const before = (await pageOf(`SELECT a, b FROM ${keyless}`)).page;
    expect(before.readOnly?.reason).toBe('NO_KEY_IN_TABLE');
    const altered = await runQuery(
      q.socket,
      connection,
      `ALTER TABLE ${keyless} ALTER COLUMN b SET NOT NULL`,
    );
    expect(altered.end.payload.error).toBeUndefined();
    const after = (await pageOf(`SELECT a, b FROM ${keyless}`)).page;
    expect([after.editable?.key, after.readOnly]).toEqual([[1], undefined]);
  });

  it('a read-only connection: not editable, and edits.apply is refused', async () => {
    const { queryId, page: result } = await pageOf(`SELECT * FROM ${items}`, readOnly);
    expect(result.editable).toBeNull();
    expect(result.readOnly).toEqual({
      reason: 'READ_ONLY_CONNECTION',
      text: 'read-only connection: its settings forbid writes',
    });
    const error = await refusal(
      q.call('edits.apply', {
        connectionId: readOnly,
        tabId: 'ro',
        queryId,
        changes: [{ op: 'update', row: 0, values: { '1': 'x' } }],
      }),
    );
    expect(error).toMatchObject({ kind: 'validation', code: 'EDIT_REFUSED_READ_ONLY' });
    // A result that is not editable is refused with its reason.
    const other = await pageOf(`SELECT * FROM ${loose}`);
    const notEditable = await refusal(
      q.call('edits.preview', {
        connectionId: connection,
        queryId: other.queryId,
        changes: [{ op: 'delete', row: 0 }],
      }),
    );
    expect(notEditable).toMatchObject({
      code: 'NOT_EDITABLE',
      detail: 'the table has no primary key and no unique index on NOT NULL columns',
    });
  });

  it('a sorted or filtered result gives each page row its held index, which edits take', async () => {
    const { queryId } = await pageOf(`SELECT id, name FROM ${items} ORDER BY id`);
    const plain = await page(q.socket, queryId);
    expect(plain.held).toBeUndefined();
    await q.call('queries.arrange', { queryId, sort: [{ column: 1, descending: false }] });
    const sorted = await page(q.socket, queryId);
    // apple (held 1), fig (held 2), pear (held 0).
    expect(sorted.rows.map((r) => r[1])).toEqual(['apple', 'fig', 'pear']);
    expect(sorted.held).toEqual([1, 2, 0]);
    const second = await q.call('queries.page', { queryId, offset: 1, limit: 1 });
    expect(second.held).toEqual([2]);
    await q.call('queries.arrange', { queryId, filter: { text: 'PEA' } });
    expect((await page(q.socket, queryId)).held).toEqual([0]);
    // The held index names the row: pear is held row 0.
    const { statements } = await q.call('edits.preview', {
      connectionId: connection,
      queryId,
      changes: [{ op: 'delete', row: 0 }],
    });
    expect(statements[0]!.params).toEqual(['1', 'pear']);
    const error = await refusal(
      q.call('edits.preview', {
        connectionId: connection,
        queryId,
        changes: [{ op: 'delete', row: 3 }],
      }),
    );
    expect(error).toMatchObject({ code: 'ROW_NOT_HELD', edit: { change: 0, row: 3 } });
  });
});
