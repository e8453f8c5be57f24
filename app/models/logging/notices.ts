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

  /** Adds a notice and returns it with its id. */
  add(notice: Omit<Notice, 'id'>): Notice {
    const full = { id: uuidv4(), ...notice };
    this.#notices.push(full);
    return full;
  }

  /** A copy of every notice, oldest first. */
  list(): Notice[] {
    return this.#notices.map((n) => ({ ...n }));
  }
}
