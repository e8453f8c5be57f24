import { createHash } from 'node:crypto';

/** Something the user should know about the app's own state (not about a query). */
export interface Notice {
  /**
   * Stable: the same notice raised at the next start has the same id (a hash of its level,
   * message and detail, or the `key` it was raised with), so a dismissal can outlive a run.
   */
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  detail?: string;
}

/** A notice as raised: without an id, optionally with a `key` that names it. */
export type NewNotice = Omit<Notice, 'id'> & { key?: string };

/**
 * The notices raised since start, in order; read by `app.notices` and the shell. Notices
 * whose id was dismissed (`dismissed()`: the ids the user dismissed in an earlier run) are
 * kept out of {@link list} and not pushed.
 */
export class NoticeBoard {
  readonly #notices: Notice[] = [];
  readonly #listeners: ((notice: Notice) => void)[] = [];
  #dismissed: (id: string) => boolean = () => false;

  /** Adds a notice, tells the listeners (unless it was dismissed), and returns it with its id. */
  add(notice: NewNotice): Notice {
    const { key, ...fields } = notice;
    const full: Notice = { id: key ?? noticeId(fields), ...fields };
    if (this.#notices.some((n) => n.id === full.id)) return full;
    this.#notices.push(full);
    if (!this.#dismissed(full.id)) for (const listener of this.#listeners) listener({ ...full });
    return full;
  }

  /** Tells the board which ids the user dismissed (they stay out of every list). */
  useDismissals(dismissed: (id: string) => boolean): void {
    this.#dismissed = dismissed;
  }

  /** Calls `listener` with each notice added from now on (the server pushes `app.notice`). */
  onAdd(listener: (notice: Notice) => void): void {
    this.#listeners.push(listener);
  }

  /** A copy of every notice not dismissed, oldest first. */
  list(): Notice[] {
    return this.#notices.filter((n) => !this.#dismissed(n.id)).map((n) => ({ ...n }));
  }
}

/** A notice's stable id: a short hash of what it says. */
function noticeId(notice: Omit<Notice, 'id'>): string {
  const text = `${notice.level}\n${notice.message}\n${notice.detail ?? ''}`;
  return `n-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}
