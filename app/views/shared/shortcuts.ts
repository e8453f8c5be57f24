/** Where a shortcut works: everywhere, or only in the desktop app (a browser keeps it). */
export type ShortcutScope = 'everywhere' | 'desktop' | 'browser';

/** A keyboard shortcut of the workspace. */
export interface Shortcut {
  id: string;
  /** Keys as shown, with `Mod` for Ctrl (Cmd on macOS): `Mod+,`, `Alt+T`. */
  keys: string;
  /** What it does, in the shortcuts dialog and the README. */
  label: string;
  scope: ShortcutScope;
}

/** Every shortcut of the workspace (the README's table says the same). */
export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'connection.new', keys: 'Mod+N', label: 'New connection', scope: 'desktop' },
  { id: 'connection.new', keys: 'Alt+N', label: 'New connection', scope: 'everywhere' },
  { id: 'preferences', keys: 'Mod+,', label: 'Preferences', scope: 'everywhere' },
  { id: 'shortcuts', keys: 'F1', label: 'Keyboard shortcuts', scope: 'everywhere' },
  { id: 'shortcuts', keys: 'Mod+/', label: 'Keyboard shortcuts', scope: 'everywhere' },
  { id: 'sidebar.focus', keys: 'Alt+1', label: 'Focus the connections list', scope: 'everywhere' },
  {
    id: 'sidebar.filter',
    keys: 'Mod+Shift+F',
    label: 'Filter connections and objects',
    scope: 'everywhere',
  },
  { id: 'sidebar.toggle', keys: 'Mod+B', label: 'Show or hide the sidebar', scope: 'everywhere' },
  { id: 'tab.new', keys: 'Mod+T', label: 'New tab', scope: 'desktop' },
  { id: 'tab.new', keys: 'Alt+T', label: 'New tab', scope: 'everywhere' },
  { id: 'tab.close', keys: 'Mod+W', label: 'Close tab', scope: 'desktop' },
  { id: 'tab.close', keys: 'Alt+W', label: 'Close tab', scope: 'everywhere' },
  { id: 'tab.next', keys: 'Alt+PageDown', label: 'Next tab', scope: 'everywhere' },
  { id: 'tab.previous', keys: 'Alt+PageUp', label: 'Previous tab', scope: 'everywhere' },
  { id: 'tab.strip', keys: 'Alt+2', label: 'Focus the tab strip', scope: 'everywhere' },
  { id: 'results.focus', keys: 'Alt+3', label: 'Focus the results', scope: 'everywhere' },
  { id: 'editor.focus', keys: 'Alt+4', label: 'Focus the editor', scope: 'everywhere' },
  {
    id: 'activity',
    keys: 'Alt+A',
    label: 'Server activity of the current connection (sessions, blocking, locks, charts)',
    scope: 'everywhere',
  },
  { id: 'library.save', keys: 'Mod+S', label: 'Save query', scope: 'everywhere' },
  { id: 'library.history', keys: 'Mod+Shift+H', label: 'History', scope: 'everywhere' },
  { id: 'library.saved', keys: 'Alt+O', label: 'Saved queries', scope: 'everywhere' },
  {
    id: 'export',
    keys: 'Mod+Shift+E',
    label: 'Export to a file: the statement at the cursor, the result in focus, or the table shown',
    scope: 'everywhere',
  },
  // The SQL editor's keys (`editor.*`: the "Editor" group), while it has the focus. It keeps
  // Ctrl+/ for comments: Keyboard shortcuts is F1 there.
  {
    id: 'editor.run',
    keys: 'Mod+Enter',
    label: 'Run the statement at the cursor, or the selection',
    scope: 'everywhere',
  },
  {
    id: 'editor.runScript',
    keys: 'Mod+Shift+Enter',
    label: 'Run the whole script',
    scope: 'everywhere',
  },
  // Explain: pgAdmin's keys, in the whole query tab (the page keeps F7 from the browser).
  {
    id: 'editor.explain',
    keys: 'F7',
    label: 'Explain the statement at the cursor, or the selection (its plan, not run)',
    scope: 'everywhere',
  },
  {
    id: 'editor.explainAnalyze',
    keys: 'Shift+F7',
    label: 'Explain Analyze: run it for its actual rows and times, then roll it back',
    scope: 'everywhere',
  },
  { id: 'editor.cancel', keys: 'Escape', label: 'Cancel the running query', scope: 'everywhere' },
  {
    id: 'editor.format',
    keys: 'Shift+Alt+F',
    label: 'Format the statement or the selection',
    scope: 'everywhere',
  },
  {
    id: 'editor.comment',
    keys: 'Mod+/',
    label: 'Comment or uncomment lines (in the editor, instead of Keyboard shortcuts)',
    scope: 'everywhere',
  },
  { id: 'editor.find', keys: 'Mod+F', label: 'Find', scope: 'everywhere' },
  { id: 'editor.replace', keys: 'Mod+H', label: 'Find and replace', scope: 'everywhere' },
  { id: 'editor.findNext', keys: 'F3', label: 'Next match (Shift: previous)', scope: 'everywhere' },
  {
    id: 'editor.selectNext',
    keys: 'Mod+D',
    label: 'Select the next occurrence too (one more cursor)',
    scope: 'everywhere',
  },
  { id: 'editor.addCursor', keys: 'Alt+click', label: 'Add a cursor', scope: 'everywhere' },
  // Completion and go-to-definition (CodeMirror binds Ctrl+Space on every platform).
  {
    id: 'editor.complete',
    keys: 'Ctrl+Space',
    label: 'Complete: columns, tables, functions, keywords (typing a letter or . opens it too)',
    scope: 'everywhere',
  },
  {
    id: 'editor.openObject',
    keys: 'F4',
    label: 'Open the table, view or function under the cursor',
    scope: 'everywhere',
  },
  {
    id: 'editor.openObject',
    keys: 'Mod+click',
    label: 'Open the table, view or function under the cursor',
    scope: 'everywhere',
  },
  { id: 'editor.undo', keys: 'Mod+Z', label: 'Undo', scope: 'everywhere' },
  { id: 'editor.redo', keys: 'Mod+Shift+Z', label: 'Redo', scope: 'everywhere' },
  { id: 'editor.redo', keys: 'Mod+Y', label: 'Redo', scope: 'everywhere' },
  {
    id: 'editor.leave',
    keys: 'Escape Tab',
    label: 'Leave the editor (Tab alone indents)',
    scope: 'everywhere',
  },
];

