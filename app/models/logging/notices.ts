import { v4 as uuidv4 } from 'uuid';

/** Something the user should know about the app's own state (not about a query). */
export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  detail?: string;
}

/** The notices raised since start, in order; read by `app.notices` and the shell. */
export class NoticeBoard {
  readonly #notices: Notice[] = [];
  readonly #listeners: ((notice: Notice) => void)[] = [];

  /** Adds a notice, tells the listeners, and returns it with its id. */
  add(notice: Omit<Notice, 'id'>): Notice {
    const full = { id: uuidv4(), ...notice };
    this.#notices.push(full);
    for (const listener of this.#listeners) listener({ ...full });
    return full;
  }

  /** Calls `listener` with each notice added from now on (the server pushes `app.notice`). */
  onAdd(listener: (notice: Notice) => void): void {
    this.#listeners.push(listener);
  }

  /** A copy of every notice, oldest first. */
  list(): Notice[] {
    return this.#notices.map((n) => ({ ...n }));
  }
}
