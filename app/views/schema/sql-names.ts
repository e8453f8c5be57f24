/**
 * PostgreSQL names as SQL text: quoted only where needed, so what Tusk writes (a SELECT of
 * the first rows, a copied name) reads as a person would write it.
 */

export { qualifiedName, quoteIdent as quoteName } from '../../common/identifiers';
import { qualifiedName } from '../../common/identifiers';

/** The rows shown first of a relation (the tree's "open the first rows", the Data part). */
export const FIRST_ROWS = 1000;

/** `SELECT * FROM schema.name LIMIT 1000`, names quoted where needed. */
export function firstRowsSql(schema: string, name: string): string {
  return `SELECT * FROM ${qualifiedName(schema, name)} LIMIT ${FIRST_ROWS}`;
}
