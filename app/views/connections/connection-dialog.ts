import { ContextConsumer } from '@lit/context';
import { html, LitElement } from 'lit';
import type WaDialog from '@awesome.me/webawesome/dist/components/dialog/dialog.js';
import type WaInput from '@awesome.me/webawesome/dist/components/input/input.js';
import { servicesContext } from '../data/app-context';
import { DialogAnswer } from '../shared/dialog-host';
import type { SavedConnection } from '../data/connections-store';
import type { ConnectionDialogRequest } from '../events';
import { keychainState, type KeychainState } from './connect-flow';
import { connectionDialogStyles } from './connection-dialog.styles';
import { connectForm, testForm, type FormActionContext } from './connection-form-actions';
import { checkForm } from './connection-form-checks';
import {
  emptyForm,
  formForCopy,
  formFromSaved,
  formWithUrl,
  toSaveInput,
  type ConnectionForm,
  type FieldErrors,
  type FieldName,
} from './connection-form-model';
import { failureOf, renderOutcome, type Outcome } from './connection-form-outcome';
import {
  renderAdvanced,
  renderGeneral,
  renderSsh,
  renderSsl,
  type FormView,
} from './connection-form-sections';
import { isPostgresUrl } from './connection-form-url';
import { renderFooter, type Busy } from './connection-dialog-parts';

declare global {
  interface HTMLElementTagNameMap {
    'tusk-connection-dialog': TuskConnectionDialog;
  }
  interface TuskDialogs {
    'tusk-connection-dialog': { params: ConnectionDialogRequest; answer: void };
  }
}

const TITLES = {
  new: 'New connection',
  edit: 'Edit connection',
  duplicate: 'Duplicate connection',
};

/**
 * The connection dialog: every field of a saved connection (General, SSL, SSH tunnel,
 * Advanced), a pasted `postgres://` URL filling them, messages next to the fields (checked
 * before sending, and the backend's `validation` errors), "Test connection" (server
 * version, TLS, latency, or the failure with its hint and stage; an SSH server's host key
 * asked for on first use), "Save", "Connect" (save, then connect; a failure stays in the
 * dialog) and "Cancel". Enter in a field saves; Escape closes; focus starts on Name.
 * Opened through the dialog host (`showDialog`).
 */
export class TuskConnectionDialog extends LitElement {
  static override styles = connectionDialogStyles;
  static override properties = {
    mode: { state: true },
    form: { state: true },
    errors: { state: true },
    outcome: { state: true },
    busy: { state: true },
    keychain: { state: true },
    urlNote: { state: true },
  };
  declare mode: ConnectionDialogRequest['mode'];
  declare form: ConnectionForm;
  declare errors: FieldErrors;
  declare outcome: Outcome | null;
  declare busy: Busy;
  declare keychain: KeychainState;
  declare urlNote: FormView['urlNote'];

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  /** The saved connection the form edits (after a first save, also in "new" mode). */
  #saved: SavedConnection | undefined;
  /** Saved by "Test connection" through SSH before the user saved: deleted on Cancel. */
  #draftId: string | null = null;
  #closing: 'saved' | null = null;

  constructor() {
    super();
    this.mode = 'new';
    this.form = emptyForm();
    this.errors = {};
    this.outcome = null;
    this.busy = null;
    this.keychain = { available: true };
    this.urlNote = null;
  }

  readonly #closed = new DialogAnswer<void>();

  /** Opens it for a new connection, or to edit or copy the saved one `request.id`; resolves when closed. */
  show(request: ConnectionDialogRequest = { mode: 'new' }): Promise<void> {
    void this.#open(request);
    return this.#closed.wait();
  }

