import { loadParser } from '../../../app/models/sql/pg-parser';
import { redact } from '../../../app/models/errors/redact';
import { findSqlSecrets, redactSqlSecrets } from '../../../app/models/sql/secrets';
import { splitSql } from '../../../app/models/sql/split';

const FIVE = [
  'CREATE FUNCTION add_one(i int) RETURNS int AS $$ SELECT i + 1; $$ LANGUAGE sql',
  "DO $do$ BEGIN RAISE NOTICE 'café; done'; END $do$",
  "SELECT E'it\\'s; here' AS quoted",
  'SELECT 1 / 0',
  'SELECT 5',
];

describe("splitting scripts as psql does, read with PostgreSQL's own parser", () => {
  beforeAll(() => loadParser());

  it('five statements: $$ body, DO block, E string, comment holding ;, each with its kind and code-point range', () => {
    const sql = `-- héllo; a comment first\n${FIVE.join('; -- a comment; with a semicolon\n')};\n`;
    const statements = splitSql(sql);
    // Each as psql sends it: with its `;`.
    expect(statements.map((s) => [s.kind, s.text, s.broken ?? false])).toEqual([
      ['ddl', `${FIVE[0]};`, false],
      ['utility', `${FIVE[1]};`, false],
      ['select', `${FIVE[2]};`, false],
      ['select', `${FIVE[3]};`, false],
      ['select', `${FIVE[4]};`, false],
    ]);
    const chars = [...sql];
    for (const s of statements) expect(chars.slice(s.start, s.end).join('')).toBe(s.text);
    expect(statements[0]!.writes).toBe(true);
    expect(statements[2]!.writes).toBe(false);
  });

  it('a syntax error in statement 4: the others keep their boundaries and kinds, 4 is marked broken', () => {
    const script = [...FIVE.slice(0, 3), 'SELEC 4 FROM', FIVE[4]].join(';\n');
    const statements = splitSql(script);
    expect(statements.map((s) => [s.kind, s.broken ?? false])).toEqual([
      ['ddl', false],
      ['utility', false],
      ['select', false],
      ['unknown', true],
      ['select', false],
    ]);
    expect(statements[3]!.text).toBe('SELEC 4 FROM;');
  });

  it('BEGIN ATOMIC … END holds its semicolons, also when another statement is broken', () => {
    const atomic =
      'CREATE FUNCTION two() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END';
    for (const tail of ['SELECT 3', 'SELEC 3']) {
      const statements = splitSql(`${atomic};\n${tail}`);
      expect(statements.map((s) => s.text)).toEqual([`${atomic};`, tail]);
      expect(statements[0]!.kind).toBe('ddl');
    }
  });

  it('psql commands Tusk does not carry out and COPY to the client are refused with what to use instead; COPY from STDIN takes its data', () => {
    const statements = splitSql(
      "\\d users\nSELECT 1;\nCOPY t FROM STDIN;\n1\tone\n\\.\nCOPY t TO STDOUT;\nCOPY t TO '/tmp/t.csv'",
    );
    // COPY … FROM STDIN keeps its data lines (up to \.) with it, as psql reads them.
    expect(statements[2]!.copyData).toBe('1\tone\n');
    expect(statements.map((s) => [s.kind, s.refusal?.message ?? null])).toEqual([
      ['psql', '\\d is a psql command, not SQL'],
      ['select', null],
      ['utility', null],
      ['utility', 'COPY … TO STDOUT writes data to the client, which Tusk does not read'],
      ['utility', null],
    ]);
  });

  it('an unterminated quote is sent at the end, as psql sends it, not an exception', () => {
    expect(splitSql("SELECT 1;\nSELECT 'open")).toEqual([
      expect.objectContaining({ text: 'SELECT 1;' }),
      expect.objectContaining({ text: "SELECT 'open", broken: true }),
    ]);
  });

  it('passwords in role and user-mapping statements are redacted, by the scanner', () => {
    expect(redactSqlSecrets("ALTER ROLE x PASSWORD 'p-123'")).toBe(
      "ALTER ROLE x PASSWORD '[redacted]'",
    );
    expect(
      redactSqlSecrets(
        "CREATE ROLE y LOGIN ENCRYPTED PASSWORD E'q\\'-456'; CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'a', password $$r-789$$)",
      ),
    ).toBe(
      "CREATE ROLE y LOGIN ENCRYPTED PASSWORD '[redacted]'; CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'a', password '[redacted]')",
    );
    expect(redactSqlSecrets("SELECT 'password' AS word")).toBe("SELECT 'password' AS word");
  });

  it.each([
    [
      "ALTER ROLE x PASSWORD U&'\\0061bc-uni'",
      "ALTER ROLE x PASSWORD '[redacted]'",
      '\\0061bc-uni',
    ],
    [
      "DO $$ BEGIN EXECUTE 'ALTER ROLE x PASSWORD ''in-do-block'''; END $$",
      "DO $$ BEGIN EXECUTE 'ALTER ROLE x PASSWORD ''[redacted]'''; END $$",
      'in-do-block',
    ],
    [
      "SELECT format('ALTER ROLE %I PASSWORD %L', 'x', 'in-format')",
      "SELECT format('ALTER ROLE %I PASSWORD %L', 'x', '[redacted]')",
      'in-format',
    ],
    [
      "CREATE SUBSCRIPTION s CONNECTION 'host=h password=in-conninfo' PUBLICATION p",
      "CREATE SUBSCRIPTION s CONNECTION 'host=h password=[redacted]' PUBLICATION p",
      'in-conninfo',
    ],
    [
      "SELECT dblink_connect('dbname=x password=''quoted secret''')",
      "SELECT dblink_connect('dbname=x password=[redacted]')",
      'quoted secret',
    ],
    ["SELECT 'postgres://u:in-url@h/db'", "SELECT 'postgres://u:[redacted]@h/db'", 'in-url'],
    ['ALTER ROLE x PASSWORD bare_word', "ALTER ROLE x PASSWORD '[redacted]'", 'bare_word'],
  ])('finds the secret of %s', (sql, text, secret) => {
    expect(findSqlSecrets(sql)).toEqual({ text, secrets: [secret] });
  });

  it('leaves SQL without secrets alone, and remembers nothing for later messages', () => {
    for (const sql of [
      "SELECT password, x FROM users WHERE password = 'plain'",
      "SELECT 'don''t forget the password' AS note",
      'CREATE ROLE y PASSWORD NULL',
    ]) {
      expect(findSqlSecrets(sql)).toEqual({ text: sql, secrets: [] });
    }
    findSqlSecrets("ALTER ROLE x PASSWORD 'once-only'");
    expect(redact('relation "once-only" does not exist')).toBe(
      'relation "once-only" does not exist',
    );
  });

  it('marks what a transaction pooler must know: runs only outside a transaction, commits, leaves session state', () => {
    const flags = (sql: string) =>
      splitSql(sql).map((s) => [
        s.outsideTransaction ?? false,
        s.commits ?? false,
        s.sessionState ?? false,
      ]);
    expect(
      flags(
        'VACUUM t; ANALYZE t; CREATE INDEX CONCURRENTLY i ON t (a); CREATE INDEX i ON t (a); ' +
          'REINDEX TABLE CONCURRENTLY t; REINDEX DATABASE d; DROP INDEX CONCURRENTLY i; ' +
          'CREATE DATABASE d; ALTER SYSTEM SET work_mem = 1; CLUSTER; CLUSTER t; DISCARD ALL',
      ).map(([outside]) => outside),
    ).toEqual([true, false, true, false, true, true, true, true, true, true, false, true]);
    expect(
      flags('COMMIT; END; COMMIT AND CHAIN; ROLLBACK; BEGIN').map(([, commits]) => commits),
    ).toEqual([true, true, true, false, false]);
    expect(
      flags(
        'SET search_path = x; SET LOCAL search_path = x; SET ROLE r; CREATE TEMP TABLE t (a int); ' +
          'CREATE TABLE p (a int); SELECT 1 INTO TEMP t2; SELECT 1; LISTEN c; PREPARE q AS SELECT 1; ' +
          'DECLARE c CURSOR WITH HOLD FOR SELECT 1; DECLARE d CURSOR FOR SELECT 1',
      ).map(([, , state]) => state),
    ).toEqual([true, false, true, true, false, true, false, true, true, true, false]);
  });

  it.each([
    ['select 1', 0],
    ['select $1', 1],
    ['select $1, $2::int where a = $1', 2],
    ['select $3', 3],
    ["select '$1', $2", 2],
    ["select 'it''s $5', $1", 1],
    ["select E'\\' $7', $1", 1],
    ["select e'\\\\', $2", 2],
    ['select "$4" from t where x = $1', 1],
    ['select 1 -- $9\n, $2', 2],
    ['select /* $9 /* nested $8 */ still $7 */ $1', 1],
    ['select $$ $5 $$, $1', 1],
    ['select $fn$ $5 $$ $6 $fn$, $2', 2],
    ['create function f() returns int as $body$ select $1 $body$ language sql', 0],
    ['select a$1 from t', 0],
    ['select 1 where x = $12', 12],
    ['select $1/* $2 */', 1],
    ['explain select $2', 2],
    // The prepared statement's and the function's own arguments, not the client's.
    ['prepare p (int, int) as select $1 + $2', 0],
    ['create function f(int) returns int language sql return $1 + 1', 0],
    ['create function f(int) returns int language sql begin atomic select $1; end', 0],
    ['create function f(int) returns int language sql return $1 + $3 + (select 1 where $2 > 0)', 0],
    // Broken: PostgreSQL's scanner reads its parameters; an unterminated quote gives none.
    ['selec $1 frm $4', 4],
    ["select 'unterminated $1", 0],
  ])('%j needs %i parameters', (sql, params) => {
    const statements = splitSql(sql);
    expect(statements).toHaveLength(1);
    expect(statements[0]!.params ?? 0).toBe(params);
  });

  it('100,000 statements split in linear time (it took 61 s when each statement scanned every token), with surrogate pairs and a broken one', () => {
    const lines = Array.from(
      { length: 100_000 },
      (_, i) => `INSERT INTO t VALUES (${i}, 'é 😀 ${i}');`,
    );
    lines[50_000] = 'SELEC broken;';
    const sql = lines.join('\n');
    const statements = splitSql(sql);
    expect(statements).toHaveLength(100_000);
    expect(statements[99_999]).toMatchObject({
      text: "INSERT INTO t VALUES (99999, 'é 😀 99999');",
      kind: 'dml',
      start: [...sql].length - [...lines[99_999]!].length,
    });
    expect(statements[50_000]).toMatchObject({ text: 'SELEC broken;', broken: true });
  }, 30_000);
});
