import type { AppServices } from '../data/app-context';

/** What linking uses of `<tusk-sql-editor>`: its completion compartment. */
interface CompletionHost extends HTMLElement {
  setCompletion?(extension: unknown): void;
}

/** What each editor is linked to now (`connectionId` or '' for none). */
const linked = new WeakMap<HTMLElement, string>();

/**
 * Fills the editor's completion compartment for its tab: the backend's completion,
 * hover and F4 for the tab's connection while it is open, nothing otherwise. Set again
 * only when that changes (a tab moved to another connection, connected, disconnected),
 * through the compartment: the editor, its text and its history stay. The extension's
 * code (CodeMirror's autocompletion) comes with the editor's chunk, loaded on demand.
 */
export function linkSchema(
  app: AppServices,
  tab: { id: string; connectionId: string | null },
  editor: HTMLElement | null,
): void {
  const host = editor as CompletionHost | null;
  if (!host?.setCompletion) return;
  const id = tab.connectionId;
  const open = id && app.connections.value.live[id] ? id : '';
  if (linked.get(host) === open) return;
  linked.set(host, open);
  if (!open) return host.setCompletion([]);
  void import('./sql-completion.js').then(({ schemaCompletion }) => {
    if (linked.get(host) !== open) return;
    host.setCompletion!(
      schemaCompletion({
        connectionId: open,
        tabId: tab.id,
        complete: (params) => app.completion.complete(params),
        at: (params) => app.completion.at(params),
      }),
    );
  });
}
