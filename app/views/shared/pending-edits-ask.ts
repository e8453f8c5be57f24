import type { AppServices } from '../data/app-context';
import { confirmAction } from './confirm-dialog';

/** What would drop a tab's pending edits. */
export type DroppingEdits = 'close' | 'switch' | 'run';

const DOING: Record<DroppingEdits, { title: string; confirm: string; why: string }> = {
  close: {
    title: 'Close with pending changes?',
    confirm: 'Discard and close',
    why: 'Closing the tab',
  },
  switch: {
    title: 'Switch connection with pending changes?',
    confirm: 'Discard and switch',
    why: 'Switching the connection',
  },
  run: { title: 'Run with pending changes?', confirm: 'Discard and run', why: 'A new run' },
};

/**
 * Before something drops a tab's result (closing the tab, switching its connection, a new
 * run): when its grid holds changes not applied, asks whether to discard them (Cancel has
 * the focus). True to go on (the changes are then dropped), false to keep the tab as it is.
 */
export async function dropPendingEdits(
  host: Element,
  app: AppServices,
  tab: { id: string; title: string },
  doing: DroppingEdits,
): Promise<boolean> {
  const count = app.edits.pendingIn(tab.id);
  if (count === 0) return true;
  const what = `${count.toLocaleString('en')} ${count === 1 ? 'change' : 'changes'}`;
  const ask = DOING[doing];
  const go = await confirmAction(host, {
    title: ask.title,
    message: `“${tab.title}” has ${what} not applied. ${ask.why} discards them; Cancel keeps them (apply them with Ctrl+Enter in the grid).`,
    confirmLabel: ask.confirm,
    danger: true,
  });
  if (go && doing !== 'run') app.edits.forgetTab(tab.id);
  return go;
}
