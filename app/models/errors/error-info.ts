/**
 * The plain error object sent to the views (ARCHITECTURE §2). Pure data, no Node types,
 * so the views can import its type.
 */

/** Every kind of failure Tusk reports. */
export const ERROR_KINDS = [
  'database',
  'connection',
  'authentication',
  'tls',
  'ssh',
  'pool_timeout',
  'query_cancelled',
  'query_timeout',
  'storage',
  'credential',
  'initialization',
  'validation',
  'internal',
] as const;

/** One of {@link ERROR_KINDS}. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The stage of a connection attempt that failed. */
export type ConnectionStage = 'dns' | 'tcp' | 'ssh' | 'tls' | 'authentication' | 'database';

/** What a view receives for any failure: never a stack trace, never a secret. */
export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
  detail?: string;
  hint?: string;
  /** 1-based character offset into the query text. */
  position?: number;
  line?: number;
  column?: number;
  /** SQLSTATE when the server sent one. */
  code?: string;
  stage?: ConnectionStage;
  /**
   * Where the failing statement starts in the query text (1-based characters), when the
   * server gave no position of its own: the views mark its line, not a made-up column.
   */
  statementStart?: number;
  /** CONTEXT: where it was raised (a PL/pgSQL call stack, a SQL function's line). */
  context?: string;
  /** The query a function ran internally when it failed, and the position in it. */
  internalQuery?: string;
  internalPosition?: number;
  /** The objects the server names (a constraint's table, a column's type…). */
  schemaName?: string;
  tableName?: string;
  columnName?: string;
  dataTypeName?: string;
  constraintName?: string;
}

/** The fields of an {@link ErrorInfo} only a server error carries, besides its code. */
export const SERVER_ERROR_FIELDS = [
  'context',
  'internalQuery',
  'internalPosition',
  'schemaName',
  'tableName',
  'columnName',
  'dataTypeName',
  'constraintName',
] as const;

/** What a server error said beyond its message, detail and hint. */
export type ServerErrorFields = Partial<Pick<ErrorInfo, (typeof SERVER_ERROR_FIELDS)[number]>>;
