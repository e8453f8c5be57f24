import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { DatabaseReport } from '../../controllers/api';
import { servicesContext } from '../data/app-context';
import { iconButton } from '../shared/icon-button';
import { formatBytes, formatCount, formatMs, formatWhen } from './activity-database-format';
import { ReportLoader } from './activity-database-load';
import { reportStyles } from './activity-database.styles';

/** A column of a compact table: its header and how a row shows in it. */
interface Column<R> {
  label: string;
  cell: (row: R) => string;
  numeric?: boolean;
  title?: (row: R) => string;
}

/** A compact table named `label`, or a quiet line saying `empty`. */
function table<R>(label: string, rows: readonly R[], columns: Column<R>[], empty: string) {
  if (rows.length === 0) return html`<div class="empty">${empty}</div>`;
  return html`<div class="scroll">
    <table aria-label=${label}>
      <thead>
        <tr>
          ${columns.map((c) => html`<th class=${c.numeric ? 'num' : ''}>${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              ${columns.map(
                (c) =>
                  html`<td class=${c.numeric ? 'num' : ''} title=${c.title?.(row) ?? nothing}>
                    ${c.cell(row)}
                  </td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

const qualified = (r: { schema: string; name: string }) => `${r.schema}.${r.name}`;
const size = (r: { bytes: number }) => formatBytes(r.bytes);
const lag = (ms: number | null) => (ms == null ? '–' : formatMs(ms));

/**
 * `<tusk-activity-database .connectionId>`: the connection's sizes and upkeep
 * (`activity.database`) in compact tables — the databases' sizes, the largest tables and
 * indexes, unused indexes, tables with many dead tuples and their last (auto)vacuum and
 * analyze, and replication (the standbys with their lag, or this standby's lag); Refresh.
 */
export class TuskActivityDatabase extends LitElement {
  static override styles = reportStyles;
  static override properties = { connectionId: {} };
  declare connectionId: string;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  readonly #loader = new ReportLoader<DatabaseReport>(
    this,
    () => this.connectionId,
    (connectionId) => this.#services.value?.client.call('activity.database', { connectionId }),
  );

  constructor() {
    super();
    this.connectionId = '';
  }

  override render() {
    const state = this.#loader.state;
    const report = this.#loader.report;
    return html`
      <div class="bar">
        <span>Database</span>
        ${state.state === 'loading' ? html`<span class="faint">Loading…</span>` : nothing}
        <span class="spacer"></span>
        ${iconButton('Refresh', 'refresh', () => void this.#loader.load())}
      </div>
      ${
        state.state === 'failed'
          ? html`<div class="error" role="alert">
              ${state.error.message} <span class="faint">${state.error.hint}</span>
            </div>`
          : nothing
      }
      ${report ? this.#report(report) : nothing}
    `;
  }

  #report(r: DatabaseReport): TemplateResult {
    return html`<div class="columns">
      <section>
        <h3>Databases</h3>
        ${table(
          'Databases',
          r.databases,
          [
            { label: 'Database', cell: (d) => d.name },
            {
              label: 'Size',
              numeric: true,
              cell: (d) => (d.bytes == null ? 'hidden' : formatBytes(d.bytes)),
            },
          ],
          'No database to show.',
        )}
        <h3>Replication</h3>
        ${this.#replication(r.replication)}
      </section>
      <section>
        <h3>Largest tables</h3>
        ${table(
          'Largest tables',
          r.tables,
          [
            { label: 'Table', cell: qualified },
            { label: 'Size', numeric: true, cell: size },
          ],
          'No table.',
        )}
      </section>
      <section>
        <h3>Largest indexes</h3>
        ${table(
          'Largest indexes',
          r.indexes,
          [
            { label: 'Index', cell: qualified },
            { label: 'Table', cell: (i) => i.table },
            { label: 'Size', numeric: true, cell: size },
          ],
          'No index.',
        )}
      </section>
      <section>
        <h3>Unused indexes <span class="faint">(never scanned)</span></h3>
        ${table(
          'Unused indexes',
          r.unusedIndexes,
          [
            { label: 'Index', cell: qualified },
            { label: 'Table', cell: (i) => i.table },
            { label: 'Size', numeric: true, cell: size },
          ],
          'Every index has been scanned.',
        )}
      </section>
      <section>
        <h3>Dead tuples</h3>
        ${table(
          'Dead tuples',
          r.deadTuples,
          [
            { label: 'Table', cell: qualified },
            { label: 'Live', numeric: true, cell: (t) => formatCount(t.live) },
            { label: 'Dead', numeric: true, cell: (t) => formatCount(t.dead) },
            {
              label: 'Vacuumed',
              cell: (t) => formatWhen(latest(t.lastVacuum, t.lastAutovacuum)),
              title: (t) =>
                `vacuum: ${formatWhen(t.lastVacuum)}, autovacuum: ${formatWhen(t.lastAutovacuum)}`,
            },
            {
              label: 'Analyzed',
              cell: (t) => formatWhen(latest(t.lastAnalyze, t.lastAutoanalyze)),
              title: (t) =>
                `analyze: ${formatWhen(t.lastAnalyze)}, autoanalyze: ${formatWhen(t.lastAutoanalyze)}`,
            },
          ],
          'No table with many dead tuples.',
        )}
      </section>
    </div>`;
  }

  #replication(replication: DatabaseReport['replication']): TemplateResult {
    if (replication.role === 'standby') {
      return html`<div class="empty" data-test="standby">
        This server is a standby: replay lag ${lag(replication.replayLagMs)}, last replayed
        ${formatWhen(replication.lastReplayAt)}.
      </div>`;
    }
    return table(
      'Standbys',
      replication.standbys,
      [
        { label: 'Standby', cell: (s) => s.client ?? 'local' },
        { label: 'State', cell: (s) => s.state ?? '–' },
        { label: 'Sent', cell: (s) => s.sentLsn ?? '–' },
        { label: 'Replayed', cell: (s) => s.replayLsn ?? '–' },
        { label: 'Lag', numeric: true, cell: (s) => lag(s.replayLagMs) },
      ],
      'No standby replicates from this server.',
    );
  }
}

/** The later of two ISO times (null when both are). */
function latest(a: string | null, b: string | null): string | null {
  if (!a || !b) return a ?? b;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

customElements.define('tusk-activity-database', TuskActivityDatabase);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-activity-database': TuskActivityDatabase;
  }
}
