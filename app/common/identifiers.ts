/**
 * PostgreSQL identifiers written as SQL: quoted only where PostgreSQL needs it, as its own
 * `quote_ident` decides. Pure, so the views (copy a name) and the models (DDL, completion)
 * share it.
 */

/**
 * The keywords PostgreSQL 18 does not take as a bare name: reserved, column-name and
 * type/function-name ones (`pg_get_keywords()` with `catcode <> 'U'`). The default of
 * {@link quoteIdent} when the server's own list is not at hand.
 */
export const NON_UNRESERVED_KEYWORDS: ReadonlySet<string> = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization between bigint binary ' +
    'bit boolean both case cast char character check coalesce collate collation column ' +
    'concurrently constraint create cross current_catalog current_date current_role ' +
    'current_schema current_time current_timestamp current_user dec decimal default ' +
    'deferrable desc distinct do else end except exists extract false fetch float for ' +
    'foreign freeze from full grant greatest group grouping having ilike in initially inner ' +
    'inout int integer intersect interval into is isnull join json json_array json_arrayagg ' +
    'json_exists json_object json_objectagg json_query json_scalar json_serialize json_table ' +
    'json_value lateral leading least left like limit localtime localtimestamp merge_action ' +
    'national natural nchar none normalize not notnull null nullif numeric offset on only or ' +
    'order out outer overlaps overlay placing position precision primary real references ' +
    'returning right row select session_user setof similar smallint some substring symmetric ' +
    'system_user table tablesample then time timestamp to trailing treat trim true union ' +
    'unique user using values varchar variadic verbose when where window with xmlattributes ' +
    'xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot ' +
    'xmlserialize xmltable'
  ).split(' '),
);

const PLAIN = /^[a-z_][a-z0-9_]*$/;

/**
 * `name` as SQL: bare when it is lower case, starts with a letter or `_`, holds only
 * letters, digits and `_`, and is not a keyword that needs quoting; else in double quotes
 * with `"` doubled (`MixedCase` → `"MixedCase"`, `order` → `"order"`, `a b` → `"a b"`).
 * `keywords`: the words to quote (the server's own list, see {@link quotedKeywords});
 * default {@link NON_UNRESERVED_KEYWORDS}.
 */
export function quoteIdent(
  name: string,
  keywords: ReadonlySet<string> = NON_UNRESERVED_KEYWORDS,
): string {
  if (PLAIN.test(name) && !keywords.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, each part quoted where needed (`public."MixedCase"`). */
export function qualifiedName(
  schema: string,
  name: string,
  keywords: ReadonlySet<string> = NON_UNRESERVED_KEYWORDS,
): string {
  return `${quoteIdent(schema, keywords)}.${quoteIdent(name, keywords)}`;
}

/**
 * The words {@link quoteIdent} must quote, from the server's keyword list
 * (`pg_get_keywords()`): every category but unreserved.
 */
export function quotedKeywords(
  keywords: readonly { word: string; category: string }[],
): ReadonlySet<string> {
  return new Set(keywords.filter((k) => k.category !== 'unreserved').map((k) => k.word));
}