  async #open(request: ConnectionDialogRequest): Promise<void> {
    const services = this.#services.value;
    const saved = request.id ? services?.connections.byId(request.id) : undefined;
    const mode = saved ? request.mode : 'new';
    this.mode = mode;
    this.#saved = mode === 'edit' ? saved : undefined;
    this.#draftId = null;
    this.#closing = null;
    this.errors = {};
    this.outcome = null;
    this.busy = null;
    this.urlNote = null;
    this.form =
      saved && mode === 'edit'
        ? formFromSaved(saved)
        : saved && mode === 'duplicate'
          ? { ...formForCopy(saved), remember: this.keychain.available }
          : emptyForm(this.keychain.available);
    if (saved?.ephemeral && mode === 'edit') {
      this.outcome = {
        kind: 'note',
        text: `“${saved.name}” exists for this run only and cannot be changed: duplicate it to keep a copy.`,
      };
    }
    // The keychain's state comes when the backend answers: the dialog does not wait for it
    // (the socket may be reconnecting), it starts with the last state known.
    if (services) {
      void keychainState(services).then((keychain) => {
        this.keychain = keychain;
        if (!keychain.available) this.form = { ...this.form, remember: false };
      });
    }
    await this.updateComplete;
    this.#dialog().open = true;
  }

  /** Closes the dialog (as Cancel does). */
  close(): void {
    this.#dialog().open = false;
  }

  #dialog(): WaDialog {
    return this.renderRoot.querySelector('wa-dialog')!;
  }

  #set<K extends FieldName>(field: K, value: ConnectionForm[K]): void {
    this.form = { ...this.form, [field]: value };
    if (this.errors[field]) {
      const errors = { ...this.errors };
      delete errors[field];
      this.errors = errors;
    }
    if (field === 'host' && typeof value === 'string' && isPostgresUrl(value)) return;
    if (this.outcome?.kind !== 'busy') this.outcome = null;
  }

  #fillFromUrl(text: string): boolean {
    const filled = formWithUrl(this.form, text);
    if (!filled) return false;
    this.form = filled.form;
    this.urlNote = filled.note;
    if (!filled.note.error) {
      this.errors = {};
      const url = this.renderRoot.querySelector<WaInput>('wa-input[data-field=url]');
      if (url) url.value = '';
    }
    return true;
  }

  /** Shows a failure: next to its fields when it is a validation error, else below them. */
  #fail(error: unknown): void {
    const { errors, outcome } = failureOf(error);
    this.errors = errors;
    this.outcome = outcome;
    if (Object.keys(errors).length > 0) void this.#focusFirstError();
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }

  /** Runs the checks made before sending; false (messages shown) when one fails. */
  #check(forTest = false): boolean {
    const errors = checkForm(this.form, forTest);
    this.errors = errors;
    if (Object.keys(errors).length === 0) return true;
    this.outcome = null;
    void this.#focusFirstError();
    return false;
  }

  /** Saves the form (creates or changes); resolves with the stored connection, or null. */
  async #persist(): Promise<SavedConnection | null> {
    const services = this.#services.value;
    if (!services || !this.#check()) return null;
    if (this.#saved?.ephemeral) return this.#saved;
    try {
      const saved = await services.connections.save(
        toSaveInput(this.form, this.#saved, this.keychain.available),
      );
      this.#saved = saved;
      this.form = { ...this.form, sshHostKey: saved.sshTunnel?.hostKey ?? null };
      return saved;
    } catch (error) {
      this.#fail(error);
      return null;
    }
  }

  async #run(busy: Exclude<Busy, null>, text: string, work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = busy;
    this.outcome = { kind: 'busy', text };
    try {
      await work();
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = null;
      if (this.outcome?.kind === 'busy') this.outcome = null;
    }
  }

  #context(): FormActionContext | null {
    const services = this.#services.value;
    if (!services) return null;
    return {
      host: this,
      services,
      form: this.form,
      saved: this.#saved,
      persist: () => this.#persist(),
    };
  }

  readonly #test = () =>
    void this.#run('test', 'Testing the connection…', async () => {
      const context = this.#context();
      if (!context || !this.#check(true)) return;
      const wasNew = !this.#saved;
      try {
        const result = await testForm(context).finally(() => {
          // Testing through SSH saved a new connection: a draft until Save, deleted on Cancel.
          if (wasNew && this.#saved) this.#draftId = this.#saved.id;
        });
        if (result === undefined) return;
        if (result === null) {
          this.outcome = { kind: 'note', text: 'Not tested: the SSH host key was not trusted.' };
          return;
        }
        if (result.sshHostKey) this.form = { ...this.form, sshHostKey: result.sshHostKey };
        this.outcome = { kind: 'tested', result };
      } catch (error) {
        this.#fail(error);
      }
    });

  readonly #save = () =>
    void this.#run('save', 'Saving…', async () => {
      if (await this.#persist()) this.#closeSaved();
    });

  readonly #connect = () =>
    void this.#run('connect', 'Connecting…', async () => {
      const context = this.#context();
      if (!context) return;
      try {
        const status = await connectForm(context);
        if (status === undefined) return;
        if (status === null) {
          this.outcome = { kind: 'note', text: 'Not connected: the SSH host key was not trusted.' };
          return;
        }
        this.#closeSaved();
      } catch (error) {
        this.#fail(error);
      }
    });

  #closeSaved(): void {
    this.#draftId = null;
    this.#closing = 'saved';
    this.close();
  }

  /** Enter in a text field saves (the URL field fills the form instead). */
  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    if (target.localName !== 'wa-input' || target.dataset['field'] === 'url') return;
    event.preventDefault();
    void this.#save();
  };

  readonly #onAfterHide = (event: Event) => {
    if (event.target !== event.currentTarget) return;
    const draft = this.#draftId;
    this.#draftId = null;
    if (draft && this.#closing !== 'saved') void this.#services.value?.connections.delete(draft);
    this.outcome = null;
    this.#closed.settle();
  };

  override updated(): void {
    // The field's own <input> carries aria-invalid (the host's attribute does not reach it).
    for (const el of this.renderRoot.querySelectorAll<WaInput>('wa-input[data-field]')) {
      void el.updateComplete.then(() =>
        el.input?.setAttribute('aria-invalid', el.getAttribute('aria-invalid') ?? 'false'),
      );
    }
  }

  override render() {
    const view: FormView = {
      form: this.form,
      errors: this.errors,
      keychain: this.keychain,
      saved: this.#saved,
      colors: true,
      urlNote: this.urlNote,
      set: (field, value) => this.#set(field, value),
      fillFromUrl: (text) => this.#fillFromUrl(text),
    };
    const title =
      this.mode === 'edit' && this.#saved
        ? `${TITLES.edit}: ${this.#saved.name}`
        : TITLES[this.mode];
    return html`<wa-dialog class="connection" label=${title} @wa-after-hide=${this.#onAfterHide}>
      <div class="form" @keydown=${this.#onKeydown}>
        ${renderGeneral(view)} ${renderSsl(view)} ${renderSsh(view)} ${renderAdvanced(view)}
      </div>
      <div class="status" role="status" aria-live="polite">${renderOutcome(this.outcome)}</div>
      ${renderFooter({
        busy: this.busy,
        saveable: this.#saved?.ephemeral !== true,
        test: this.#test,
        cancel: () => this.close(),
        connect: this.#connect,
        save: this.#save,
      })}
    </wa-dialog>`;
  }
}

customElements.define('tusk-connection-dialog', TuskConnectionDialog);
