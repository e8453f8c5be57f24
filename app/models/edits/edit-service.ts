import { TuskError } from '../errors/errors';
import type { EditApplied, EditPreview, EditRequest } from './edit-types';

/**
 * `edits.preview` / `edits.apply`: the pending changes of an editable result turned into
 * parameterized `UPDATE … WHERE <key and original values> RETURNING`, `INSERT … RETURNING`
 * and `DELETE … WHERE <key and original values>`, run in one transaction on the tab's own
 * session (a savepoint inside the user's own open transaction; `BEGIN … COMMIT` otherwise).
 * A change that touches not exactly one row rolls the whole batch back (`EDIT_CONFLICT`).
 * SKELETON (issue 26 contract): the model helper builds it.
 */
export class EditService {
  /** The statements an apply of `request` would run. */
  preview(request: EditRequest): Promise<EditPreview> {
    void request;
    return Promise.reject(new TuskError('internal', 'edits.preview is not built yet'));
  }

  /** Runs `request`'s changes on tab `tabId`'s session; the stored rows back. */
  apply(request: EditRequest & { tabId: string }): Promise<EditApplied> {
    void request;
    return Promise.reject(new TuskError('internal', 'edits.apply is not built yet'));
  }
}
