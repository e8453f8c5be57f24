import type { SessionNotice } from '../connections/pool-session';

/** A NOTICE, WARNING or INFO the server sent while a statement ran, as psql shows it. */
export interface StatementNotice {
  /** As the server words it (localized): NOTICE, WARNING, INFO, DEBUG, LOG. */
  severity: string;
  message: string;
  detail?: string;
  hint?: string;
  /** Where it was raised (CONTEXT: a PL/pgSQL function and line). */
  context?: string;
}

/** Notices kept per statement, at most. */
export const MAX_NOTICES = 1000;
/** Bytes of notices kept per statement, at most (1 MiB). */
export const MAX_NOTICE_BYTES = 1024 * 1024;
/** A notice's field longer than this many characters is cut (16 Ki). */
export const NOTICE_FIELD_CHARS = 16 * 1024;

/**
 * The notices of one statement, bounded: at most {@link MAX_NOTICES} and
 * {@link MAX_NOTICE_BYTES}, each field cut at {@link NOTICE_FIELD_CHARS} (its size said), and
 * only while the memory budget allows their bytes; the rest are counted as dropped.
 */
export class NoticeCollector {
  readonly notices: StatementNotice[] = [];
  dropped = 0;
  /** Bytes the kept notices hold (UTF-16, as held in memory). */
  bytes = 0;
  readonly #allows: (bytes: number) => boolean;

  /** `allows(bytes)`: may the statement's memory grow by `bytes`? */
  constructor(allows: (bytes: number) => boolean) {
    this.#allows = allows;
  }

  /** Keeps `raw`, or counts it as dropped. */
  add(raw: SessionNotice): void {
    const notice: StatementNotice = {
      severity: raw.severity,
      message: cut(raw.message),
      ...(raw.detail ? { detail: cut(raw.detail) } : {}),
      ...(raw.hint ? { hint: cut(raw.hint) } : {}),
      ...(raw.context ? { context: cut(raw.context) } : {}),
    };
    const bytes =
      2 *
      (notice.severity.length +
        notice.message.length +
        (notice.detail?.length ?? 0) +
        (notice.hint?.length ?? 0) +
        (notice.context?.length ?? 0));
    if (
      this.notices.length >= MAX_NOTICES ||
      this.bytes + bytes > MAX_NOTICE_BYTES ||
      !this.#allows(bytes)
    ) {
      this.dropped += 1;
      return;
    }
    this.notices.push(notice);
    this.bytes += bytes;
  }

  /** Keeps a notice of Tusk's own (not bounded: there is one at most per statement). */
  push(notice: StatementNotice): void {
    this.notices.push(notice);
  }
}

function cut(text: string): string {
  if (text.length <= NOTICE_FIELD_CHARS) return text;
  return `${text.slice(0, NOTICE_FIELD_CHARS)}… (cut: ${text.length.toLocaleString('en')} characters in all)`;
}
