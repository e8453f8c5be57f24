import type { SessionQueries } from '../connections/pool-session';
import { TuskError } from '../errors/errors';
import { extensionDetails, routineDetails, typeDetails } from './other-details';
import { readRelation, relationDetails } from './relation-details';
import { RELATION_KINDS, type ObjectDetails, type ObjectKind } from './schema-types';

/** The kinds read from pg_class. */
const CLASS_KINDS: readonly ObjectKind[] = [...RELATION_KINDS, 'sequence'];
const ROUTINE_KINDS: readonly ObjectKind[] = ['function', 'procedure', 'aggregate'];
const TYPE_KINDS: readonly ObjectKind[] = ['type', 'domain', 'enum'];

/**
 * Runs `work` in a read-only transaction with an empty `search_path`, so every name the
 * catalog functions write outside pg_catalog is schema-qualified; rolled back at the end
 * (it changes nothing), also when `work` fails.
 */
export async function withQualifiedNames<T>(
  db: SessionQueries,
  work: () => Promise<T>,
): Promise<T> {
  await db.query(`BEGIN READ ONLY; SET LOCAL search_path = ''; SET LOCAL jit = off`);
  try {
    return await work();
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
  }
}

/**
 * `schema.object`: one object's details and DDL, read by OID from its catalog (pg_class,
 * pg_proc, pg_type or pg_extension, as `kind` says).
 * @throws TuskError `validation` `OBJECT_NOT_FOUND` (no such object: dropped since the tree
 *   was loaded, or a wrong OID) or `OBJECT_KIND_MISMATCH` (it is of another kind).
 */
export async function readObject(
  db: SessionQueries,
  target: { oid: number; kind: ObjectKind },
  server: { version: number; keywords: ReadonlySet<string> },
): Promise<ObjectDetails> {
  const { oid, kind } = target;
  const details = await withQualifiedNames(db, async () => {
    if (CLASS_KINDS.includes(kind)) {
      const rows = await readRelation(db, oid, server.version);
      return rows && relationDetails(rows, server.keywords, server.version);
    }
    if (ROUTINE_KINDS.includes(kind)) return routineDetails(db, oid, server.keywords);
    if (TYPE_KINDS.includes(kind)) return typeDetails(db, oid, server.keywords);
    return extensionDetails(db, oid, server.keywords);
  });
  if (!details) throw notFound(kind, `OID ${oid}`);
  if (details.kind !== kind) {
    throw new TuskError(
      'validation',
      `${describe(details)} is ${article(details.kind)} ${label(details.kind)}, not ${article(kind)} ${label(kind)}`,
      {
        code: 'OBJECT_KIND_MISMATCH',
        hint: `Ask for it with kind "${details.kind}".`,
      },
    );
  }
  return details;
}

/** The error of an object that is not in the catalog. */
export function notFound(kind: ObjectKind, what: string): TuskError {
  return new TuskError('validation', `There is no ${label(kind)} ${what}`, {
    code: 'OBJECT_NOT_FOUND',
    hint: 'It may have been dropped or renamed since the tree was loaded: refresh the schema (schema.refresh) and look again.',
  });
}

function describe(d: ObjectDetails): string {
  return `${d.schema}.${d.name}`;
}

/** A kind in words (`materialized_view` → materialized view). */
export function label(kind: ObjectKind): string {
  return kind.replaceAll('_', ' ');
}

function article(kind: ObjectKind): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}
