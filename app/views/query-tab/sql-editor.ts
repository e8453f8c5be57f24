import { closeCompletion } from '@codemirror/autocomplete';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Extension, type TransactionSpec } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { LitElement, type PropertyValues } from 'lit';
import {
  CancelEvent,
  codePointAt,
  RunEvent,
  SqlChangeEvent,
  textOf,
  type EditorError,
  type StatementTarget,
} from './sql-editor-events';
import {
  clearErrors,
  editorExtensions,
  errorSpan,
  runHighlight,
  RUN_HIGHLIGHT_MS,
  watchFontSize,
} from './sql-editor-extensions';
import { sqlEditorStyles } from './sql-editor.styles';
import { formatSql } from './sql-format';
import {
  statementUnderCursor,
  toCodePoint,
  toUtf16,
  type FoundStatement,
  type Span,
  type Splitter,
} from './sql-statements';

export { CancelEvent, RunEvent, SqlChangeEvent } from './sql-editor-events';
export type { EditorError, RunMode, StatementTarget } from './sql-editor-events';
export type { Splitter, StatementRange } from './sql-statements';
export { askParameters, type ParameterValues } from './sql-params-dialog';

/**
 * The SQL editor: CodeMirror 6 with @codemirror/lang-sql's PostgreSQL dialect in Tusk's
 * theme (light and dark through CSS variables), its font from `--tusk-font-code` and its
 * size from `fontSize` or `--tusk-editor-font-size`. Ctrl+Enter runs the statement under
 * the cursor (found with `splitter`, highlighted for a moment) or the selection,
 * Ctrl+Shift+Enter the whole script, Escape cancels while `running`, Shift+Alt+F formats.
 * Offsets in its API are code points of the text (the backend's unit); astral characters
 * (emoji) are converted to CodeMirror's UTF-16 offsets here.
 *
 * The editor owns its text once set: the host sets `value` when a tab opens (a new
 * document, its own undo history, no change event), then listens to `tusk-sql-change`
 * (binding `value` to what it saved would undo keystrokes typed since).
 *
 * @fires tusk-sql-change {SqlChangeEvent} on every edit: `value`, `cursor`.
 * @fires tusk-run {RunEvent} `sql`, `start` (code points), `mode`.
 * @fires tusk-cancel {CancelEvent} Escape while `running`.
 */
export class TuskSqlEditor extends LitElement {
  static override styles = sqlEditorStyles;
  static override properties = {
    fontSize: { type: Number, attribute: 'font-size' },
    readOnly: { type: Boolean, attribute: 'readonly' },
    running: { type: Boolean },
    splitter: { attribute: false },
  };
  /** Font size in px; 0 or unset: `--tusk-editor-font-size` (set from the preferences). */
  declare fontSize: number;
  /** Text that cannot be edited (it can still be selected, copied, searched and run). */
  declare readOnly: boolean;
  /** The host runs a query: Escape then fires `tusk-cancel`. */
  declare running: boolean;
  /** Finds the statements (`queries.split`); without one, the whole text is one statement. */
  declare splitter: Splitter | undefined;

