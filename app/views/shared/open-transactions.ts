import { RequestError } from '../client';
import type { AppServices } from '../data/app-context';
import type { QueryTabState } from '../data/tabs-store';
import { askChoice, type ConfirmRequest } from './confirm-dialog';
import { dropPendingEdits } from './pending-edits-ask';

/**
 * What ends tab sessions: a tab closing, a tab moving to another connection (or none), a
 * connection disconnected (all its tabs' sessions), a connection deleted.
 */
export type SessionsEnding =
  | { kind: 'close'; tab: QueryTabState }
  | { kind: 'switch'; tab: QueryTabState }
  | { kind: 'disconnect'; connectionId: string }
  | { kind: 'delete'; connectionId: string };

/**
 * The one place that decides what happens to an open transaction when tab sessions end.
 * It asks the backend to end them without deciding (`sessions.close`,
 * `connections.disconnect`, `connections.delete`); only when the backend refuses because a
 * transaction is open (`TRANSACTION_OPEN`: open or failed) it asks the user, then asks again
 * with the answer:
 * - a tab closing or switching connection: commit, roll back, or keep the tab as it is
 *   (Cancel has the focus: committing cannot be undone);
 * - a connection disconnected or deleted: roll back its tabs' transactions, or keep them.
 * A tab whose grid holds edits not applied is asked about first (`dropPendingEdits`).
 * A tab whose connection is not open has no session: nothing to end. Nothing is ever
 * committed or rolled back without the user's answer.
 * @returns true once the sessions ended (and the connection was disconnected or deleted),
 *   false when the user kept the transaction (nothing changed).
 * @throws RequestError for any other failure of the backend.
 */
export async function endSessions(
  host: Element,
  app: AppServices,
  ending: SessionsEnding,
): Promise<boolean> {
  const { runs, connections } = app;
  let end: (decision?: boolean) => Promise<void>;
  if (ending.kind === 'close' || ending.kind === 'switch') {
    // Pending edits of its grids are asked about first (discarded, or the tab kept).
    if (!(await dropPendingEdits(host, app, ending.tab, ending.kind))) return false;
    const { id, connectionId } = ending.tab;
    if (!connectionId || !connections.value.live[connectionId]) return true;
    end = (commit) => runs.closeSession(id, connectionId, commit);
  } else if (ending.kind === 'disconnect') {
    end = (force) => connections.disconnect(ending.connectionId, force);
  } else {
    end = (force) => connections.delete(ending.connectionId, force);
  }
  try {
    await end();
    return true;
  } catch (error) {
    if (!(error instanceof RequestError) || error.info.code !== 'TRANSACTION_OPEN') throw error;
  }
  const answer = await askChoice(host, question(app, ending));
  if (answer === 'cancel') return false;
  // A tab's question: confirm commits, the alternative rolls back. A connection's: confirm
  // rolls back (forces).
  await end(ending.kind === 'close' || ending.kind === 'switch' ? answer === 'confirm' : true);
  return true;
}

/** What the user is asked, in the words of what is being done. */
function question(app: AppServices, ending: SessionsEnding): ConfirmRequest {
  if (ending.kind === 'close' || ending.kind === 'switch') {
    const verb = ending.kind === 'close' ? 'close' : 'switch';
    return {
      title:
        ending.kind === 'close'
          ? 'Close a tab with an open transaction?'
          : 'Switch connection with an open transaction?',
      message:
        ending.kind === 'close'
          ? `“${ending.tab.title}” has a transaction that is not committed. Commit it, roll it back, or keep the tab open.`
          : `“${ending.tab.title}” has a transaction that is not committed. Commit it or roll it back before switching, or keep it on this connection.`,
      confirmLabel: `Commit and ${verb}`,
      alternative: `Roll back and ${verb}`,
      focused: 'cancel',
    };
  }
  const name = app.connections.byId(ending.connectionId)?.name ?? 'this connection';
  const doing = ending.kind === 'disconnect' ? 'Disconnecting' : 'Deleting the connection';
  return {
    title:
      ending.kind === 'disconnect'
        ? 'Disconnect with an open transaction?'
        : 'Delete a connection with an open transaction?',
    message: `A tab of ${name} has an open transaction. ${doing} rolls it back.`,
    confirmLabel:
      ending.kind === 'disconnect' ? 'Roll back and disconnect' : 'Roll back and delete',
    danger: true,
  };
}
