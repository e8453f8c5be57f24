/**
 * PostgreSQL names as SQL text: quoted only where needed, so what Tusk writes (a SELECT of
 * the first rows, a copied name) reads as a person would write it.
 */

/**
 * Keywords a plain name may not be (PostgreSQL's reserved words and those it keeps for type
 * and function names, `pg_get_keywords()` categories R and T): such a name is quoted.
 */
const NEEDS_QUOTES = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast ' +
    'check collate collation column concurrently constraint create cross current_catalog ' +
    'current_date current_role current_schema current_time current_timestamp current_user ' +
    'default deferrable desc distinct do else end except false fetch for foreign freeze from ' +
    'full grant group having ilike in initially inner intersect into is isnull join lateral ' +
    'leading left like limit localtime localtimestamp natural not notnull null offset on only ' +
    'or order outer overlaps placing primary references returning right select session_user ' +
    'similar some symmetric system_user table tablesample then to trailing true union unique ' +
    'user using variadic verbose when where window with'
  ).split(' '),
);

/** A name as SQL: as it is when it is a plain lower-case name, else in double quotes. */
export function quoteName(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !NEEDS_QUOTES.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, each part quoted where needed. */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteName(schema)}.${quoteName(name)}`;
}

/** The rows shown first of a relation (the tree's "open the first rows", the Data part). */
export const FIRST_ROWS = 1000;

/** `SELECT * FROM schema.name LIMIT 1000`, names quoted where needed. */
export function firstRowsSql(schema: string, name: string): string {
  return `SELECT * FROM ${qualifiedName(schema, name)} LIMIT ${FIRST_ROWS}`;
}