  readonly #readOnly = new Compartment();
  readonly #completion = new Compartment();
  /** Re-filled when the font size changes: CodeMirror measures its lines again. */
  readonly #fontTheme = new Compartment();
  #completionExtension: Extension = [];
  /** The state while no view shows it (before the first connection, after removal). */
  #state: EditorState;
  #view: EditorView | undefined;
  #unwatchFont: () => void = () => undefined;
  #highlightTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.fontSize = 0;
    this.readOnly = false;
    this.running = false;
    this.splitter = undefined;
    this.#state = this.#newState('');
    // A value set before this element was defined hides the accessor: take it over.
    if (Object.hasOwn(this, 'value')) {
      const early = (this as { value?: string }).value ?? '';
      delete (this as { value?: string }).value;
      this.value = early;
    }
  }

  /** The editor's text. Setting it starts a new document (fresh undo history, cursor at 0). */
  get value(): string {
    return textOf(this.#current.doc);
  }

  set value(text: string) {
    const next = text ?? '';
    if (next === this.value) return;
    const state = this.#newState(next);
    if (this.#view) this.#view.setState(state);
    else this.#state = state;
  }

  /** The main cursor, in code points of `value`. */
  get cursor(): number {
    const state = this.#current;
    const head = state.selection.main.head;
    return codePointAt(state.doc, head);
  }

  /** The CodeMirror view while the element is in the page (for tests and later extensions). */
  get view(): EditorView | undefined {
    return this.#view;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#view) return;
    const root = this.renderRoot as ShadowRoot;
    this.#view = new EditorView({ state: this.#state, root, parent: root });
    this.#unwatchFont = watchFontSize(root, () =>
      this.#dispatch({ effects: this.#fontTheme.reconfigure(EditorView.theme({})) }),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The state (text, undo history, cursor) is kept for when the element comes back.
    if (!this.#view) return;
    this.#state = this.#view.state;
    this.#unwatchFont();
    this.#view.destroy();
    this.#view = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('readOnly')) {
      this.#dispatch({
        effects: this.#readOnly.reconfigure(EditorState.readOnly.of(this.readOnly)),
      });
    }
    if (changed.has('fontSize')) {
      this.style.fontSize = this.fontSize > 0 ? `${this.fontSize}px` : '';
    }
  }

  /** Puts the keyboard focus in the text. */
  override focus(): void {
    if (this.#view) this.#view.focus();
    else super.focus();
  }

  /** Moves the cursor to `offset` (code points; clamped) and scrolls it into view. */
  setCursor(offset: number): void {
    const state = this.#current;
    const [unit] = toUtf16(textOf(state.doc), [Math.max(0, offset)]);
    this.#dispatch({
      selection: { anchor: unit! },
      effects: EditorView.scrollIntoView(unit!, { y: 'center' }),
    });
  }

  /**
   * Underlines the token at `error.position` (1-based code points of the text, as the
   * host computes it: `start` of the run + the error's position − 1) with `message` on
   * hover, and scrolls to it; `null` clears it. The next edit or run clears it too.
   */
  showError(error: EditorError | null): void {
    const state = this.#current;
    if (!error) {
      this.#dispatch(clearErrors(state));
      return;
    }
    const [unit] = toUtf16(textOf(state.doc), [Math.max(0, error.position - 1)]);
    this.#mark(errorSpan(state, unit!, error.line), error.message, 'error');
  }

  /** Inserts `text` at the cursor (replacing the selection) and focuses the editor. */
  insertText(text: string): void {
    const state = this.#current;
    this.#dispatch(state.replaceSelection(text), { scrollIntoView: true, userEvent: 'input' });
    this.focus();
  }

  /**
   * Formats the selection, or else the statement under the cursor, with sql-formatter's
   * PostgreSQL dialect, as one undoable change. Text it cannot parse is left as it is,
   * with a warning underlined where the statement starts.
   */
  async format(): Promise<void> {
    const state = this.#current;
    if (state.readOnly) return;
    const main = state.selection.main;
    const target = main.empty ? (await this.#statementUnderCursor(state))?.span : main;
    if (!target || this.#current.doc !== state.doc) return;
    const before = state.sliceDoc(target.from, target.to);
    let after: string;
    try {
      after = formatSql(before);
    } catch (error) {
      const from = target.from + (before.length - before.trimStart().length);
      this.#mark(
        errorSpan(state, from),
        `Could not format: ${(error as Error).message}`,
        'warning',
      );
      return;
    }
    if (after === before) return;
    const end = target.from + after.length;
    this.#dispatch({
      changes: { from: target.from, to: target.to, insert: after },
      selection: main.empty ? { anchor: end } : { anchor: target.from, head: end },
      scrollIntoView: true,
      userEvent: 'input.format',
    });
  }

  /**
   * Fires `tusk-run`: for `statement`, the selection when there is one, else the statement
   * under the cursor (found with the splitter and highlighted for a moment); for `script`
   * the whole text. Clears the error shown and the completion list (Escape then cancels).
   * Nothing is fired for empty text.
   */
  async run(mode: 'statement' | 'script' = 'statement'): Promise<void> {
    if (this.#view) closeCompletion(this.#view);
    this.#dispatch(clearErrors(this.#current));
    const text = textOf(this.#current.doc);
    if (!text.trim()) return;
    const target = mode === 'script' ? { sql: text, start: 0, mode } : await this.statement(true);
    if (target) this.dispatchEvent(new RunEvent(target.sql, target.start, target.mode));
  }

  /**
   * What Ctrl+Enter runs: the selection, else the statement under the cursor (highlighted
   * for a moment with `highlight`), its text and where it starts (code points); undefined
   * for none (blank text).
   */
  async statement(highlight = false): Promise<StatementTarget | undefined> {
    const state = this.#current;
    const text = textOf(state.doc);
    const main = state.selection.main;
    if (!main.empty) {
      const sql = state.sliceDoc(main.from, main.to);
      return sql.trim()
        ? { sql, start: toCodePoint(text, main.from), mode: 'selection' }
        : undefined;
    }
    const found = text.trim() ? await this.#statementUnderCursor(state) : undefined;
    if (!found) return undefined;
    if (highlight && this.#current.doc === state.doc) this.#highlight(found.span);
    return {
      sql: text.slice(found.span.from, found.span.to),
      start: found.start,
      mode: 'statement',
    };
  }

  /**
   * Sets what the schema-completion compartment holds (empty until the schema browser
   * gives one, e.g. `[sql({dialect: PostgreSQL, schema}), autocompletion()]`).
   */
  setCompletion(extension: Extension): void {
    this.#completionExtension = extension;
    this.#dispatch({ effects: this.#completion.reconfigure(extension) });
  }

  get #current(): EditorState {
    return this.#view?.state ?? this.#state;
  }

  #dispatch(...specs: TransactionSpec[]): void {
    if (this.#view) this.#view.dispatch(...specs);
    else this.#state = this.#state.update(...specs).state;
  }

  #newState(doc: string): EditorState {
    const actions = {
      runStatement: () => (void this.run('statement'), true),
      runScript: () => (void this.run('script'), true),
      format: () => (void this.format(), true),
      cancel: () => {
        if (!this.running) return false;
        this.dispatchEvent(new CancelEvent());
        return true;
      },
    };
    return EditorState.create({
      doc,
      extensions: editorExtensions(actions, [
        this.#readOnly.of(EditorState.readOnly.of(this.readOnly)),
        this.#completion.of(this.#completionExtension),
        this.#fontTheme.of([]),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const { doc, selection } = update.state;
          this.dispatchEvent(new SqlChangeEvent(doc, selection.main.head));
        }),
      ]),
    });
  }

  /** The statement under the cursor; a splitter that fails is shown as a warning there. */
  async #statementUnderCursor(state: EditorState): Promise<FoundStatement | undefined> {
    const head = state.selection.main.head;
    try {
      return await statementUnderCursor(textOf(state.doc), head, this.splitter);
    } catch (error) {
      if (this.#current.doc === state.doc) {
        const message = `Could not find the statement under the cursor: ${(error as Error).message}`;
        this.#mark(errorSpan(state, head), message, 'warning');
      }
      return undefined;
    }
  }

  #mark(span: Span, message: string, severity: Diagnostic['severity']): void {
    const state = this.#current;
    const diagnostic: Diagnostic = { from: span.from, to: span.to, severity, message };
    this.#dispatch(setDiagnostics(state, [diagnostic]), {
      effects: EditorView.scrollIntoView(span.from, { y: 'nearest' }),
    });
  }

  #highlight(span: Span): void {
    clearTimeout(this.#highlightTimer);
    this.#dispatch({ effects: runHighlight.of(span) });
    this.#highlightTimer = setTimeout(
      () => this.#dispatch({ effects: runHighlight.of(null) }),
      RUN_HIGHLIGHT_MS,
    );
  }
}

customElements.define('tusk-sql-editor', TuskSqlEditor);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-sql-editor': TuskSqlEditor;
  }
}
