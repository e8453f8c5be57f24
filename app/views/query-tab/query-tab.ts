import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { servicesContext, type AppServices } from '../data/app-context';
import { StoreController } from '../data/store';
import type { QueryTabState } from '../data/tabs-store';
import { iconButton } from '../shared/icon-button';
import { endSessions } from '../shared/open-transactions';
import { queryTabStyles } from './query-tab.styles';
import { runInTab, type RunRequest } from './run-flow';
import { explainControls } from './explain-controls';
import { ResultsSplitter } from './results-splitter';
import type { StatementTarget } from './sql-editor-events';
import { matches } from '../shared/shortcuts';
import { LibraryRequestEvent } from './library-events';
import './results-panel';
import { describeRun, describeTransaction, offsetOf } from './run-outcome';
import { linkSchema } from './schema-link';

/** What the query tab uses of `<tusk-sql-editor>`. */
interface SqlEditor extends HTMLElement {
  value: string;
  running: boolean;
  splitter: (sql: string) => Promise<{ start: number; end: number; kind: string }[]>;
  focus(): void;
  showError(error: { position: number; message: string; line?: boolean } | null): void;
  setCursor(offset: number): void;
  /** Runs as Ctrl+Enter would (when the editor offers it). */
  run?(mode: 'statement' | 'script'): void;
  /** What Ctrl+Enter runs (highlighted for a moment with `highlight`). */
  statement?(highlight?: boolean): Promise<StatementTarget | undefined>;
  insertText(text: string): void;
}

/*
 * The SQL editor (CodeMirror and sql-formatter, most of the views' script) is a chunk of
 * its own, loaded once a tab has been drawn or the page is idle: the workspace answers
 * before it is compiled, and a tab's editor element shows its text as soon as the chunk
 * defines it.
 */
let editorLoading: Promise<unknown> | null = null;
function loadEditor(): void {
  editorLoading ??= import('./sql-editor.js').catch((error: unknown) =>
    console.error(`The SQL editor could not load: ${String(error)}`),
  );
}
requestIdleCallback(loadEditor, { timeout: 2000 });

/**
 * One editor tab: a toolbar (its connection, Run or Cancel in one place, Explain and
 * Explain Analyze with their options (F7, Shift+F7), the session's
 * transaction state, elapsed time and rows while running), the SQL editor, and the
 * results of its latest run below a splitter. The SQL is autosaved by the tabs store; a
 * failed run's error is underlined in the editor at its position.
 */
export class TuskQueryTab extends LitElement {
  static override styles = queryTabStyles;
  static override properties = { tab: { attribute: false }, tick: { state: true } };
  declare tab: QueryTabState;
  declare tick: number;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  #timer: ReturnType<typeof setInterval> | undefined;
  #shownError: string | null = null;
  readonly #splitter = new ResultsSplitter(this, () => this.#app);

