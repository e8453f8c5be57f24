import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { StatementsReport, TopStatement } from '../../controllers/api';
import { servicesContext, type AppServices } from '../data/app-context';
import { serverMajor } from '../query-tab/explain-choice';
import { iconButton } from '../shared/icon-button';
import { ReportLoader } from './activity-database-load';
import { reportStyles } from './activity-database.styles';
import {
  oneLine,
  sortStatements,
  STATEMENT_COLUMNS,
  TEXT_COLUMNS,
  type StatementColumn,
  type StatementSort,
} from './activity-statements-columns';

/** The SQL that enables `pg_stat_statements` (a restart comes between the two). */
export const ENABLE_STATEMENTS_SQL = `-- 1. Load the library at server start (keep any library already listed), then restart:
ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements';
-- 2. After the restart, in this database:
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;`;

/** Another role's statement the role may not read (without `pg_read_all_stats`). */
function hidden(statement: TopStatement): boolean {
  return statement.query === '<insufficient privilege>';
}

/** The first server version whose EXPLAIN takes GENERIC_PLAN. */
const GENERIC_PLAN_MAJOR = 16;

/**
 * `<tusk-activity-statements .connectionId>`: the top statements of `pg_stat_statements`
 * (`activity.statements`) as a sortable table (by total time first), with Refresh; a
 * statement opens in a new query tab, or is explained there (`GENERIC_PLAN`, no ANALYZE:
 * its text holds `$1` placeholders — offered from PostgreSQL 16 only, said otherwise).
 * Without the extension it says why and how to enable it, with SQL to copy.
 */
export class TuskActivityStatements extends LitElement {
  static override styles = reportStyles;
  static override properties = {
    connectionId: {},
    sort: { state: true },
    copied: { state: true },
  };
  declare connectionId: string;
  declare sort: StatementSort;
  declare copied: boolean;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  readonly #loader = new ReportLoader<StatementsReport>(
    this,
    () => this.connectionId,
    (connectionId) => this.#services.value?.client.call('activity.statements', { connectionId }),
  );

  constructor() {
    super();
    this.connectionId = '';
    this.sort = { key: 'total', descending: true };
    this.copied = false;
  }

  get #app(): AppServices | undefined {
    return this.#services.value;
  }

  /** The server's major version (0 when unknown). */
  get #major(): number {
    return serverMajor(this.#app?.connections.value.live[this.connectionId]?.serverVersion);
  }

  override render() {
    const state = this.#loader.state;
    const report = this.#loader.report;
    return html`
      <div class="bar">
        <span>Top statements</span>
        ${
          report?.available
            ? html`<span class="faint">pg_stat_statements ${report.version}</span>`
            : nothing
        }
        ${state.state === 'loading' ? html`<span class="faint">Loading…</span>` : nothing}
        <span class="spacer"></span>
        ${
          report?.available && this.#major > 0 && this.#major < GENERIC_PLAN_MAJOR
            ? html`<span class="faint" data-test="no-explain"
                >Explain needs PostgreSQL ${GENERIC_PLAN_MAJOR}+: these texts hold $1 placeholders,
                which only EXPLAIN (GENERIC_PLAN) plans</span
              >`
            : nothing
        }
        ${iconButton('Refresh', 'refresh', () => void this.#loader.load())}
      </div>
      ${
        state.state === 'failed'
          ? html`<div class="error" role="alert">
              ${state.error.message} <span class="faint">${state.error.hint}</span>
            </div>`
          : nothing
      }
      ${!report ? nothing : report.available ? this.#table(report.statements) : this.#howTo(report)}
    `;
  }

  #howTo(report: Extract<StatementsReport, { available: false }>) {
    return html`<div class="note" role="note" data-test="statements-unavailable">
      <div><strong>Top statements are not available:</strong> ${report.reason}</div>
      <div>${report.howTo}</div>
      <div>
        The extension <code>pg_stat_statements</code> must be loaded when the server starts
        (<code>shared_preload_libraries</code>, which needs a restart), then created in this
        database:
      </div>
      <pre aria-label="SQL that enables pg_stat_statements">${ENABLE_STATEMENTS_SQL}</pre>
      ${iconButton('Copy the SQL', 'copy', () => void this.#copy(ENABLE_STATEMENTS_SQL))}
      ${this.copied ? html`<span class="faint" role="status">Copied</span>` : nothing}
    </div>`;
  }

  #table(statements: TopStatement[]) {
    if (statements.length === 0) return html`<div class="empty">No statement recorded yet.</div>`;
    const explains = this.#major >= GENERIC_PLAN_MAJOR;
    const rows = sortStatements(statements, this.sort);
    return html`<div class="scroll">
      <table aria-label="Top statements">
        <thead>
          <tr>
            ${STATEMENT_COLUMNS.map((c) => this.#head(c))}
            <th>Query</th>
            ${TEXT_COLUMNS.map((c) => this.#head(c))}
            <th class="actions"><span class="faint">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (s) =>
              html`<tr data-query-id=${s.queryId ?? ''}>
                ${STATEMENT_COLUMNS.map((c) => html`<td class="num">${c.show(s)}</td>`)}
                <td class="query code ${hidden(s) ? 'faint' : ''}" title=${s.query}>
                  ${oneLine(s.query)}
                </td>
                ${TEXT_COLUMNS.map((c) => html`<td>${c.show(s)}</td>`)}
                <td class="actions">${hidden(s) ? nothing : this.#actions(s, explains)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #actions(statement: TopStatement, explains: boolean) {
    return html`${iconButton('Open in a new tab', 'go-to-file', () => void this.#open(statement))}
    ${explains ? iconButton('Explain', 'type-hierarchy', () => void this.#explain(statement)) : nothing}`;
  }

  #head(column: StatementColumn) {
    const sorted = this.sort.key === column.key;
    const sort = sorted ? (this.sort.descending ? 'descending' : 'ascending') : undefined;
    return html`<th class=${column.numeric ? 'num' : ''} aria-sort=${sort ?? nothing}>
      <button
        title=${`${column.title}: sort`}
        @click=${() => {
          this.sort = {
            key: column.key,
            descending: sorted ? !this.sort.descending : column.numeric,
          };
        }}
      >
        ${column.label}${sorted ? (this.sort.descending ? ' ↓' : ' ↑') : ''}
      </button>
    </th>`;
  }

  async #open(statement: TopStatement): Promise<void> {
    await this.#app?.tabs.open(this.connectionId, {
      title: 'Statement',
      sql: statement.query,
    });
  }

  /** A new query tab with the text, explained there without running it (GENERIC_PLAN). */
  async #explain(statement: TopStatement): Promise<void> {
    const app = this.#app;
    if (!app) return;
    const tab = await app.tabs.open(this.connectionId, {
      title: 'Statement plan',
      sql: statement.query,
    });
    await app.runs.explain({
      tabId: tab.id,
      connectionId: this.connectionId,
      sql: statement.query,
      sqlStart: 0,
      analyze: false,
      options: { genericPlan: true },
    });
  }

  async #copy(text: string): Promise<void> {
    await navigator.clipboard.writeText(text);
    this.copied = true;
  }
}

customElements.define('tusk-activity-statements', TuskActivityStatements);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-activity-statements': TuskActivityStatements;
  }
}
