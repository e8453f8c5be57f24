/**
 * Identifier quoting for the schema domain and the completion: defined once in
 * `app/common/identifiers.ts` (the views copy names with it too) and re-exported here.
 */
export {
  NON_UNRESERVED_KEYWORDS,
  qualifiedName,
  quotedKeywords,
  quoteIdent,
} from '../../common/identifiers';