  constructor() {
    super();
    this.tick = 0;
    // Only what this tab shows: its own run, its connection, the results' share of the tab.
    new StoreController(this, () => {
      const app = this.#services.value;
      return (
        app && [
          { store: app.runs, keys: () => [this.tab?.id] },
          { store: app.connections, keys: () => ['saved', `live:${this.tab?.connectionId}`] },
          {
            store: app.workspace,
            keys: () => ['layout:resultsHeight', 'layout:resultsShare', 'layout:explain'],
          },
        ]
      );
    });
    // F7 and Shift+F7 (pgAdmin's keys) anywhere in the tab; the page keeps them from the
    // browser (Chromium's caret browsing is F7).
    this.addEventListener('keydown', (event) => {
      const analyze = matches(event, 'Shift+F7');
      if (!analyze && !matches(event, 'F7')) return;
      event.preventDefault();
      event.stopPropagation();
      void this.explain(analyze);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => {
      if (this.#services.value?.runs.running(this.tab?.id ?? '')) this.tick += 1;
    }, 100);
    if (this.tab?.sql) this.#services.value?.runs.splits.warm(this.tab.id, this.tab.sql);
  }

  override firstUpdated(): void {
    // After the frame that shows the tab.
    requestAnimationFrame(() => setTimeout(loadEditor));
    void customElements
      .whenDefined('tusk-sql-editor')
      .then(() => linkSchema(this.#app, this.tab, this.#editor));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  /** The editor, once its module has loaded (until then its element is a plain one). */
  get #editor(): SqlEditor | null {
    if (!customElements.get('tusk-sql-editor')) return null;
    return this.renderRoot.querySelector('tusk-sql-editor') as SqlEditor | null;
  }

  /** Focuses the editor (once its module has loaded, if it has not yet). */
  override focus(): void {
    const editor = this.#editor;
    if (editor) return editor.focus();
    loadEditor();
    void customElements
      .whenDefined('tusk-sql-editor')
      .then(() => this.updateComplete)
      .then(() => {
        if (document.activeElement === document.body || document.activeElement === null) {
          this.#editor?.focus();
        }
      });
  }

  /** Inserts `sql` at the editor's cursor (replacing its selection) and focuses it. */
  insertText(sql: string): void {
    loadEditor();
    void customElements
      .whenDefined('tusk-sql-editor')
      .then(() => this.updateComplete)
      .then(() => this.#editor?.insertText(sql));
  }

  /** Focuses the results of the latest run (its grid, or the results bar). */
  focusResults(): void {
    this.renderRoot.querySelector('tusk-results-panel')?.focus();
  }

  /** The editor's statements: the backend's split, kept per text by the runs store. */
  readonly #split = (sql: string) => this.#app.runs.splits.split(sql);

  async #run(request: RunRequest): Promise<void> {
    this.#editor?.showError(null);
    // The run shown until this one starts is not underlined again.
    this.#shownError = this.#app.runs.of(this.tab.id).run?.queryId ?? null;
    await runInTab(this, this.#app, this.tab, request);
  }

  /** Underlines a failed run's error once, at its place in the whole text. */
  override updated(): void {
    linkSchema(this.#app, this.tab, this.#editor);
    const run = this.#app.runs.of(this.tab.id).run;
    const error = run?.error;
    const key = run?.queryId ?? null;
    const at = error?.position ?? error?.statementStart;
    if (!error || !key || this.#shownError === key || at === undefined) return;
    this.#shownError = key;
    // With CONTEXT (a function's call stack) in the tooltip, as the server said it.
    const message = error.context ? `${error.message}\n${error.context}` : error.message;
    this.#editor?.showError({
      position: run.sqlStart + at,
      message,
      ...(error.position === undefined ? { line: true } : {}),
    });
  }

  /** Puts the editor's cursor at an error's line:column (counted from its run's start). */
  #goto(at: { line: number; column: number; sqlStart: number }): void {
    const editor = this.#editor;
    if (!editor) return;
    editor.setCursor(offsetOf(this.tab.sql, at.sqlStart, at.line, at.column));
    editor.focus();
  }

  /**
   * Explains (or, with `analyze`, Explain Analyzes) what Ctrl+Enter would run: the
   * selection, else the statement under the cursor, with the options chosen.
   */
  async explain(analyze: boolean): Promise<void> {
    const editor = this.#editor;
    const target = editor?.statement ? await editor.statement(true) : undefined;
    if (!target) return;
    this.#editor?.showError(null);
    this.#shownError = this.#app.runs.of(this.tab.id).run?.queryId ?? null;
    const chosen = this.#app.workspace.value.layout.explain ?? {};
    await runInTab(this, this.#app, this.tab, target, { analyze, chosen });
  }

  #runButton(): void {
    const editor = this.#editor;
    if (editor?.run) editor.run('statement');
    else void this.#run({ sql: this.tab.sql, start: 0, mode: 'script' });
  }

  /** Moves the tab to the connection chosen; an open transaction is asked about first. */
  async #changeConnection(menu: HTMLSelectElement): Promise<void> {
    const id = menu.value || null;
    if (this.tab.connectionId === id) return;
    // A failure other than an open transaction leaves the old session to its connection;
    // the user keeping the transaction keeps the tab where it is (the menu says so again).
    const switching = { kind: 'switch', tab: this.tab } as const;
    if (await endSessions(this, this.#app, switching).catch(() => true))
      await this.#app.tabs.setConnection(this.tab.id, id);
    else menu.value = this.tab.connectionId ?? '';
  }

  override render() {
    if (!this.#services.value || !this.tab) return nothing;
    const { connections, runs } = this.#app;
    const session = runs.of(this.tab.id);
    const run = session.run;
    const running = runs.running(this.tab.id);
    const elapsed = run
      ? running
        ? Math.round(performance.now() - run.startedAt)
        : run.elapsedMs
      : 0;
    this.style.setProperty('--results-size', this.#splitter.size());
    const connection = connections.byId(this.tab.connectionId);
    const tx = session.lost ? 'lost' : session.transaction;
    return html`
      <div class="toolbar" role="toolbar" aria-label="Query">
        ${
          running
            ? html`<wa-button
                size="s"
                variant="danger"
                @click=${() => void runs.cancel(this.tab.id)}
                ><wa-icon slot="start" name="close"></wa-icon>Cancel</wa-button
              >`
            : html`<wa-button
                size="s"
                variant="brand"
                title="Run the statement at the cursor (Ctrl+Enter); the whole script: Ctrl+Shift+Enter"
                @click=${() => this.#runButton()}
                ><wa-icon slot="start" name="play"></wa-icon>Run</wa-button
              >`
        }
        ${explainControls(this.#app, this.tab, (analyze) => void this.explain(analyze))}
        <label class="conn">
          <span class="sr">Connection</span>
          <select
            aria-label="Connection"
            .value=${this.tab.connectionId ?? ''}
            @change=${(e: Event) => void this.#changeConnection(e.target as HTMLSelectElement)}
          >
            <option value="" ?selected=${!this.tab.connectionId}>No connection</option>
            ${connections.value.saved.map(
              (c) =>
                html`<option value=${c.id} ?selected=${c.id === this.tab.connectionId}>
                  ${c.name}
                </option>`,
            )}
          </select>
        </label>
        <span class="tx tx-${tx}" data-test="transaction" title="The session's transaction state"
          >${describeTransaction(tx)}</span
        >
        ${
          connection && connections.value.live[connection.id]?.readOnly
            ? html`<span class="ro">read-only</span>`
            : nothing
        }
        <span class="spacer"></span>
        ${iconButton('Save query', 'save', () => this.dispatchEvent(new LibraryRequestEvent('save')))}
        ${iconButton('History', 'history', () =>
          this.dispatchEvent(new LibraryRequestEvent('history')),
        )}
        <span
          class="figures"
          data-test="run-status"
          title="The whole run: from Run to its last row (a statement's own time is in Messages)"
          data-query=${run?.queryId ?? ''}
          aria-live="polite"
          >${session.refused ?? (run ? describeRun(run, elapsed) : '')}</span
        >
      </div>
      <tusk-sql-editor
        .value=${this.tab.sql}
        .running=${running}
        .splitter=${this.#split}
        @tusk-sql-change=${(
          e: CustomEvent<{ value: string; cursor: number }> & { value?: string; cursor?: number },
        ) => {
          const detail = (e.detail ?? e) as { value: string; cursor: number };
          this.#app.tabs.setSql(this.tab.id, detail.value, detail.cursor);
          this.#app.runs.splits.warm(this.tab.id, detail.value);
        }}
        @tusk-run=${(e: Event) => void this.#run(readRun(e))}
        @tusk-cancel=${() => void runs.cancel(this.tab.id)}
      ></tusk-sql-editor>
      <div
        class="splitter"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Results height"
        tabindex="0"
        @pointerdown=${this.#splitter.drag}
        @keydown=${this.#splitter.key}
      ></div>
      <tusk-results-panel
        .run=${run}
        @tusk-goto=${(e: CustomEvent<{ line: number; column: number; sqlStart: number }>) =>
          this.#goto(e.detail)}
      ></tusk-results-panel>
    `;
  }
}

/** The editor's run request, whether it travels as `detail` or on the event itself. */
function readRun(event: Event): RunRequest {
  const e = event as Event & Partial<RunRequest> & { detail?: RunRequest };
  return e.detail && typeof e.detail === 'object' ? e.detail : (e as unknown as RunRequest);
}

customElements.define('tusk-query-tab', TuskQueryTab);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-query-tab': TuskQueryTab;
  }
}
