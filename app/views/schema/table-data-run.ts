import { RequestError } from '../client';
import type { AppServices } from '../data/app-context';
import type { QueryTabState } from '../data/tabs-store';
import { runInTab } from '../query-tab/run-flow';
import type { ObjectRef } from './object-kinds';
import {
  dataSql,
  refusalOfSplit,
  textsToCheck,
  type ClauseRefusal,
  type DataClauses,
} from './table-data-sql';

/** The WHERE and ORDER BY a tab applies, from its `extra` ('' when none). */
export function appliedClauses(tab: QueryTabState): DataClauses {
  const { where, order } = tab.extra;
  return {
    where: typeof where === 'string' ? where : '',
    order: typeof order === 'string' ? order : '',
  };
}

/**
 * Runs the table's data SELECT with `clauses` (default: those the tab applies) in the tab's
 * own session, once the backend's split says it is one SELECT that writes nothing; keeps
 * the clauses in the tab's `extra`. Resolves with why it was refused (nothing run), or null.
 */
export async function runTableData(
  host: HTMLElement,
  app: AppServices,
  tab: QueryTabState,
  ref: ObjectRef,
  clauses: DataClauses = appliedClauses(tab),
): Promise<ClauseRefusal | null> {
  const sql = dataSql(ref.schema, ref.name, clauses);
  const refusal = await checked(app, textsToCheck(sql, ref.schema, ref.name, clauses));
  if (refusal) return refusal;
  const extra = app.tabs.byId(tab.id)?.extra ?? tab.extra;
  if (extra['where'] !== clauses.where || extra['order'] !== clauses.order)
    await app.tabs.setExtra(tab.id, { ...extra, where: clauses.where, order: clauses.order });
  await runInTab(host, app, tab, { sql, start: 0, mode: 'script' });
  return null;
}

/** Why one of `texts` (the SQL to run and its clauses alone) may not run, or null. */
export async function checked(app: AppServices, texts: string[]): Promise<ClauseRefusal | null> {
  try {
    for (const text of texts) {
      const refusal = refusalOfSplit(await app.runs.splits.split(text));
      if (refusal) return refusal;
    }
    return null;
  } catch (error) {
    const info = error instanceof RequestError ? error.info : null;
    return { message: info?.message ?? String(error), hint: info?.hint ?? 'Try again.' };
  }
}
