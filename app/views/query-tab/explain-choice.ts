import type { ExplainOptions } from '../../common/plan-shapes';
import type { AppServices } from '../data/app-context';
import type { SplitStatement } from '../data/split-store';
import { confirmAction } from '../shared/confirm-dialog';
import { shortText } from './write-checks';

/** What the toolbar or a key asks: Explain, or Explain Analyze, with the options kept. */
export interface ExplainChoice {
  analyze: boolean;
  /** The options as chosen in the menu (kept in the layout); {@link optionsFor} applies them. */
  chosen: ExplainOptions;
}

/** The options menu's entries: what each one is, and when it applies. */
export const EXPLAIN_MENU: readonly {
  name: keyof ExplainOptions;
  label: string;
  title: string;
}[] = [
  { name: 'buffers', label: 'BUFFERS', title: 'Blocks read and hit per node (with Analyze)' },
  { name: 'verbose', label: 'VERBOSE', title: 'Output columns, schemas, more detail' },
  { name: 'settings', label: 'SETTINGS', title: 'Settings changed from their defaults' },
  { name: 'wal', label: 'WAL', title: 'WAL records and bytes written (with Analyze)' },
  {
    name: 'genericPlan',
    label: 'GENERIC_PLAN',
    title: 'A plan for $1… left unknown, without asking values (PostgreSQL 16+, without Analyze)',
  },
];

/** The options as the menu shows them: BUFFERS on unless turned off. */
export function shownOptions(chosen: ExplainOptions): Required<ExplainOptions> {
  return {
    buffers: chosen.buffers ?? true,
    verbose: chosen.verbose ?? false,
    settings: chosen.settings ?? false,
    wal: chosen.wal ?? false,
    genericPlan: chosen.genericPlan ?? false,
  };
}

/** The major version of `server_version` ("16.2 (Debian…)" → 16; 0 when unknown). */
export function serverMajor(version: string | undefined): number {
  return Number(/^(\d+)/.exec(version ?? '')?.[1] ?? 0);
}

/**
 * The options sent for one explain: those that apply to it. BUFFERS and WAL with ANALYZE
 * only (BUFFERS on unless turned off); GENERIC_PLAN only without ANALYZE, on PostgreSQL
 * 16+, for a statement with `$n` (else its values are asked as for a run).
 */
export function optionsFor(
  choice: ExplainChoice,
  facts: { major: number; params: number },
): ExplainOptions {
  const shown = shownOptions(choice.chosen);
  const options: ExplainOptions = {};
  if (choice.analyze) options.buffers = shown.buffers;
  if (shown.verbose) options.verbose = true;
  if (shown.settings) options.settings = true;
  if (choice.analyze && shown.wal) options.wal = true;
  if (!choice.analyze && shown.genericPlan && facts.major >= 16 && facts.params > 0)
    options.genericPlan = true;
  return options;
}

/**
 * Asks before EXPLAIN ANALYZE of a statement the backend's split says writes: it runs, and
 * what it changes is rolled back (to a savepoint inside the tab's open transaction), but
 * sequences and effects outside the database are not undone. Cancel is focused. Resolves
 * true to go on (at once for a plain Explain, a statement that only reads, or several
 * statements, which the backend refuses).
 */
export async function confirmAnalyze(
  host: Element,
  app: AppServices,
  context: { connectionId: string; tabId: string; sql: string; analyze: boolean },
  statements: readonly SplitStatement[],
): Promise<boolean> {
  if (!context.analyze || statements.length !== 1 || !statements[0]!.writes) return true;
  const connection = app.connections.byId(context.connectionId);
  const on = connection?.production ? ` on the production connection ${connection.name}` : '';
  const open = app.runs.of(context.tabId).transaction === 'open';
  const readOnly = app.connections.value.live[context.connectionId]?.readOnly
    ? ' This connection is read-only: the server will refuse the write.'
    : '';
  return confirmAction(host, {
    title: 'Run this statement to analyze it?',
    code: shortText(context.sql),
    message:
      `Explain Analyze executes this statement${on}, then rolls back what it changed` +
      (open ? ' (to a savepoint: your open transaction and its work stay).' : '.') +
      ' Sequences it advances and effects outside the database are not undone.' +
      readOnly,
    confirmLabel: 'Analyze and roll back',
    danger: true,
  });
}
