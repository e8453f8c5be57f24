// CONTRACT SKELETON (branch only): the schema helper replaces every method with the real one.
import { TuskError } from '../errors/errors';
import type {
  CompletionReply,
  ObjectDetails,
  ObjectKind,
  SchemaSummary,
  SearchHit,
  SymbolInfo,
  TreeObject,
} from './schema-types';

/** Where in the editor: the text, a UTF-16 offset, and the tab (for its search_path). */
export interface EditorPlace {
  connectionId: string;
  sql: string;
  offset: number;
  tabId?: string;
  explicit?: boolean;
}

/** The schema cache of every open connection. */
export class SchemaService {
  tree(input: { connectionId: string; includeSystem?: boolean }): Promise<SchemaSummary[]>;
  tree(input: {
    connectionId: string;
    schema: string;
    includeSystem?: boolean;
  }): Promise<TreeObject[]>;
  tree(_input: {
    connectionId: string;
    schema?: string;
    includeSystem?: boolean;
  }): Promise<SchemaSummary[] | TreeObject[]> {
    return Promise.reject(notYet());
  }

  object(
    _input:
      | { connectionId: string; oid: number; kind: ObjectKind }
      | { connectionId: string; schema: string; name: string; kind: ObjectKind },
  ): Promise<ObjectDetails> {
    return Promise.reject(notYet());
  }

  search(_input: {
    connectionId: string;
    text: string;
    limit: number;
    includeSystem?: boolean;
  }): Promise<SearchHit[]> {
    return Promise.reject(notYet());
  }

  refresh(_connectionId: string): Promise<{ loadMs: number }> {
    return Promise.reject(notYet());
  }

  complete(_input: EditorPlace): Promise<CompletionReply> {
    return Promise.reject(notYet());
  }

  at(_input: EditorPlace): Promise<SymbolInfo | null> {
    return Promise.reject(notYet());
  }
}

function notYet(): TuskError {
  return new TuskError('internal', 'not built yet');
}
