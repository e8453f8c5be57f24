import {
  SERVER_ERROR_FIELDS,
  type ConnectionStage,
  type ErrorCode,
  type ErrorInfo,
  type ErrorKind,
  type ServerErrorFields,
  type SqlState,
  type ValidationIssue,
} from './error-info';
import { redact } from './redact';

/** Options of a {@link TuskError} besides its kind and message. */
export interface TuskErrorOptions {
  detail?: string;
  hint?: string;
  position?: number;
  line?: number;
  column?: number;
  /** Tusk's own code (a typo fails tsc), or the server's SQLSTATE. */
  code?: ErrorCode;
  /** The server's SQLSTATE when `code` is Tusk's own. */
  sqlState?: SqlState;
  stage?: ConnectionStage;
  /** A changed or unconfirmed SSH host key: the recorded and the offered fingerprints. */
  recordedFingerprint?: string;
  offeredFingerprint?: string;
  /** A `validation` error's issues, by where each is. */
  issues?: ValidationIssue[];
  /** Where the failing statement starts (see {@link ErrorInfo.statementStart}). */
  statementStart?: number;
  /** What the server said beyond message, detail and hint (CONTEXT, names…). */
  server?: ServerErrorFields;
  /** An edit that failed (`edits.apply`): see {@link ErrorInfo.edit}. */
  edit?: ErrorInfo['edit'];
  cause?: unknown;
}

/**
 * The one error class of Tusk. Models throw it; controllers let it travel; the server turns
 * it into an {@link ErrorInfo} with {@link TuskError.toErrorInfo}.
 */
export class TuskError extends Error {
  readonly kind: ErrorKind;
  readonly detail?: string;
  readonly hint?: string;
  readonly position?: number;
  readonly line?: number;
  readonly column?: number;
  readonly code?: ErrorCode;
  readonly sqlState?: SqlState;
  readonly stage?: ConnectionStage;
  readonly recordedFingerprint?: string;
  readonly offeredFingerprint?: string;
  readonly issues?: ValidationIssue[];
  readonly statementStart?: number;
  readonly server?: ServerErrorFields;
  readonly edit?: ErrorInfo['edit'];

  constructor(kind: ErrorKind, message: string, options: TuskErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TuskError';
    this.kind = kind;
    this.detail = options.detail;
    this.hint = options.hint;
    this.position = options.position;
    this.line = options.line;
    this.column = options.column;
    this.code = options.code;
    this.sqlState = options.sqlState;
    this.stage = options.stage;
    this.recordedFingerprint = options.recordedFingerprint;
    this.offeredFingerprint = options.offeredFingerprint;
    this.issues = options.issues;
    this.statementStart = options.statementStart;
    this.server = options.server;
    this.edit = options.edit;
  }

  /**
   * The plain object for the protocol: only fields that are set, never the cause; every
   * text (message, detail, hint, the issues' messages…) passes through {@link redact}, so
   * no secret reaches a view.
   */
  toErrorInfo(): ErrorInfo {
    const info: ErrorInfo = { kind: this.kind, message: redact(this.message) };
    const keys = [
      'detail',
      'hint',
      'position',
      'line',
      'column',
      'code',
      'sqlState',
      'stage',
      'statementStart',
      'recordedFingerprint',
      'offeredFingerprint',
    ];
    for (const key of keys as (keyof ErrorInfo & keyof this)[]) {
      const value = this[key];
      if (value !== undefined) {
        Object.assign(info, { [key]: typeof value === 'string' ? redact(value) : value });
      }
    }
    if (this.edit) info.edit = { ...this.edit };
    if (this.issues) {
      info.issues = this.issues.map((issue) => ({ ...issue, message: redact(issue.message) }));
    }
    for (const key of SERVER_ERROR_FIELDS) {
      const value = this.server?.[key];
      if (value !== undefined) {
        Object.assign(info, { [key]: typeof value === 'string' ? redact(value) : value });
      }
    }
    return info;
  }
}

/** True when `value` is a {@link TuskError}. */
export function isTuskError(value: unknown): value is TuskError {
  return value instanceof TuskError;
}

/**
 * True for any object with a string `message`. Structural on purpose: errors made in another
 * realm (a vm context, Jest's sandbox) fail `instanceof Error`.
 */
export function isErrorLike(value: unknown): value is Error {
  return (
    typeof value === 'object' && value !== null && typeof (value as Error).message === 'string'
  );
}
