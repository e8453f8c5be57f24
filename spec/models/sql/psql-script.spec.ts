import { PsqlScript, type ScriptStep } from '../../../app/models/sql/psql-script';

/** The steps psql would take over `script`, with `\set` applied as it goes. */
function walk(script: string, stdStrings = true): (string | [string, ...string[]])[] {
  const vars = new Map<string, string>();
  let std = stdStrings;
  const walker = new PsqlScript(script, {
    stdStrings: () => std,
    variable: (name) => vars.get(name),
  });
  const out: (string | [string, ...string[]])[] = [];
  for (const step of walker.steps() as Iterable<ScriptStep>) {
    if (step.kind === 'sql') {
      out.push(step.text);
      const set = /^SET\s+standard_conforming_strings\s*(?:=|TO)\s*'?(on|off)'?/i.exec(step.text);
      if (set) std = set[1]!.toLowerCase() === 'on';
      if (/^COPY\b[\s\S]*FROM\s+STDIN/i.test(step.text))
        out.push(['data', walker.takeCopyData().text]);
      continue;
    }
    out.push([step.command, ...step.args]);
    if (step.command === 'set') vars.set(step.args[0]!, step.args.slice(1).join(''));
    if (step.command === 'g' || step.command === 'gset') {
      const sent = walker.sendBuffer();
      if (sent) out.push(sent.text);
    }
  }
  return out;
}

describe('a script read as psql reads it (psqlscan.l rules)', () => {
  it('a bad token is just a statement that fails on the server: the others still split', () => {
    expect(walk('SELECT 1; SELECT 123abc; SELECT 2;')).toEqual([
      'SELECT 1;',
      'SELECT 123abc;',
      'SELECT 2;',
    ]);
    expect(walk('SELECT 1; SELECT ""; SELECT E\'\\u061\'; SELECT 2')).toEqual([
      'SELECT 1;',
      'SELECT "";',
      "SELECT E'\\u061';",
      'SELECT 2',
    ]);
  });

  it('a line starting with a backslash inside a string or a dollar body is part of it', () => {
    expect(walk("SELECT 'first\n\\second';\nSELECT $$a\n\\b$$;")).toEqual([
      "SELECT 'first\n\\second';",
      'SELECT $$a\n\\b$$;',
    ]);
  });

  it('parentheses keep a rule’s actions together; CREATE FUNCTION … BEGIN ATOMIC … END is one', () => {
    expect(
      walk('CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);\nSELECT 1;'),
    ).toEqual(['CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);', 'SELECT 1;']);
    const atomic =
      'CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN true THEN 1 END;\n  SELECT 2;\nEND;';
    expect(walk(`${atomic}\nSELECT 3;`)).toEqual([atomic, 'SELECT 3;']);
    // A CASE outside such a body never swallows what follows.
    expect(walk('SELECT CASE WHEN x THEN 1; SELECT 2;')).toEqual([
      'SELECT CASE WHEN x THEN 1;',
      'SELECT 2;',
    ]);
  });

  it('quotes, dollar tags, nested comments and standard_conforming_strings', () => {
    expect(walk('SELECT \'a;b\', "c;d", $x$ ; $$ ; $x$, /* ; /* ; */ ; */ 1; SELECT 2;')).toEqual([
      'SELECT \'a;b\', "c;d", $x$ ; $$ ; $x$, /* ; /* ; */ ; */ 1;',
      'SELECT 2;',
    ]);
    expect(walk("SELECT E'it\\'s; here'; SELECT 2;")).toEqual([
      "SELECT E'it\\'s; here';",
      'SELECT 2;',
    ]);
    expect(walk("SET standard_conforming_strings = off;\nSELECT 'a\\';b';\nSELECT 2;")).toEqual([
      'SET standard_conforming_strings = off;',
      "SELECT 'a\\';b';",
      'SELECT 2;',
    ]);
    // Comments before a statement are not sent; after its first word they are.
    expect(walk('-- a comment;\n\n  SELECT 1 -- one\n  ;')).toEqual(['SELECT 1 -- one\n  ;']);
  });

  it('\\; sends several statements as one; backslash commands end a line’s SQL', () => {
    expect(walk('SELECT 1 \\; SELECT 2;')).toEqual(['SELECT 1 ; SELECT 2;']);
    expect(walk('SELECT 42 AS v \\gset\nSELECT :v;')).toEqual([
      ['gset'],
      'SELECT 42 AS v ',
      'SELECT :v;',
    ]);
    expect(walk('\\set n 7\nSELECT :n, :\'n\', :"n", :{?n}, :{?m}, :m::int;')).toEqual([
      ['set', 'n', '7'],
      `SELECT 7, '7', "7", TRUE, FALSE, :m::int;`,
    ]);
    expect(walk("\\echo 'hello there' \\\\ SELECT 1;")).toEqual([
      ['echo', 'hello there'],
      'SELECT 1;',
    ]);
  });

  it('a variable holding statements is lexed where it stands: its ; ends them', () => {
    expect(walk("\\set init 'TRUNCATE t; INSERT INTO t VALUES (1)'\n:init;\nSELECT 2;")).toEqual([
      ['set', 'init', 'TRUNCATE t; INSERT INTO t VALUES (1)'],
      'TRUNCATE t;',
      'INSERT INTO t VALUES (1);',
      'SELECT 2;',
    ]);
  });

  it('COPY … FROM STDIN takes its data lines up to \\.', () => {
    expect(walk('COPY t FROM STDIN;\n1\tone\n2\ttwo\n\\.\nSELECT 1;')).toEqual([
      'COPY t FROM STDIN;',
      ['data', '1\tone\n2\ttwo\n'],
      'SELECT 1;',
    ]);
  });

  it('knows where each statement is in the script', () => {
    const script = '  SELECT 1;\n\nSELECT\n  2';
    const steps = [...new PsqlScript(script).steps()];
    expect(steps.map((s) => script.slice(s.start, s.end))).toEqual(['SELECT 1;', 'SELECT\n  2']);
  });
});
