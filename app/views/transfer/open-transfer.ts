import type { AppServices } from '../data/app-context';
import type { ObjectRef } from '../schema/object-kinds';
import { qualifiedName } from '../schema/sql-names';
import { showDialog } from '../shared/dialog-host';
import './export-dialog';
import './import-dialog';

/**
 * The ways into the export and import dialogs, one per place that offers them: a table
 * (the tree's menu, the object view), a held result (the grid), a statement (the query
 * tab's shortcut). Each opens its dialog from `origin` and resolves when it closes.
 */

/** Exports the table or view `ref` whole. */
export function exportTable(origin: Element, ref: ObjectRef): Promise<void> {
  const name = qualifiedName(ref.schema, ref.name);
  return showDialog(origin, 'tusk-export-dialog', {
    connectionId: ref.connectionId,
    source: { table: { schema: ref.schema, name: ref.name } },
    what: name,
    name: ref.name,
    table: name,
  });
}

/** Exports result `index` of the run `queryId` (re-run when it only reads). */
export function exportResult(
  origin: Element,
  app: AppServices,
  run: { connectionId: string; queryId: string; tabId?: string | undefined },
  index: number,
): Promise<void> {
  const title = (run.tabId && app.tabs.byId(run.tabId)?.title) || 'result';
  return showDialog(origin, 'tusk-export-dialog', {
    connectionId: run.connectionId,
    source: { queryId: run.queryId, result: index },
    what: `Result ${index + 1} of ${title}`,
    name: title,
  });
}

/** Exports what `sql` returns (re-run for the export on the tab's session). */
export function exportStatement(
  origin: Element,
  connectionId: string,
  sql: string,
  tabId: string,
  title: string,
): Promise<void> {
  const line = sql.trim().split('\n')[0]!;
  return showDialog(origin, 'tusk-export-dialog', {
    connectionId,
    source: { sql, tabId },
    what: line.length > 80 ? `${line.slice(0, 79)}…` : line,
    name: title || 'result',
  });
}

/** Imports a CSV or TSV file into the table `ref`. */
export function importInto(origin: Element, ref: ObjectRef): Promise<void> {
  return showDialog(origin, 'tusk-import-dialog', ref);
}
