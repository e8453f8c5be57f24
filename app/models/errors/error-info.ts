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
}
