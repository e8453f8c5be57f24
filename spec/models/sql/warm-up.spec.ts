import { splitSql } from '../../../app/models/sql/split';
import { warmUpSql } from '../../../app/models/sql/warm-up';

/** The start-up warm-up of the splitter (a fresh backend's first run must not wait for it). */
describe('warming up the SQL splitter at start', () => {
  it('loads the parser, so a split right after reads each statement with it', async () => {
    await warmUpSql();
    const [select, insert] = splitSql('SELECT 1 FROM t; INSERT INTO t VALUES (1)');
    expect(select).toMatchObject({ kind: 'select', writes: false });
    expect(insert).toMatchObject({ kind: 'dml', writes: true });
  });

  it('can run again and changes nothing a later split sees', async () => {
    await warmUpSql();
    const statements = splitSql("SET standard_conforming_strings = off; SELECT 'a\\' AS b");
    expect(statements.map((s) => s.text)).toEqual([
      'SET standard_conforming_strings = off;',
      "SELECT 'a\\' AS b",
    ]);
  });
});
