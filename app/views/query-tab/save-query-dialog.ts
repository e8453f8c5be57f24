import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { RequestError } from '../client';
import { servicesContext, type AppServices } from '../data/app-context';
import type { SavedQuery } from '../data/library-store';
import type { QueryTabState } from '../data/tabs-store';
import { DialogAnswer } from '../shared/dialog-host';
import { dialogStyles } from '../shared/dialog.styles';

const formStyles = css`
  wa-dialog {
    --width: 30rem;
  }
  form {
    display: grid;
    grid-template-columns: 6rem 1fr;
    gap: 8px 10px;
    align-items: center;
  }
  label {
    color: var(--tusk-text-muted);
  }
  input {
    font: inherit;
    height: 26px;
    padding: 0 6px;
    border: 1px solid var(--tusk-border-strong);
    border-radius: var(--tusk-radius);
    background: var(--tusk-bg);
    color: var(--tusk-text);
  }
  input:focus-visible {
    outline: 2px solid var(--tusk-focus);
  }
  .error {
    grid-column: 2;
    margin: 0;
    color: var(--tusk-danger);
    font-size: var(--tusk-font-size-small);
  }
  [slot='footer'] {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
  }
`;

/**
 * "Save query": the tab's SQL saved under a name, in a folder, with tags (the saved
 * query it came from is updated). A name already used in the folder is refused with the
 * backend's message, shown under the fields; nothing is lost. Opened through the dialog
 * host.
 */
export class TuskSaveQueryDialog extends LitElement {
  static override styles = [dialogStyles, formStyles];
  static override properties = { open: { state: true }, error: { state: true } };
  declare open: boolean;
  declare error: string | null;
  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  #tab: QueryTabState | null = null;
  #existing: SavedQuery | undefined;

  constructor() {
    super();
    this.open = false;
    this.error = null;
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  readonly #closed = new DialogAnswer<void>();

  /** Opens it for `tab` (its saved query's name, folder and tags); resolves when closed. */
  show(tab: QueryTabState): Promise<void> {
    void this.#open(tab);
    return this.#closed.wait();
  }

  async #open(tab: QueryTabState): Promise<void> {
    this.#tab = tab;
    this.error = null;
    await this.#app.library.listSaved();
    this.#existing = this.#app.library.value.saved.find((q) => q.id === tab.savedQueryId);
    this.open = true;
    await this.updateComplete;
    const name = this.renderRoot.querySelector('#name') as HTMLInputElement;
    name.value = this.#existing?.name ?? tab.title;
    (this.renderRoot.querySelector('#folder') as HTMLInputElement).value =
      this.#existing?.folder ?? '';
    (this.renderRoot.querySelector('#tags') as HTMLInputElement).value = (
      this.#existing?.tags ?? []
    ).join(', ');
    name.focus();
    name.select();
  }

  async #save(event?: Event): Promise<void> {
    event?.preventDefault();
    const tab = this.#tab;
    if (!tab) return;
    const value = (id: string) =>
      (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement).value.trim();
    const name = value('name');
    if (!name) {
      this.error = 'Name is empty';
      return;
    }
    const tags = value('tags')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    try {
      const saved = await this.#app.library.save({
        ...(this.#existing ? { id: this.#existing.id } : {}),
        name,
        sql: this.#app.tabs.byId(tab.id)?.sql ?? tab.sql,
        ...(value('folder') ? { folder: value('folder') } : {}),
        tags,
        connectionId: tab.connectionId,
      });
      await this.#app.tabs.linkSaved(tab.id, saved.id, saved.name);
      this.open = false;
    } catch (error) {
      this.error = error instanceof RequestError ? error.info.message : String(error);
    }
  }

  override render() {
    return html`<wa-dialog
      label="Save query"
      ?open=${this.open}
      @wa-after-hide=${(e: Event) => {
        if (e.target !== e.currentTarget) return;
        this.open = false;
        this.#closed.settle();
      }}
    >
      <form @submit=${(e: Event) => void this.#save(e)}>
        <label for="name">Name</label><input id="name" autocomplete="off" />
        <label for="folder">Folder</label
        ><input id="folder" autocomplete="off" placeholder="none" /> <label for="tags">Tags</label
        ><input id="tags" autocomplete="off" placeholder="comma-separated" />
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button type="submit" hidden></button>
      </form>
      <div slot="footer">
        <wa-button size="s" appearance="outlined" @click=${() => (this.open = false)}
          >Cancel</wa-button
        >
        <wa-button size="s" variant="brand" @click=${() => void this.#save()}>Save</wa-button>
      </div>
    </wa-dialog>`;
  }
}

customElements.define('tusk-save-query-dialog', TuskSaveQueryDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-save-query-dialog': TuskSaveQueryDialog;
  }
  interface TuskDialogs {
    'tusk-save-query-dialog': { params: QueryTabState; answer: void };
  }
}
