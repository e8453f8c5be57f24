import { html, LitElement, nothing } from 'lit';
import {
  displayKeys,
  GRID_EDIT_KEYS,
  LIST_KEYS,
  SHORTCUTS,
  TREE_KEYS,
  DATA_KEYS,
  type Shortcut,
  type ShortcutScope,
} from '../shared/shortcuts';
import { DialogAnswer } from '../shared/dialog-host';
import { dialogStyles } from '../shared/dialog.styles';
import { shortcutsDialogStyles } from './shortcuts-dialog.styles';

/** Where a key works, when not everywhere. */
const SCOPES: Record<ShortcutScope, string | undefined> = {
  everywhere: undefined,
  desktop: 'desktop app only',
  browser: 'browser only',
};

/** Group titles by the first part of a shortcut's id (`sidebar.focus` → Sidebar). */
const AREA_TITLES: Record<string, string> = {
  '': 'General',
  connection: 'Connections',
  sidebar: 'Sidebar',
};

function areaOf(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? '' : id.slice(0, dot);
}

/** {@link SHORTCUTS} by area: General first, then in the order they are listed. */
function areas(): { title: string; shortcuts: Shortcut[] }[] {
  const byArea = new Map<string, Shortcut[]>([['', []]]);
  for (const s of SHORTCUTS) {
    const area = areaOf(s.id);
    byArea.set(area, [...(byArea.get(area) ?? []), s]);
  }
  return [...byArea].map(([area, shortcuts]) => ({
    title: AREA_TITLES[area] ?? area.charAt(0).toUpperCase() + area.slice(1),
    shortcuts,
  }));
}

/** One action with every key combination that does it. */
interface Entry {
  label: string;
  keys: { keys: string; scope: ShortcutScope }[];
}

/** Shortcuts with the same id and label in one entry, in the order of {@link SHORTCUTS}. */
function entries(shortcuts: readonly Shortcut[]): Entry[] {
  const byAction = new Map<string, Entry>();
  for (const s of shortcuts) {
    const key = `${s.id}\n${s.label}`;
    const entry = byAction.get(key) ?? { label: s.label, keys: [] };
    entry.keys.push({ keys: s.keys, scope: s.scope });
    byAction.set(key, entry);
  }
  return [...byAction.values()];
}

/**
 * Keys as `<kbd>`: a combination (`Mod+Shift+F`) as nested kbd, the platform's names
 * (Ctrl or ⌘); several keys (`↑ ↓ Home End`) each their own; `A or B` as alternatives;
 * "the Menu key" as Menu.
 */
export function renderKeys(keys: string) {
  const alternatives = keys.split(' or ').map((alt) => alt.replace(/^the (.+) key$/, '$1'));
  return alternatives.map((alt, i) => {
    const single = alt.includes('+') ? [alt] : alt.split(' ');
    return html`${i > 0 ? html`<span class="or">or</span>` : nothing}${single.map(
      (combo) =>
        html`<kbd class="combo"
          >${displayKeys(combo)
            .split('+')
            .map((k, j) => html`${j > 0 ? '+' : ''}<kbd>${k}</kbd>`)}</kbd
        >`,
    )}`;
  });
}

/**
 * "Keyboard shortcuts": every shortcut of the workspace by area, each with where it works
 * (everywhere, desktop app only, browser only), and the keys of the connections list.
 * Opened through the dialog host (F1, Ctrl+/).
 */
export class TuskShortcutsDialog extends LitElement {
  static override styles = [dialogStyles, shortcutsDialogStyles];
  static override properties = { open: { state: true } };
  declare open: boolean;

  constructor() {
    super();
    this.open = false;
  }

  readonly #closed = new DialogAnswer<void>();

  /** Opens the dialog; resolves when it is closed. */
  show(): Promise<void> {
    this.open = true;
    return this.#closed.wait();
  }

  #renderEntry(entry: Entry) {
    return html`<tr>
      <th scope="row">${entry.label}</th>
      <td>
        ${entry.keys.map(
          (k, i) =>
            html`${i > 0 ? html`<span class="or">or</span>` : nothing}<span class="keys"
                >${renderKeys(k.keys)}${
                  SCOPES[k.scope] ? html`<span class="scope">(${SCOPES[k.scope]})</span>` : nothing
                }</span
              >`,
        )}
      </td>
    </tr>`;
  }

  #renderTable(title: string, rows: Entry[]) {
    if (!rows.length) return nothing;
    const id = `keys-${title.toLowerCase().replace(/\W+/g, '-')}`;
    return html`<h3 id=${id}>${title}</h3>
      <table aria-labelledby=${id}>
        <tbody>
          ${rows.map((r) => this.#renderEntry(r))}
        </tbody>
      </table>`;
  }

  override render() {
    const scoped = SHORTCUTS.some((s) => s.scope !== 'everywhere');
    return html`<wa-dialog
      label="Keyboard shortcuts"
      light-dismiss
      ?open=${this.open}
      @wa-after-hide=${(e: Event) => {
        if (e.target !== e.currentTarget) return;
        this.open = false;
        this.#closed.settle();
      }}
    >
      ${areas().map((area) => this.#renderTable(area.title, entries(area.shortcuts)))}
      ${this.#renderTable(
        'Connections list',
        LIST_KEYS.map((k) => ({ label: k.label, keys: [{ keys: k.keys, scope: 'everywhere' }] })),
      )}
      ${this.#renderTable(
        'Schema tree',
        TREE_KEYS.map((k) => ({ label: k.label, keys: [{ keys: k.keys, scope: 'everywhere' }] })),
      )}
      ${this.#renderTable(
        'Editing rows in the result grid',
        GRID_EDIT_KEYS.map((k) => ({
          label: k.label,
          keys: [{ keys: k.keys, scope: 'everywhere' }],
        })),
      )}
      ${this.#renderTable(
        'Table data',
        DATA_KEYS.map((k) => ({ label: k.label, keys: [{ keys: k.keys, scope: 'everywhere' }] })),
      )}
      ${
        scoped
          ? html`<p class="note">
              Keys marked “desktop app only” are kept by the browser in browser mode; use the other
              keys listed.
            </p>`
          : nothing
      }
    </wa-dialog>`;
  }
}

customElements.define('tusk-shortcuts-dialog', TuskShortcutsDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-shortcuts-dialog': TuskShortcutsDialog;
  }
  interface TuskDialogs {
    'tusk-shortcuts-dialog': { params: void; answer: void };
  }
}
