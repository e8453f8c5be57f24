import type { LiveConnections } from '../connections/live-connections';
import { TuskError } from '../errors/errors';
import type { EditSource, QueryService } from '../queries/query-service';
import type { TabSessions } from '../sessions/tab-sessions';
import { runEdits } from './edit-run';
import { planStatements, type PlannedStatement } from './edit-statements';
import type { EditApplied, EditPreview, EditRequest } from './edit-types';

/** What {@link EditService} works with. */
export interface EditServiceOptions {
  live: LiveConnections;
  /** The held results (`editSource`). */
  queries: Pick<QueryService, 'editSource'>;
  /** The tabs' own sessions: an apply runs on its tab's. */
  tabs: TabSessions;
}

/**
 * `edits.preview` / `edits.apply`: the pending changes of an editable result turned into
 * parameterized `UPDATE … WHERE <key and original values> RETURNING`, `INSERT … RETURNING`
 * and `DELETE … WHERE <key and original values>` (see {@link planStatements}), run in one
 * transaction on the tab's own session (a savepoint inside the user's own open
 * transaction; `BEGIN … COMMIT` otherwise: see {@link runEdits}). A change that touches
 * not exactly one row rolls the whole batch back (`EDIT_CONFLICT`). Never logs a value.
 */
export class EditService {
  readonly #options: EditServiceOptions;

  constructor(options: EditServiceOptions) {
    this.#options = options;
  }

  /**
   * The statements an apply of `request` would run, in order, exactly.
   * @throws TuskError as {@link apply} before anything runs.
   */
  async preview(request: EditRequest): Promise<EditPreview> {
    const { planned } = await this.#plan(request);
    return { statements: planned.map(({ sql, params }) => ({ sql, params })) };
  }

  /**
   * Runs `request`'s changes on tab `tabId`'s session; what the server stored for each
   * updated or inserted row back (`RETURNING`, in the result's column order). The held
   * result is not changed.
   * @throws TuskError `validation` `EDIT_REFUSED_READ_ONLY` on a read-only connection,
   *   `NOT_EDITABLE` (the reason in `detail`), `ROW_NOT_HELD`; `TAB_BUSY` and
   *   `SESSION_LOST` as `queries.execute` with a `tabId`; `EDIT_CONFLICT`, or the server's
   *   error with `edit`, when the batch was rolled back.
   */
  async apply(request: EditRequest & { tabId: string }): Promise<EditApplied> {
    const { source, planned } = await this.#plan(request);
    const lease = this.#options.tabs.lease(request.connectionId, request.tabId);
    // Refused (the session lost while a cancel landed): the turn is not ours to give back.
    await lease.ready;
    const session = lease.session;
    const wasOpen = session.transaction !== 'idle';
    let discarded = false;
    try {
      return await runEdits(session, source, planned);
    } catch (error) {
      // A transaction of Tusk's own that could not be ended: the session cannot go on.
      if (!wasOpen && session.up && session.transaction !== 'idle') {
        discarded = true;
        await lease.discard();
      }
      throw error;
    } finally {
      if (!discarded) lease.release();
    }
  }

  /** The result's rows and the statements of `request`, every refusal checked first. */
  async #plan(request: EditRequest): Promise<{ source: EditSource; planned: PlannedStatement[] }> {
    const pool = this.#options.live.pool(request.connectionId);
    if (!pool) {
      throw new TuskError('connection', 'This connection is not open', {
        hint: 'Connect to it first (connections.connect), then apply again.',
      });
    }
    if (pool.server.readOnly) throw readOnlyRefusal();
    const source = await this.#options.queries.editSource(request.queryId, request.result);
    if (source.connectionId !== request.connectionId) {
      throw new TuskError('validation', 'This result is not of that connection', {
        hint: 'Give the connection the query ran on.',
      });
    }
    const { editable, readOnly } = source.target;
    if (!editable) {
      if (readOnly?.reason === 'READ_ONLY_CONNECTION') throw readOnlyRefusal();
      throw new TuskError('validation', 'The rows of this result cannot be edited', {
        code: 'NOT_EDITABLE',
        detail: readOnly?.text ?? 'Its table could not be looked up in the catalog.',
        hint: readOnly ? 'Edit a result that has the table’s key, from one table.' : 'Try again.',
      });
    }
    return { source, planned: planStatements(source, request.changes) };
  }
}

function readOnlyRefusal(): TuskError {
  return new TuskError('validation', 'This connection is read-only: edits are refused', {
    code: 'EDIT_REFUSED_READ_ONLY',
    hint: 'Turn off "read-only" in the connection’s settings to edit rows (not on a standby).',
  });
}
