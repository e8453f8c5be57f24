import type { ActivitySession } from '../../controllers/api';
import { RequestError } from '../client';
import type { AppServices } from '../data/app-context';
import { confirmAction } from '../shared/confirm-dialog';
import { oneLine } from './activity-format';

/** How to stop a backend: cancel its query, or end its session. */
export type SignalKind = 'cancel' | 'terminate';

/** What came of a signal, to tell in the tab. */
export interface SignalOutcome {
  ok: boolean;
  /** "Cancelled the query of pid 4121.", or the refusal's message. */
  message: string;
  /** The refusal's hint (SIGNAL_REFUSED names the role needed). */
  hint?: string;
}

/** The backend a signal is about: its pid, and what the question shows of it. */
export type SignalTarget = Pick<ActivitySession, 'pid'> &
  Partial<Pick<ActivitySession, 'user' | 'query' | 'state'>>;

/**
 * Cancels the query of a backend (`activity.cancel`) or terminates it
 * (`activity.terminate`) after asking (the safe answer focused). Resolves with what to tell,
 * or null when the user said no. A refusal resolves with its message and hint, not an error.
 */
export async function signalBackend(
  host: Element,
  app: AppServices,
  connectionId: string,
  target: SignalTarget,
  kind: SignalKind,
): Promise<SignalOutcome | null> {
  const who = `pid ${target.pid}${target.user ? ` (${target.user})` : ''}`;
  const query = oneLine(target.query ?? null);
  const yes = await confirmAction(host, {
    title: kind === 'cancel' ? 'Cancel the query' : 'Terminate the session',
    message:
      kind === 'cancel'
        ? `Cancel the query that ${who} is running? Its transaction, if any, is rolled back only when the query was in it.`
        : `Terminate the session of ${who}? Its connection is closed and its open transaction rolled back.`,
    confirmLabel: kind === 'cancel' ? 'Cancel query' : 'Terminate',
    ...(query ? { code: query.length > 500 ? `${query.slice(0, 500)}…` : query } : {}),
    danger: kind === 'terminate',
    focused: 'cancel',
  });
  if (!yes) return null;
  try {
    const method = kind === 'cancel' ? 'activity.cancel' : 'activity.terminate';
    const { signalled } = await app.client.call(method, { connectionId, pid: target.pid });
    if (!signalled)
      return { ok: false, message: `pid ${target.pid} was not signalled (it may have ended).` };
    return {
      ok: true,
      message:
        kind === 'cancel'
          ? `Asked pid ${target.pid} to cancel its query.`
          : `Terminated the session of pid ${target.pid}.`,
    };
  } catch (error) {
    const info = error instanceof RequestError ? error.info : undefined;
    const what = kind === 'cancel' ? 'cancel the query of' : 'terminate';
    return {
      ok: false,
      message: `Could not ${what} pid ${target.pid}: ${info?.message ?? String(error)}`,
      ...(info?.hint ? { hint: info.hint } : {}),
    };
  }
}
