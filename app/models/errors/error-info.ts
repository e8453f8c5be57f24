/**
 * The plain error object sent to the views (docs/architecture.md §2). Pure data, no Node types,
 * so the views can import its type.
 */
import type { ErrorCode, SqlState } from '../../common/error-codes';

export type { ErrorCode, SqlState, TuskErrorCode } from '../../common/error-codes';

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
  /**
   * What a program switches on: one of Tusk's own codes (`common/error-codes.ts`), else
   * the SQLSTATE the server sent.
   */
  code?: ErrorCode;
  /** The server's SQLSTATE when Tusk's own code stands in `code` (28P01 behind PASSWORD_REFUSED). */
  sqlState?: SqlState;
  stage?: ConnectionStage;
  /** `SSH_HOST_KEY_CHANGED`: the fingerprint recorded for the SSH server (`SHA256:…`). */
  recordedFingerprint?: string;
  /** `SSH_HOST_KEY_CHANGED` / `SSH_HOST_KEY_UNCONFIRMED`: the one the server sent now. */
  offeredFingerprint?: string;
  /** A `validation` error: each thing wrong with the input, by where it is. */
  issues?: ValidationIssue[];
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
  /**
   * An edit that failed (`edits.apply`): the change (index into `changes`), its held row
   * (updates and deletes) and the result column whose value the server refused, when known.
   */
  edit?: { change: number; row?: number; column?: number };
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

/** What is wrong with one input value, for a program to word it (see {@link ValidationIssue}). */
export type ValidationProblem =
  /** Required and not given. */
  | 'missing'
  /** Text that is empty (or only spaces). */
  | 'empty'
  /** A number below `limit`. */
  | 'too_small'
  /** A number above `limit`. */
  | 'too_big'
  /** Text longer than `limit` characters. */
  | 'too_long'
  /** Not a number (or not a finite one). */
  | 'not_a_number'
  /** A number with a fraction where a whole one is wanted. */
  | 'not_whole'
  /** A name another one already has (`message` is a sentence of its own). */
  | 'taken'
  /** A rule of Tusk's own: `message` reads after the field's name ("must be a host name…"). */
  | 'rule'
  /** Anything else: `message`, a sentence of its own, says what. */
  | 'invalid';

/** One thing wrong with the input of a `validation` error. */
export interface ValidationIssue {
  /** Where, dotted into the params: `port`, `sshTunnel.host`, `values.poolSize`; `""` the whole. */
  path: string;
  problem: ValidationProblem;
  /** The bound broken: `too_small`/`too_big` a number, `too_long` characters. */
  limit?: number;
  /** The check's own words (never the rejected value). */
  message: string;
}
