import { RequestError } from '../client';
import type { AppServices } from '../data/app-context';
import type { SplitStatement } from '../data/split-store';
import type { QueryTabState } from '../data/tabs-store';
import { connectWithPrompts } from '../connections/connect-flow';
import { confirmAction } from '../shared/confirm-dialog';
import { dropPendingEdits } from '../shared/pending-edits-ask';
import { confirmAnalyze, optionsFor, serverMajor, type ExplainChoice } from './explain-choice';
import { askParameters } from './sql-params-dialog';
import { confirmWrites } from './write-checks';
import { toUtf16 } from './sql-statements';

/** What to run, as the editor asks (`tusk-run`). */
export interface RunRequest {
  sql: string;
  /** Where `sql` starts in the tab's text (code points). */
  start: number;
  mode: 'statement' | 'selection' | 'script';
}

/**
 * Runs `request` in the tab's session, after what a careful client checks first: the tab
 * has a connection (else the run says so), the connection is open (connecting it, with
 * its prompts), pending edits of its grid may be discarded (asked), a lost session was
 * acknowledged (asked), a write on a read-only connection, an UPDATE/DELETE without WHERE, a
 * TRUNCATE and any write on a production connection are meant (asked: {@link
 * confirmWrites}), and `$1…$n` have values (asked) — the last two from the backend's split
 * of the text, kept per text. The SQL is saved as the run starts, without delaying it.
 * With `explain`, the statement is explained instead (`queries.explain`, the options that
 * apply to it): the same checks, but for the writes Explain Analyze asks about its own
 * ({@link confirmAnalyze}); GENERIC_PLAN asks no values.
 * Never throws: a refusal becomes the tab's run error.
 */
export async function runInTab(
  host: Element,
  app: AppServices,
  tab: QueryTabState,
  request: RunRequest,
  explain?: ExplainChoice,
): Promise<void> {
  const { connections, runs, tabs } = app;
  const connectionId = tab.connectionId;
  if (!request.sql.trim() || runs.refuses(tab.id)) return;
  if (!connectionId || !connections.byId(connectionId)) {
    return runs.reject(tab.id, {
      kind: 'validation',
      message: 'This tab has no connection',
      hint: 'Choose one in the toolbar, then run again.',
    });
  }
  try {
    if (!connections.value.live[connectionId]) {
      if (!(await connectWithPrompts(host as HTMLElement, app, connectionId))) return;
    }
    // A new run replaces the result whose edits are not applied: asked first.
    if (!(await dropPendingEdits(host, app, tab, 'run'))) return;
    const lost = runs.of(tab.id).lost;
    if (lost) {
      const go = await confirmAction(host, {
        title: 'The session was lost',
        message: lost.hadTransaction
          ? 'This tab’s session ended while a transaction was open: its work was rolled back, nothing was committed. Run in a new session?'
          : 'This tab’s session ended (network, server restart or a terminated backend). Run in a new session?',
        confirmLabel: 'Run in a new session',
      });
      if (!go) return;
      await runs.closeSession(tab.id, connectionId);
    }
    // One answer of the backend's split, most often the one the editor found the statement with.
    const statements = await statementsOf(app, tabs.byId(tab.id)?.sql ?? tab.sql, request);
    const sqlOf = (s: SplitStatement) => textOf(request.sql, s, statements.length);
    const context = { connectionId, tabId: tab.id, sql: request.sql };
    const go = explain
      ? await confirmAnalyze(host, app, { ...context, analyze: explain.analyze }, statements)
      : await confirmWrites(host, app, connectionId, statements, sqlOf);
    if (!go) return;
    const count = statements.reduce((max, s) => Math.max(max, s.params), 0);
    const major = serverMajor(connections.value.live[connectionId]?.serverVersion);
    const options = explain ? optionsFor(explain, { major, params: count }) : {};
    const params = count === 0 || options.genericPlan ? [] : await askParameters(host, count);
    if (params === null) return;
    const input = {
      ...context,
      sqlStart: request.start,
      ...(params.length > 0 ? { params } : {}),
    };
    const started = explain
      ? runs.explain({ ...input, analyze: explain.analyze, options })
      : runs.run(input);
    // The tab's SQL is saved as the run starts, never before it (the request is on its way).
    void tabs.flush(tab.id).catch(() => undefined);
    await started;
  } catch (error) {
    runs.reject(
      tab.id,
      error instanceof RequestError
        ? error.info
        : { kind: 'internal', message: String(error), hint: 'Run it again.' },
    );
  }
}

/**
 * The statements of what `request` runs: for the statement under the cursor, its entry in
 * the split of the tab's whole `text` (the answer the editor found it with); else, or when
 * the text has changed since, the split of the request's own SQL.
 */
async function statementsOf(
  app: AppServices,
  text: string,
  request: RunRequest,
): Promise<SplitStatement[]> {
  const { splits } = app.runs;
  if (request.mode === 'statement') {
    const found = (await splits.split(text)).find((s) => s.start === request.start);
    if (found) {
      const [from, to] = toUtf16(text, [found.start, found.end]);
      if (text.slice(from, to) === request.sql) return [found];
    }
  }
  return splits.split(request.sql);
}

/**
 * The text of `statement` of the run's SQL: a single statement is the SQL itself; several
 * come from the split of the run's own SQL (offsets from its start).
 */
function textOf(sql: string, statement: SplitStatement, count: number): string {
  if (count === 1) return sql;
  const [from, to] = toUtf16(sql, [statement.start, statement.end]);
  return sql.slice(from, to) || sql;
}