/** Keys in the sidebar's connection list (shown in the shortcuts dialog). */
export const LIST_KEYS: readonly { keys: string; label: string }[] = [
  { keys: '↑ ↓ Home End', label: 'Move in the connections list' },
  { keys: 'Enter', label: 'Connect (and open a tab)' },
  { keys: 'F2', label: 'Edit the connection' },
  { keys: 'Delete', label: 'Delete the connection (asks first)' },
  { keys: 'Shift+F10 or the Menu key', label: 'To the connection’s actions (toolbar)' },
  { keys: 'Escape', label: 'Close a dialog or menu' },
];

/**
 * Keys on a node of the schema tree (under an open connection in the sidebar; shown in the
 * shortcuts dialog). F2 and Delete act on connections only, never on a schema node.
 */
export const TREE_KEYS: readonly { keys: string; label: string }[] = [
  { keys: '→ ←', label: 'Open or close a node (← on a closed one: to its parent)' },
  { keys: 'Enter', label: 'Open the object’s view (on a folder: open or close it)' },
  { keys: 'Mod+Enter', label: 'Open the first rows (the table’s Data part, run at once)' },
  { keys: 'Shift+Enter', label: 'Show the definition (its DDL in a new query tab)' },
  { keys: 'Mod+C', label: 'Copy the name (quoted where needed)' },
  { keys: 'F5', label: 'Refresh the schema' },
  { keys: 'Shift+F10 or the Menu key', label: 'The node’s menu (all of the above)' },
];

/**
 * Keys of an editable result in the grid (shown in the shortcuts dialog; Enter still opens
 * the cell's whole value).
 */
export const GRID_EDIT_KEYS: readonly { keys: string; label: string }[] = [
  { keys: 'F2 or typing', label: 'Edit the cell (typing replaces its value)' },
  {
    keys: 'Enter or Tab',
    label: 'Set the value being edited (Ctrl+Enter in a multi-line one); Tab moves on',
  },
  { keys: 'Escape', label: 'Leave the cell editor without a change' },
  { keys: 'Mod+0', label: 'Set the selected cells (or the one edited) to NULL' },
  { keys: 'Delete', label: 'Mark the selected rows deleted' },
  { keys: 'Mod+D', label: 'Duplicate the row (its key left to the server)' },
  { keys: 'Mod+Z', label: 'Undo a pending change' },
  { keys: 'Mod+Shift+Z', label: 'Redo a pending change' },
  { keys: 'Mod+Enter', label: 'Apply the pending changes (one transaction)' },
];

/** Keys in a table's data view (the Data part of its object view; in the shortcuts dialog). */
export const DATA_KEYS: readonly { keys: string; label: string }[] = [
  { keys: 'Enter', label: 'Apply the WHERE and ORDER BY (in either box)' },
  { keys: 'Escape', label: 'Put back the applied text (in a box); else cancel the run' },
  { keys: 'F5', label: 'Run the table’s rows again (Reload)' },
  { keys: 'Mod+F', label: 'From the grid to the WHERE box' },
  { keys: 'Alt+S', label: 'Order by the active cell’s column (the ORDER BY, on the server)' },
];

/** True on macOS, where `Mod` is Cmd. */
export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}

/** The keys of a shortcut as this platform shows them (`Mod` → Ctrl or ⌘). */
export function displayKeys(keys: string): string {
  return keys.replace('Mod', isMac() ? '⌘' : 'Ctrl');
}

/** True when `event` is the key combination `keys` (`Mod+Shift+F`, `Alt+1`, `F1`). */
export function matches(event: KeyboardEvent, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.pop()!;
  const want = new Set(parts);
  const mod = isMac() ? event.metaKey : event.ctrlKey;
  if (want.has('Mod') !== mod) return false;
  if (want.has('Shift') !== event.shiftKey) return false;
  if (want.has('Alt') !== event.altKey) return false;
  if (!isMac() && !want.has('Mod') && event.ctrlKey) return false;
  const pressed = event.code.startsWith('Digit') ? event.code.slice(5) : event.key;
  return pressed.toLowerCase() === key.toLowerCase() || event.code === `Key${key.toUpperCase()}`;
}

/** The shortcut id `event` triggers, if any. */
export function shortcutFor(event: KeyboardEvent): string | undefined {
  return SHORTCUTS.find((s) => matches(event, s.keys))?.id;
}
