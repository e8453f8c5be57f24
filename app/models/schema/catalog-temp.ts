// TEMPORARY (branch i25-complete only): a minimal catalog load so completion can be tried
// before the model step's catalog is merged. The merge drops this file and uses
// SchemaService.catalog of i25-model.
import type { LiveConnections } from '../connections/live-connections';
import { TuskError } from '../errors/errors';
import type { CatalogSnapshot, KeywordCategory, ObjectKind, TreeObject } from './schema-types';

type Row = Record<string, unknown>;
const RELKINDS: Record<string, ObjectKind> = {
  r: 'table',
  p: 'partitioned_table',
  v: 'view',
  m: 'materialized_view',
  f: 'foreign_table',
};
const PROKINDS: Record<string, ObjectKind> = { f: 'function', p: 'procedure', a: 'aggregate' };
const CATEGORIES: Record<string, KeywordCategory> = {
  R: 'reserved',
  U: 'unreserved',
  C: 'column_name',
  T: 'type_function_name',
};

/** Loads names, columns, functions and keywords of an open connection (temporary). */
export async function loadTemporaryCatalog(
  live: LiveConnections,
  connectionId: string,
): Promise<CatalogSnapshot> {
  const pool = live.pool(connectionId);
  if (!pool) throw new TuskError('connection', 'This connection is not open');
  const began = performance.now();
  return pool.run(async (db) => {
    const q = (sql: string) => db.query<Row>(sql);
    const path = await q(
      'SELECT s FROM unnest(current_schemas(true)) WITH ORDINALITY AS u(s, n) ORDER BY n',
    );
    const schemas = await q('SELECT nspname FROM pg_namespace ORDER BY 1');
    const relations = await q(`SELECT c.oid::int AS oid, n.nspname, c.relname, c.relkind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')`);
    const columns = await q(`SELECT a.attrelid::int AS oid, a.attname,
        format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`);
    const functions = await q(`SELECT p.oid::int AS oid, n.nspname, p.proname, p.prokind,
        pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace ORDER BY p.proname, p.oid`);
    const keywords = await q('SELECT word, catcode FROM pg_get_keywords()');
    const byOid = new Map<number, TreeObject>();
    const objects: TreeObject[] = relations.map((r) => {
      const o: TreeObject = {
        kind: RELKINDS[String(r['relkind'])]!,
        schema: String(r['nspname']),
        name: String(r['relname']),
        oid: Number(r['oid']),
        comment: null,
        columns: [],
        readable: true,
      };
      byOid.set(o.oid, o);
      return o;
    });
    for (const c of columns) {
      byOid.get(Number(c['oid']))?.columns!.push({
        name: String(c['attname']),
        type: String(c['type']),
      });
    }
    for (const f of functions) {
      objects.push({
        kind: PROKINDS[String(f['prokind'])] ?? 'function',
        schema: String(f['nspname']),
        name: String(f['proname']),
        oid: Number(f['oid']),
        comment: null,
        arguments: String(f['args'] ?? ''),
        returns: String(f['result'] ?? ''),
        readable: true,
      });
    }
    return {
      serverVersion: 0,
      loadedAt: Date.now(),
      loadMs: performance.now() - began,
      searchPath: path.map((r) => String(r['s'])),
      schemas: schemas.map((s) => {
        const name = String(s['nspname']);
        return { name, owner: '', system: /^(pg_|information_schema)/.test(name), counts: {} };
      }),
      objects,
      keywords: keywords.map((k) => ({
        word: String(k['word']),
        category: CATEGORIES[String(k['catcode'])]!,
      })),
    };
  });
}
