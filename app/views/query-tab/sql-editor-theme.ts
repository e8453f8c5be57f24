import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * The SQL editor's look from Tusk's tokens only (`var(--tusk-…)`), so light and dark follow
 * the `wa-dark` class on `<html>` with no reconfiguration: a quiet palette after DataGrip's
 * (see {@link sqlHighlightStyle}), a gutter on the
 * editor's own background, the active line barely tinted. Every image CodeMirror's base
 * themes draw with a `data:` SVG (the lint underline) is replaced: the page's CSP loads
 * images from Tusk's own address only.
 */
export const sqlEditorTheme = EditorView.theme({
  '&': {
    height: '100%',
    fontSize: 'inherit',
    color: 'var(--tusk-text)',
    backgroundColor: 'var(--tusk-bg)',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: 'var(--tusk-font-code)',
    lineHeight: '1.4',
  },
  '.cm-content': {
    padding: '4px 0',
    caretColor: 'var(--tusk-text)',
  },
  '.cm-line': { padding: '0 12px 0 6px' },
  '.cm-cursor, .cm-dropCursor': {
    borderLeft: '2px solid var(--tusk-text)',
    marginLeft: '-1px',
  },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: 'var(--tusk-bg-selected)' },
  '.cm-activeLine': { backgroundColor: 'var(--tusk-bg-sidebar)' },
  '.cm-gutters': {
    backgroundColor: 'var(--tusk-bg)',
    color: 'var(--tusk-text-faint)',
    border: 'none',
  },
  '.cm-lineNumbers .cm-gutterElement': {
    padding: '0 6px 0 14px',
    minWidth: '3ch',
  },
  '.cm-activeLineGutter': {
    backgroundColor: 'var(--tusk-bg-sidebar)',
    color: 'var(--tusk-text-muted)',
  },
  '&.cm-focused .cm-matchingBracket': {
    backgroundColor: 'var(--tusk-bg-hover)',
    outline: '1px solid var(--tusk-border-strong)',
  },
  '&.cm-focused .cm-nonmatchingBracket': {
    backgroundColor: 'var(--tusk-danger-bg)',
    color: 'var(--tusk-danger)',
  },
  '.cm-selectionMatch': { backgroundColor: 'var(--tusk-bg-hover)' },
  '.cm-searchMatch': {
    backgroundColor: 'var(--tusk-warning-bg)',
    outline: '1px solid var(--tusk-warning)',
  },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--tusk-bg-selected)' },
  // The statement about to run, for a moment.
  '.cm-tusk-run': { backgroundColor: 'var(--tusk-info-bg)' },
  // The error of a failed run: a wavy line in the danger colour (no data: image).
  '.cm-lintRange': { backgroundImage: 'none', paddingBottom: '0' },
  '.cm-lintRange-error, .cm-lintRange-warning, .cm-lintRange-info, .cm-lintRange-hint': {
    backgroundImage: 'none',
    textDecorationLine: 'underline',
    textDecorationStyle: 'wavy',
    textDecorationThickness: '1px',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
  '.cm-lintRange-error': { textDecorationColor: 'var(--tusk-danger)' },
  '.cm-lintRange-warning': { textDecorationColor: 'var(--tusk-warning)' },
  '.cm-lintRange-info, .cm-lintRange-hint': { textDecorationColor: 'var(--tusk-text-muted)' },
  '.cm-lintRange-active': { backgroundColor: 'var(--tusk-danger-bg)' },
  '.cm-lintPoint:after': { borderBottomColor: 'var(--tusk-danger)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--tusk-bg-raised)',
    color: 'var(--tusk-text)',
    border: '1px solid var(--tusk-border-strong)',
    borderRadius: 'var(--tusk-radius)',
    boxShadow: '0 2px 8px rgb(0 0 0 / 0.18)',
    fontFamily: 'var(--tusk-font-ui)',
    fontSize: 'var(--tusk-font-size)',
  },
  '.cm-diagnostic': { padding: '4px 8px', maxWidth: '60ch' },
  // Completion: a dense list in the code font, the kind as a faint tag, the detail muted.
  '.cm-tooltip.cm-tooltip-autocomplete > ul': {
    fontFamily: 'var(--tusk-font-code)',
    maxHeight: '14em',
    minWidth: '22em',
    maxWidth: '60ch',
  },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li': {
    padding: '1px 10px 1px 6px',
    lineHeight: '1.45',
  },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--tusk-bg-selected)',
    color: 'var(--tusk-text)',
  },
  '.cm-tusk-kind': {
    display: 'inline-block',
    width: '6ch',
    color: 'var(--tusk-text-faint)',
    fontFamily: 'var(--tusk-font-ui)',
    fontSize: 'var(--tusk-font-size-small)',
  },
  '.cm-completionDetail': {
    color: 'var(--tusk-text-muted)',
    fontStyle: 'normal',
    marginLeft: '1.5em',
    float: 'right',
  },
  '.cm-completionMatchedText': { textDecoration: 'none', fontWeight: '600' },
  // Hover on a name: what it is, in the code font, and how to open it.
  '.cm-tusk-symbol': { padding: '4px 8px', maxWidth: '80ch', fontFamily: 'var(--tusk-font-code)' },
  '.cm-tusk-symbol-hint': {
    marginTop: '2px',
    color: 'var(--tusk-text-faint)',
    fontFamily: 'var(--tusk-font-ui)',
    fontSize: 'var(--tusk-font-size-small)',
  },
  '.cm-diagnostic-error': { borderLeft: '3px solid var(--tusk-danger)' },
  '.cm-diagnostic-warning': { borderLeft: '3px solid var(--tusk-warning)' },
  '.cm-panels': {
    backgroundColor: 'var(--tusk-bg-sidebar)',
    color: 'var(--tusk-text)',
    fontFamily: 'var(--tusk-font-ui)',
    fontSize: 'var(--tusk-font-size-small)',
  },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--tusk-border)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--tusk-border)' },
});

/**
 * A colour for light and one for dark, picked by the `color-scheme` Web Awesome's themes
 * set with `wa-dark` (so still no reconfiguration), muted toward the text colour.
 */
function lightDark(light: string, dark: string, share = 80): string {
  const calm = (token: string) =>
    `color-mix(in srgb, var(--tusk-${token}) ${share}%, var(--tusk-text))`;
  return `light-dark(${calm(light)}, ${calm(dark)})`;
}

/**
 * Syntax colours after DataGrip's: keywords and types navy in light, orange in dark;
 * strings green, numbers teal, comments faint and italic, the rest the text colour.
 */
export const sqlHighlightStyle = HighlightStyle.define([
  {
    tag: [t.keyword, t.typeName, t.bool, t.null],
    color: lightDark('conn-blue', 'conn-orange', 75),
  },
  { tag: t.string, color: lightDark('conn-green', 'conn-green', 90) },
  { tag: t.number, color: lightDark('conn-teal', 'conn-teal', 90) },
  { tag: t.standard(t.name), color: lightDark('conn-purple', 'conn-blue') },
  { tag: t.special(t.name), color: lightDark('conn-orange', 'conn-purple') },
  { tag: [t.lineComment, t.blockComment], color: 'var(--tusk-text-faint)', fontStyle: 'italic' },
  { tag: [t.operator, t.punctuation], color: 'var(--tusk-text-muted)' },
  { tag: t.invalid, color: 'var(--tusk-danger)' },
]);

/** The theme and the highlighting together. */
export const sqlEditorLook = [sqlEditorTheme, syntaxHighlighting(sqlHighlightStyle)];
