import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import {
  defaultKeymap,
  history,
  historyKeymap,
  indentWithTab,
  toggleComment,
} from '@codemirror/commands';
import { PostgreSQL } from '@codemirror/lang-sql';
import { bracketMatching, ensureSyntaxTree, indentOnInput, syntaxTree } from '@codemirror/language';
import { diagnosticCount, setDiagnostics } from '@codemirror/lint';
import {
  highlightSelectionMatches,
  openSearchPanel,
  search,
  searchKeymap,
} from '@codemirror/search';
import {
  EditorState,
  Prec,
  StateEffect,
  StateField,
  type Extension,
  type TransactionSpec,
} from '@codemirror/state';
import {
  Decoration,
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type DecorationSet,
} from '@codemirror/view';
import { sqlEditorLook } from './sql-editor-theme';
import type { Span } from './sql-statements';

/** What the editor's own keys do; each returns true when it handled the key. */
export interface EditorActions {
  /** Ctrl+Enter: the statement under the cursor, or the selection. */
  runStatement(): boolean;
  /** Ctrl+Shift+Enter: the whole script. */
  runScript(): boolean;
  /** Shift+Alt+F: format the statement or the selection. */
  format(): boolean;
  /** Escape: cancel the running query (false when nothing runs: Escape does its usual). */
  cancel(): boolean;
}

/** How long the statement about to run stays highlighted. */
export const RUN_HIGHLIGHT_MS = 500;

/** Shows (a span) or clears (null) the run highlight: the statement about to run. */
export const runHighlight = StateEffect.define<Span | null>();

const runMark = Decoration.mark({ class: 'cm-tusk-run' });

const runHighlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(runHighlight)) continue;
      const span = effect.value;
      next =
        span && span.to > span.from
          ? Decoration.set([runMark.range(span.from, span.to)])
          : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** An error shown with `showError` goes away with the next edit. */
const clearErrorsOnEdit = EditorState.transactionExtender.of((tr) => {
  if (!tr.docChanged || diagnosticCount(tr.startState) === 0) return null;
  return { effects: setDiagnostics(tr.startState, []).effects ?? [] };
});

/** The effects that clear the errors shown (none when none are). */
export function clearErrors(state: EditorState): TransactionSpec {
  return diagnosticCount(state) > 0 ? setDiagnostics(state, []) : {};
}

/** Ctrl+H: the search panel, in its replace field once there is something to find. */
function openReplace(view: EditorView): boolean {
  openSearchPanel(view);
  const panel = view.dom.querySelector('.cm-search');
  const find = panel?.querySelector<HTMLInputElement>('input[name=search]');
  const field = find?.value ? panel?.querySelector<HTMLInputElement>('input[name=replace]') : find;
  field?.focus();
  field?.select();
  return true;
}

/**
 * The editor's extensions, a basicSetup cut to what a SQL editor needs (no folding, no
 * autocompletion yet, no lint gutter): line numbers, active line, history, multiple
 * cursors (Alt+click, Ctrl+D), brackets matched and closed, search and replace at the
 * top, PostgreSQL highlighting, Tusk's theme, the run highlight, errors cleared on edit,
 * and the keys. Ctrl+/ toggles comments and stops there, so the shell's Ctrl+/ (Keyboard
 * shortcuts) does not open while the editor has focus; the run, format and cancel keys
 * stop there too (the host must not act on them twice). `more` goes before the keys.
 */
export function editorExtensions(actions: EditorActions, more: Extension[]): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    EditorView.clickAddsSelectionRange.of((event) => event.altKey),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    PostgreSQL.language,
    sqlEditorLook,
    runHighlightField,
    clearErrorsOnEdit,
    EditorView.contentAttributes.of({ 'aria-label': 'SQL editor' }),
    ...more,
    Prec.highest(
      keymap.of([
        { key: 'Mod-Enter', run: actions.runStatement, stopPropagation: true },
        { key: 'Mod-Shift-Enter', run: actions.runScript, stopPropagation: true },
        { key: 'Shift-Alt-f', run: actions.format, stopPropagation: true },
        { key: 'Escape', run: actions.cancel, stopPropagation: true },
        {
          key: 'Mod-/',
          run: (view) => (toggleComment(view), true),
          preventDefault: true,
          stopPropagation: true,
        },
        { key: 'Mod-h', run: openReplace, preventDefault: true },
      ]),
    ),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      indentWithTab,
    ]),
  ];
}

/**
 * The span an error at UTF-16 offset `at` underlines: the token there (a word, a string, a
 * bracket, an operator), found in the syntax tree or else as a word or one character. At
 * the end of the text or on white space (PostgreSQL's "at end of input"), the token before.
 * With `wholeLine`, the line of `at` (an error the server placed nowhere in its statement).
 */
export function errorSpan(state: EditorState, at: number, wholeLine = false): Span {
  const { doc } = state;
  if (wholeLine) {
    const line = doc.lineAt(Math.max(0, Math.min(at, doc.length)));
    return { from: line.from, to: Math.max(line.to, Math.min(line.from + 1, doc.length)) };
  }
  let pos = Math.max(0, Math.min(at, doc.length));
  const isSpace = (p: number) => /\s/.test(doc.sliceString(p, p + 1));
  if (pos >= doc.length || isSpace(pos)) {
    let back = Math.min(pos, doc.length) - 1;
    while (back >= 0 && isSpace(back)) back -= 1;
    if (back < 0) return { from: pos, to: Math.min(pos + 1, doc.length) };
    pos = back;
  }
  const tree = ensureSyntaxTree(state, Math.min(doc.length, pos + 1000), 50) ?? syntaxTree(state);
  const node = tree.resolveInner(pos, 1);
  if (!node.firstChild && node.from <= pos && pos < node.to && node.to - node.from <= 2000) {
    return { from: node.from, to: node.to };
  }
  const word = state.wordAt(pos);
  if (word) return { from: word.from, to: word.to };
  return { from: pos, to: pos + 1 };
}

/**
 * Calls `changed` when the font size inside `root` changes (the preference's CSS variable
 * or the element's own size): a 1em-wide probe watched by a ResizeObserver. Returns the
 * function that stops watching and removes the probe.
 */
export function watchFontSize(root: ShadowRoot, changed: () => void): () => void {
  const probe = document.createElement('div');
  probe.className = 'font-probe';
  root.append(probe);
  let width = 0;
  const observer = new ResizeObserver(([entry]) => {
    const next = entry?.contentRect.width ?? 0;
    if (next === width) return;
    const first = width === 0;
    width = next;
    if (!first) changed();
  });
  observer.observe(probe);
  return () => {
    observer.disconnect();
    probe.remove();
  };
}
