import { loadParser } from '../../../app/models/sql/pg-parser';
import { splitSql } from '../../../app/models/sql/split';

/** The danger of each statement of `sql`, as the editor asks about it. */
function dangers(sql: string): (string | null)[] {
  return splitSql(sql).map((s) => s.danger ?? null);
}

describe('statements that change every row of a table, found in the parse tree', () => {
  beforeAll(() => loadParser());

  it('UPDATE and DELETE without WHERE, and TRUNCATE, are flagged; with WHERE they are not', () => {
    expect(
      dangers(
        [
          'DELETE FROM t',
          'delete from t where id = 1',
          'UPDATE t SET a = 1',
          'update t set a = 1 where true',
          'TRUNCATE t, u',
          'SELECT * FROM t',
          'INSERT INTO t VALUES (1)',
        ].join(';\n'),
      ),
    ).toEqual(['delete-without-where', null, 'update-without-where', null, 'truncate', null, null]);
  });

  it('a data-modifying WITH without WHERE is flagged; the words in a string or comment are not', () => {
    expect(
      dangers(
        [
          'WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone',
          "SELECT 'DELETE FROM t' AS text /* TRUNCATE t */",
          'WITH x AS (UPDATE t SET a = 2 WHERE id = 3 RETURNING 1) SELECT * FROM x',
          'DELETE FROM t USING u',
        ].join(';\n'),
      ),
    ).toEqual(['delete-without-where', null, null, 'delete-without-where']);
  });
});
