import { css } from 'lit';

/**
 * The element's box and CodeMirror's search panel in Tusk's form style. The editor's own
 * look (colours, gutter, syntax) is the CodeMirror theme in `sql-editor-theme.ts`.
 */
export const sqlEditorStyles = css`
  :host {
    display: block;
    position: relative;
    height: 100%;
    min-height: 0;
    overflow: hidden;
    font-size: var(--tusk-editor-font-size, var(--tusk-font-size));
    background: var(--tusk-bg);
  }
  .cm-editor {
    height: 100%;
  }
  /* 1em wide: resizes when the font size does, so CodeMirror measures its lines again. */
  .font-probe {
    position: absolute;
    width: 1em;
    height: 0;
    visibility: hidden;
    pointer-events: none;
  }
  .cm-panel.cm-search {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 6px;
    padding: 5px 30px 5px 8px;
  }
  .cm-panel.cm-search br {
    flex-basis: 100%;
    content: '';
  }
  .cm-panel.cm-search input.cm-textfield,
  .cm-panel.cm-search button.cm-button {
    box-sizing: border-box;
    height: 24px;
    margin: 0;
    padding: 0 8px;
    font: inherit;
    color: var(--tusk-text);
    background: var(--tusk-bg-raised);
    background-image: none;
    border: 1px solid var(--tusk-border-strong);
    border-radius: var(--tusk-radius);
  }
  .cm-panel.cm-search input.cm-textfield {
    width: 16rem;
  }
  .cm-panel.cm-search button.cm-button:hover {
    background: var(--tusk-bg-hover);
  }
  .cm-panel.cm-search input.cm-textfield:focus,
  .cm-panel.cm-search button.cm-button:focus-visible,
  .cm-panel.cm-search button[name='close']:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: -1px;
  }
  .cm-panel.cm-search label {
    display: inline-flex;
    align-items: center;
    gap: 3px;
    font-size: inherit;
    color: var(--tusk-text-muted);
  }
  .cm-panel.cm-search button[name='close'] {
    top: 5px;
    right: 6px;
    width: 22px;
    height: 22px;
    padding: 0;
    font-size: 16px;
    line-height: 1;
    color: var(--tusk-text-muted);
    border-radius: var(--tusk-radius);
  }
  .cm-panel.cm-search button[name='close']:hover {
    color: var(--tusk-text);
    background: var(--tusk-bg-hover);
  }
`;
