import { z } from 'zod';
import { MAX_EDIT_CHANGES } from '../common/edit-rules';
import type { EditService } from '../models/edits/edit-service';
import { MAX_SQL_CHARS } from '../models/storage/history-repository';
import { action } from './action';

/** New values by the result's column index ("0", "1", …): text the server casts, or null. */
const values = z.record(
  z.string().regex(/^\d{1,5}$/, 'a column index'),
  z.string().max(MAX_SQL_CHARS).nullable(),
);
const row = z.number().int().min(0);
const change = z.discriminatedUnion('op', [
  z.object({ op: z.literal('update'), row, values }).strict(),
  z.object({ op: z.literal('insert'), values }).strict(),
  z.object({ op: z.literal('delete'), row }).strict(),
]);
const request = {
  connectionId: z.uuid(),
  queryId: z.uuid(),
  result: z.number().int().min(0).optional(),
  changes: z
    .array(change)
    .min(1, 'No changes to apply')
    .max(MAX_EDIT_CHANGES, `At most ${MAX_EDIT_CHANGES.toLocaleString('en')} changes at once`),
};

/**
 * `edits.preview/apply`: pending changes to an editable result (see `queries.page`'s
 * `editable`), shown as the statements they make or run in one transaction on the tab's
 * session.
 */
export function createEditsController(edits: EditService) {
  return {
    preview: action(z.object(request).strict(), (input) => edits.preview(input)),
    apply: action(z.object({ ...request, tabId: z.string().min(1).max(64) }).strict(), (input) =>
      edits.apply(input),
    ),
  };
}
