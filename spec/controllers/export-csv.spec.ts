import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/backend';
import { copyOutBytes, downloadExport, exportEnd } from '../support/exports';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import { refusalOf, type TestSocket } from '../support/socket';

/** `export.start` to CSV: byte for byte what PostgreSQL's COPY writes, by download and into a folder. */
describe('export to CSV (real PostgreSQL)', () => {
  let q: QueryBackend;
  let socket: TestSocket;
  let connection = '';
  let table = '';

  beforeAll(async () => {
    q = await startQueryBackend('tusk_exp_csv');
    socket = q.socket;
    connection = await q.open('export csv');
    table = await q.table('exp_awkward', 'id int, "Note, ""q""" text, b text');
    await q.admin(
      `INSERT INTO ${table} VALUES
        (1, 'plain', ''),
        (2, NULL, 'has,comma'),
        (3, 'quote "x"', E'line1\\nline2'),
        (4, E'cr\\rlf\\r\\n', 'naïve – 日本語 🐘'),
        (5, repeat(E'x,"\\n', 262144), 'a 1 MB cell before'),
        (6, '\\.', ' lead space '),
        (7, 'NULL', E'tab\\there')`,
    );
  }, 60_000);
  afterAll(async () => q?.stop());

  it('a table by download: the bytes of COPY … TO STDOUT (FORMAT csv, HEADER), as an attachment', async () => {
    const { response, body, end, fileName } = await downloadExport(q.backend, socket, {
      connectionId: connection,
      source: { table: { schema: 'public', name: table } },
      format: 'csv',
      options: {},
      destination: 'download',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(
      `attachment; filename="${table}.csv"`,
    );
    expect(fileName).toBe(`${table}.csv`);
    const expected = await copyOutBytes(`COPY ${table} TO STDOUT WITH (FORMAT csv, HEADER)`);
    expect(body.length).toBeGreaterThan(1024 * 1024);
    expect(body.equals(expected)).toBe(true);
    expect(end).toMatchObject({
      event: 'export.completed',
      payload: { rows: 7, bytes: expected.length },
    });
    expect(end.payload.path).toBeUndefined();
    // Fetched once: a second GET finds nothing.
    const again = await fetch(
      `http://127.0.0.1:${q.backend.port}/${q.backend.token}/exports/${end.payload.exportId}`,
    );
    expect(again.status).toBe(404);
  });

  it('a statement with $1 (which COPY cannot take), and custom options, match COPY with the same options', async () => {
    const select = (id: string) => `SELECT * FROM ${table} WHERE id >= ${id} ORDER BY id`;
    const plain = await downloadExport(q.backend, socket, {
      connectionId: connection,
      source: { sql: select('$1'), params: ['2'] },
      format: 'csv',
      options: {},
      destination: 'download',
    });
    expect(
      plain.body.equals(
        await copyOutBytes(`COPY (${select('2')}) TO STDOUT WITH (FORMAT csv, HEADER)`),
      ),
    ).toBe(true);
    // A value equal to the NULL text is quoted; the escape doubles quotes and itself.
    const custom = await downloadExport(q.backend, socket, {
      connectionId: connection,
      source: { sql: `${select('$1')};`, params: ['1'] },
      format: 'csv',
      options: { delimiter: ';', quote: "'", escape: '\\', nullText: 'NULL', header: false },
      destination: 'download',
    });
    const expected = await copyOutBytes(
      `COPY (${select('1')}) TO STDOUT WITH (FORMAT csv, DELIMITER ';', QUOTE '''', ESCAPE '\\', NULL 'NULL')`,
    );
    expect(custom.body.toString()).toContain(`7;'NULL';tab\there`);
    expect(custom.body.equals(expected)).toBe(true);
  });

  it('a lone \\. in one-column output is quoted; TSV, a BOM and CRLF', async () => {
    const one = `SELECT a FROM (VALUES ('\\.'), ('x'), (NULL)) AS v(a)`;
    const single = await downloadExport(q.backend, socket, {
      connectionId: connection,
      source: { sql: one },
      format: 'csv',
      options: {},
      destination: 'download',
    });
    expect(single.body.toString()).toBe('a\n"\\."\nx\n\n');
    expect(
      single.body.equals(await copyOutBytes(`COPY (${one}) TO STDOUT WITH (FORMAT csv, HEADER)`)),
    ).toBe(true);
    const simple = `SELECT id, b FROM ${table} WHERE id IN (1, 2, 7) ORDER BY id`;
    const excel = await downloadExport(q.backend, socket, {
      connectionId: connection,
      source: { sql: simple },
      format: 'tsv',
      options: { bom: true, lineEnding: 'crlf' },
      destination: 'download',
    });
    expect(excel.response.headers.get('content-type')).toBe(
      'text/tab-separated-values; charset=utf-8',
    );
    const tsv = await copyOutBytes(
      `COPY (${simple}) TO STDOUT WITH (FORMAT csv, HEADER, DELIMITER E'\\t')`,
    );
    expect(excel.body.toString()).toBe(`\uFEFF${tsv.toString().replaceAll('\n', '\r\n')}`);
  });

  it('into a folder: the file written there, a second one named " (2)", the absolute path reported', async () => {
    const folder = tempDir('tusk-export-');
    const start = () =>
      socket.call('export.start', {
        connectionId: connection,
        source: { table: { schema: 'public', name: table } },
        format: 'csv',
        options: {},
        destination: { folder },
      });
    const first = await start();
    const second = await start();
    expect(first.url).toBeUndefined();
    expect(first.fileName).toBe(`${table}.csv`);
    expect(second.fileName).toBe(`${table} (2).csv`);
    const ends = [
      await exportEnd(socket, first.exportId),
      await exportEnd(socket, second.exportId),
    ];
    expect(ends.map((e) => e.payload.path)).toEqual([
      join(folder, `${table}.csv`),
      join(folder, `${table} (2).csv`),
    ]);
    const expected = await copyOutBytes(`COPY ${table} TO STDOUT WITH (FORMAT csv, HEADER)`);
    for (const end of ends)
      expect(readFileSync(end.payload.path as string).equals(expected)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual([`${table} (2).csv`, `${table}.csv`]);
  });

  it('refuses a folder that does not exist, a statement that writes, a script of two, bad CSV options', async () => {
    const base = {
      connectionId: connection,
      format: 'csv' as const,
      options: {},
      destination: 'download' as const,
    };
    const missing = await refusalOf(
      socket.call('export.start', {
        ...base,
        source: { sql: 'SELECT 1' },
        destination: { folder: join(tempDir('tusk-export-'), 'nope') },
      }),
    );
    expect(missing).toMatchObject({ kind: 'validation', code: 'FOLDER_NOT_WRITABLE' });
    expect(missing.message).toContain('does not exist');
    const writes = await refusalOf(
      socket.call('export.start', { ...base, source: { sql: `DELETE FROM ${table}` } }),
    );
    expect(writes.message).toBe('This statement writes: an export does not run it');
    const two = await refusalOf(
      socket.call('export.start', { ...base, source: { sql: 'SELECT 1; SELECT 2' } }),
    );
    expect(two.message).toBe('An export runs one statement; this text holds 2');
    const sameChar = await refusalOf(
      socket.call('export.start', {
        ...base,
        source: { sql: 'SELECT 1' },
        options: { quote: ',' },
      }),
    );
    expect(sameChar.message).toBe('The delimiter and the quote must be different characters');
    const gone = await refusalOf(
      socket.call('export.cancel', { exportId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(gone.code).toBe('TRANSFER_NOT_FOUND');
    expect((await socket.call('export.defaults', {})).folder).toMatch(/^\//);
    expect((await q.admin(`SELECT count(*)::int AS n FROM ${table}`))[0]).toEqual({ n: 7 });
  });
});
