import { createHash } from 'node:crypto';
import { queryEnd } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import { refusalOf } from '../support/socket';
import { waitUntil } from '../support/wait';

/**
 * `import.start/cancel` and the upload's PUTs (issue 27): a CSV or TSV file sent in parts
 * as the page sends them (plain fetch with the token address), streamed into one COPY in
 * one transaction; a bad line names its line and column and inserts nothing.
 */
describe('import of CSV and TSV files through COPY (real PostgreSQL)', () => {
  let q: QueryBackend;
  let connection = '';
  let table = '';

  interface Ended {
    event: string;
    payload: { importId: string; rows?: number; error?: Record<string, unknown> };
  }
  /** The import's `import.completed` or `import.failed`. */
  const endOf = async (importId: string): Promise<Ended> => {
    const match = () =>
      q.socket.events.find(
        (e) =>
          (e.event === 'import.completed' || e.event === 'import.failed') &&
          (e.payload as { importId: string }).importId === importId,
      ) as Ended | undefined;
    await waitUntil(() => match() !== undefined, 10_000);
    return match()!;
  };
  /** PUTs `body` as part `part` to the import's address, as the page does. */
  const put = async (uploadUrl: string, part: number, body: string | Buffer, last = false) => {
    const response = await fetch(
      `http://127.0.0.1:${q.backend.port}${uploadUrl}?part=${part}${last ? '&last=1' : ''}`,
      {
        method: 'PUT',
        body: typeof body === 'string' ? body : new Uint8Array(body),
        headers: { 'Content-Type': 'application/octet-stream' },
      },
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** Sends `text` in parts of `size` bytes (cut anywhere); the last PUT's answer. */
  const upload = async (uploadUrl: string, text: string | Buffer, size = 64 * 1024) => {
    const bytes = Buffer.from(text);
    let part = 0;
    for (let at = 0; ; at += size, part++) {
      const last = at + size >= bytes.length;
      const answer = await put(uploadUrl, part, bytes.subarray(at, at + size), last);
      if (last || answer.status !== 200) return answer;
    }
  };
  const start = (
    columns: { source: number; target: string }[],
    options: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ) =>
    q.call('import.start', {
      connectionId: connection,
      table: { schema: 'public', name: table },
      columns,
      options: { format: 'csv', header: true, ...options },
      ...extra,
    });
  const rowsNow = async () =>
    (await q.admin(`SELECT id, name, note FROM ${table} ORDER BY id`)).map((r) => [
      r['id'],
      r['name'],
      r['note'],
    ]);
  const all = [
    { source: 0, target: 'id' },
    { source: 1, target: 'name' },
    { source: 2, target: 'note' },
  ];

  beforeAll(async () => {
    q = await startQueryBackend('tusk_import');
    table = await q.table(
      'imported',
      "id int PRIMARY KEY, name text NOT NULL, note text DEFAULT 'none'",
    );
    connection = await q.open('import');
  }, 60_000);
  beforeEach(async () => {
    await q.admin(`TRUNCATE ${table}`);
  });
  afterAll(async () => q?.stop());

  it('a bad value on line 3 fails the import naming line 3 and its column; nothing is inserted', async () => {
    const { importId, uploadUrl } = await start(all);
    expect(uploadUrl).toBe(`/${q.backend.token}/imports/${importId}`);
    const answer = await upload(uploadUrl, 'id,name,note\n1,ann,a\nthree,bob,b\n4,cy,c\n', 8);
    const ended = await endOf(importId);
    expect(ended.event).toBe('import.failed');
    expect(ended.payload.error).toMatchObject({
      kind: 'database',
      code: '22P02',
      line: 3,
      columnName: 'id',
      message: 'Line 3: invalid input syntax for type integer: "three"',
      context: `COPY ${table}, line 3, column id: "three"`,
    });
    // The PUT that was under way, or the next one, says the same.
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ line: 3, columnName: 'id', code: '22P02' });
    expect(await rowsNow()).toEqual([]);
  });

  it('a good 100,000-line CSV imports every row: the count and a checksum match', async () => {
    const lines = Array.from(
      { length: 100_000 },
      (_, i) => `${i + 1},"name ${i}, ""quoted""",${i % 7 === 0 ? '' : `"note ${i}\nsecond line"`}`,
    );
    const text = `id,name,note\n${lines.join('\n')}\n`;
    const { importId, uploadUrl } = await start(all);
    const answer = await upload(uploadUrl, text, 1024 * 1024 + 17);
    expect(answer).toEqual({
      status: 200,
      body: { importId, part: expect.any(Number), bytes: Buffer.byteLength(text), rows: 100_000 },
    });
    const ended = await endOf(importId);
    expect(ended).toMatchObject({
      event: 'import.completed',
      payload: { importId, rows: 100_000 },
    });
    const expected = createHash('md5')
      .update(
        lines
          .map(
            (_, i) =>
              `${i + 1}|name ${i}, "quoted"|${i % 7 === 0 ? '<null>' : `note ${i}\nsecond line`}`,
          )
          .join('\n'),
      )
      .digest('hex');
    const [row] = await q.admin(
      `SELECT count(*)::int AS n, md5(string_agg(id || '|' || name || '|' || coalesce(note, '<null>'), E'\\n' ORDER BY id)) AS sum FROM ${table}`,
    );
    expect(row).toEqual({ n: 100_000, sum: expected });
    expect(
      q.socket.events.some(
        (e) =>
          e.event === 'import.progress' &&
          (e.payload as { importId: string }).importId === importId,
      ),
    ).toBe(true);
  });

  it('a mapping with fields reordered and one left out: the left-out column takes its default', async () => {
    // The file: name, extra, id; the table gets id from field 2 and name from field 0.
    const { importId, uploadUrl } = await start([
      { source: 2, target: 'id' },
      { source: 0, target: 'name' },
    ]);
    const answer = await upload(
      uploadUrl,
      'name,extra,id\r\n"ann, the first",x,1\r\nbob,"y\r\nz",2\r\n',
      5,
    );
    expect(answer.body['rows']).toBe(2);
    expect((await endOf(importId)).event).toBe('import.completed');
    expect(await rowsNow()).toEqual([
      [1, 'ann, the first', 'none'],
      [2, 'bob', 'none'],
    ]);
  });

  it('a line missing a mapped field fails naming its line', async () => {
    const { importId, uploadUrl } = await start([
      { source: 2, target: 'id' },
      { source: 0, target: 'name' },
    ]);
    await upload(uploadUrl, 'name,extra,id\nann,x,1\nbob,y\n');
    const ended = await endOf(importId);
    expect(ended.payload.error).toMatchObject({ kind: 'validation', line: 3 });
    expect(ended.payload.error?.['message']).toBe(
      'Line 3 has 2 fields; the column mapping reads field 3',
    );
    expect(await rowsNow()).toEqual([]);
  });

  it('cancel in the middle of the upload stops it: nothing inserted, the next part refused', async () => {
    const { importId, uploadUrl } = await start(all);
    expect((await put(uploadUrl, 0, 'id,name,note\n1,ann,a\n2,bob,b\n')).status).toBe(200);
    expect(await q.call('import.cancel', { importId })).toEqual({ cancelled: true });
    const ended = await endOf(importId);
    expect(ended.payload.error).toMatchObject({
      code: 'IMPORT_CANCELLED',
      kind: 'query_cancelled',
    });
    const next = await put(uploadUrl, 1, '3,cy,c\n', true);
    expect(next).toMatchObject({ status: 409, body: { code: 'IMPORT_CANCELLED' } });
    expect(await rowsNow()).toEqual([]);
    // The connection goes on.
    const again = await start(all);
    expect((await upload(again.uploadUrl, 'id,name,note\n5,dee,d\n')).body['rows']).toBe(1);
  });

  it('a wrong id answers 404; a part out of order 400; a missing table or column is refused at start', async () => {
    const missing = await put(`/${q.backend.token}/imports/${crypto.randomUUID()}`, 0, 'x', true);
    expect(missing).toMatchObject({ status: 404, body: { code: 'TRANSFER_NOT_FOUND' } });
    const { importId, uploadUrl } = await start(all);
    expect((await put(uploadUrl, 1, '1,a,b\n')).status).toBe(400);
    expect((await put(uploadUrl, 0, 'id,name,note\n1,a,b\n', true)).body['rows']).toBe(1);
    expect((await endOf(importId)).event).toBe('import.completed');
    const noTable = await refusalOf(
      q.call('import.start', {
        connectionId: connection,
        table: { schema: 'public', name: 'no_such_table' },
        columns: all,
        options: { format: 'csv', header: true },
      }),
    );
    expect(noTable).toMatchObject({
      code: 'OBJECT_NOT_FOUND',
      message: 'There is no table public.no_such_table',
    });
    const noColumn = await refusalOf(start([{ source: 0, target: 'nope' }]));
    expect(noColumn).toMatchObject({
      kind: 'validation',
      message: `public.${table} has no column nope`,
    });
  });

  it('header off, a NULL text, and TSV (tab-delimited, quotes as in CSV)', async () => {
    const csv = await start(all, { header: false, nullText: 'NA' });
    await upload(csv.uploadUrl, '1,ann,NA\n2,bob,""\n3,"NA",x\n');
    expect((await endOf(csv.importId)).event).toBe('import.completed');
    const tsv = await start(all, { format: 'tsv' });
    await upload(tsv.uploadUrl, 'id\tname\tnote\n4\t"tab\there"\t\n5\tplain\tp\n');
    expect((await endOf(tsv.importId)).event).toBe('import.completed');
    expect(await rowsNow()).toEqual([
      [1, 'ann', null],
      [2, 'bob', ''],
      [3, 'NA', 'x'],
      [4, 'tab\there', null],
      [5, 'plain', 'p'],
    ]);
  });

  it("on a tab's session inside its open transaction: the rows are the tab's until it commits", async () => {
    const tab = { connectionId: connection, tabId: 'import-tab' };
    const begin = await q.call('queries.execute', { ...tab, sql: 'BEGIN' });
    expect((await queryEnd(q.socket, begin.queryId)).event).toBe('query.completed');
    const { importId, uploadUrl } = await start(all, {}, { tabId: 'import-tab' });
    await upload(uploadUrl, 'id,name,note\n7,gus,g\n');
    expect((await endOf(importId)).event).toBe('import.completed');
    expect(await rowsNow()).toEqual([]);
    const commit = await q.call('queries.execute', { ...tab, sql: 'COMMIT' });
    expect((await queryEnd(q.socket, commit.queryId)).event).toBe('query.completed');
    expect(await rowsNow()).toEqual([[7, 'gus', 'g']]);
  });
});
