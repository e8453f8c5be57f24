import { loadParser } from './pg-parser';
import { redactSqlSecrets } from './secrets';
import { ScriptStatements, splitSql } from './split';

/** A few common statements, split and read once (see {@link warmUpSql}). */
const SAMPLE = `SELECT a.id, b.name, count(*) AS n FROM public.t a JOIN s.u b ON a.id = b.id
  WHERE a.x = 'y' AND b.z > $$1$$ GROUP BY 1, 2 ORDER BY n DESC LIMIT 100;
INSERT INTO t (id, name) VALUES (1, E'a') RETURNING *;
UPDATE t SET name = 'b' WHERE id = 1;
BEGIN; DELETE FROM t WHERE id IN (SELECT id FROM u); COMMIT;`;

let warmed: Promise<void> | null = null;

/**
 * Loads PostgreSQL's parser and runs the splitter over a few sample statements, once per
 * process (later calls return the first one's promise): the first split of a process
 * compiles the parser's WebAssembly and the splitter's code (measured: 16–20 ms before a
 * fresh backend's first run could send its statement, against under 1 ms after). It costs
 * about 20 MB of memory, so it is not done at start but when a connection opens, while the
 * login's round trips are under way. Never rejects: a parser that does not load fails the
 * first split as it would have anyway.
 */
export function warmUpSql(): Promise<void> {
  warmed ??= loadParser()
    .then(() => {
      for (const statement of new ScriptStatements(SAMPLE)) void statement;
      splitSql(SAMPLE);
      redactSqlSecrets(SAMPLE);
    })
    .catch(() => undefined);
  return warmed;
}
