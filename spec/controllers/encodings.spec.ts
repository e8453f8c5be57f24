import { page, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';

/**
 * Issue 23: Tusk speaks UTF-8 on every session. Another client encoding is refused before
 * it runs (or set back when a function changed it); a LATIN1 database works, the server
 * converting to and from UTF-8.
 */
describe('encodings (real PostgreSQL, a LATIN1 database)', () => {
  let q: QueryBackend;
  let utf8 = '';
  let latin1 = '';
  let database = '';
  const run = (connection: string, sql: string) => runQuery(q.socket, connection, sql);

  beforeAll(async () => {
    q = await startQueryBackend('tusk_enc');
    database = `tusk_latin1_${q.user.suffix}`;
    await q.admin(
      `CREATE DATABASE ${database} OWNER ${q.user.role} ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`,
    );
    utf8 = await q.open('utf8');
    latin1 = await q.open('latin1', { database });
  }, 60_000);
  afterAll(async () => {
    await q?.call('connections.disconnect', { id: latin1, force: true }).catch(() => undefined);
    await q?.admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await q?.stop();
  });

  it.each([
    "SET client_encoding TO 'LATIN1'",
    "SET NAMES 'LATIN1'",
    "SELECT set_config('client_encoding', 'SQL_ASCII', false)",
  ])('%s is refused before it runs, saying Tusk converts for you', async (sql) => {
    const { end } = await run(utf8, `SELECT 1 AS before; ${sql}; SELECT 2 AS after`);
    expect(end.event).toBe('query.failed');
    expect(end.payload.error).toMatchObject({
      kind: 'validation',
      code: 'CLIENT_ENCODING',
      hint: expect.stringMatching(/server converts your data/),
    });
    expect(end.payload.results.map((r: { command: string }) => r.command)).toEqual(['SELECT']);
  });

  it('UTF-8 spelled any way, DEFAULT and RESET are let through', async () => {
    const { queryId, end } = await run(
      utf8,
      "SET client_encoding TO 'utf-8'; SET NAMES 'UNICODE'; SET client_encoding TO DEFAULT; RESET client_encoding; SELECT length('é') AS n",
    );
    expect(end.payload.error).toBeUndefined();
    expect((await page(q.socket, queryId)).rows).toEqual([['1']]);
  });

  it('a function that changes it is caught from the server’s report, set back, and the script stopped', async () => {
    const { end } = await run(
      utf8,
      `CREATE FUNCTION pg_temp.latin() RETURNS void LANGUAGE plpgsql AS $$
       BEGIN PERFORM set_config('client_encoding', 'LA' || 'TIN1', false); END $$;
       SELECT pg_temp.latin(); SELECT 'not run'`,
    );
    expect(end.payload.error).toMatchObject({ code: 'CLIENT_ENCODING' });
    const after = await run(utf8, 'SHOW client_encoding');
    expect((await page(q.socket, after.queryId)).rows).toEqual([['UTF8']]);
  });

  it('in a LATIN1 database é and ß round-trip exactly; € gets the server’s own conversion error', async () => {
    const made = await run(
      latin1,
      "CREATE TABLE words (w text); INSERT INTO words VALUES ('é'), ('ß'), ('Ärger')",
    );
    expect(made.end.event).toBe('query.completed');
    const read = await run(
      latin1,
      'SELECT w, length(w) AS n, octet_length(w) AS bytes, w = chr(233) AS is_e FROM words ORDER BY w',
    );
    expect((await page(q.socket, read.queryId)).rows).toEqual([
      ['Ärger', '5', '5', 'f'],
      ['ß', '1', '1', 'f'],
      ['é', '1', '1', 't'],
    ]);
    const euro = await run(latin1, "INSERT INTO words VALUES ('€')");
    expect(euro.end.payload.error).toMatchObject({ kind: 'database', code: '22P05' });
    expect(euro.end.payload.error.message).toMatch(/has no equivalent in encoding "LATIN1"/);
  });
});
