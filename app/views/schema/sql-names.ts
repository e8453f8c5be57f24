/**
 * PostgreSQL names as SQL text: quoted only where needed, so what Tusk writes (a table's
 * data SELECT, a copied name) reads as a person would write it.
 */

export { qualifiedName, quoteIdent as quoteName } from '../../common/identifiers';
