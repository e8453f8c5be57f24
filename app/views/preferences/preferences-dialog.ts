import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ErrorInfo } from '../../controllers/api';
import { RequestError } from '../client';
import { servicesContext } from '../data/app-context';
import type { Preferences } from '../data/preferences-store';
import { applyTheme, type ThemeChoice } from '../shared/theme';
import {
  checkField,
  fieldErrors,
  LOG_LEVEL_LABELS,
  NUMBER_FIELDS,
  type NumberField,
} from './preference-fields';
import {
  checkAll,
  draftChanges,
  GROUPS,
  THEMES,
  toDraft,
  type Draft,
  type Errors,
  type Row,
} from './preferences-draft';
import { DialogAnswer } from '../shared/dialog-host';
import { dialogStyles } from '../shared/dialog.styles';
import { preferencesDialogStyles } from './preferences-dialog.styles';

/**
 * The preferences dialog: every preference of `preferences.get`, grouped (Appearance,
 * Connections, Results, History & logs), numbers in the units people think in (seconds,
 * MB). "Save" sends what changed through the preferences store; the backend validates it
 * whole, and its `validation` error is shown next to each field it names (aria-invalid),
 * nothing saved. The view checks each box as it is left, in the same words. The theme
 * previews at once and is put back by "Cancel", Escape or the close button. Opened
 * through the dialog host (Ctrl+, / ⌘,).
 */
export class TuskPreferencesDialog extends LitElement {
  static override styles = [dialogStyles, preferencesDialogStyles];
  static override properties = {
    open: { state: true },
    draft: { state: true },
    errors: { state: true },
    problem: { state: true },
    saving: { state: true },
  };
  declare open: boolean;
  declare draft: Draft | undefined;
  declare errors: Errors;
  /** A failure that names no field: the request failed, or the backend named something else. */
  declare problem: ErrorInfo | undefined;
  declare saving: boolean;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  /** Stops the theme preview (it may follow the OS while "System" is chosen). */
  #stopPreview: (() => void) | undefined;

  constructor() {
    super();
    this.open = false;
    this.draft = undefined;
    this.errors = {};
    this.problem = undefined;
    this.saving = false;
  }

  readonly #closed = new DialogAnswer<void>();

  /** Opens the dialog on the preferences as they are saved now; resolves when it is closed. */
  show(): Promise<void> {
    // Ctrl+, again keeps what is being edited.
    if (!this.#closed.pending) void this.#open();
    return this.#closed.wait();
  }

  async #open(): Promise<void> {
    const store = this.#services.value?.preferences;
    if (!store) return;
    this.errors = {};
    this.problem = undefined;
    this.saving = false;
    try {
      this.draft = toDraft(store.value ?? (await store.load()));
    } catch (error) {
      this.draft = undefined;
      this.problem = infoOf(error);
    }
    this.open = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#endPreview(false);
  }

  #setTheme(theme: ThemeChoice): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, theme };
    this.#stopPreview?.();
    this.#stopPreview = applyTheme(theme);
  }

  /** Ends the theme preview; unless saved, the saved theme is shown again. */
  #endPreview(saved: boolean): void {
    if (!this.#stopPreview) return;
    this.#stopPreview();
    this.#stopPreview = undefined;
    // Applied once and not followed: the shell itself follows the OS for "System".
    if (!saved) applyTheme(this.#services.value?.preferences.value?.theme ?? 'system')();
  }

  #input(field: NumberField, text: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, numbers: { ...this.draft.numbers, [field.key]: text } };
    // A message goes away as soon as the value is right; a new one waits for the box to be left.
    if (this.errors[field.key] && !checkField(field, text)) this.#setError(field.key, undefined);
  }

  #setError(row: Row, message: string | undefined): void {
    const errors = { ...this.errors };
    if (message) errors[row] = message;
    else delete errors[row];
    this.errors = errors;
  }

  async #save(): Promise<void> {
    const store = this.#services.value?.preferences;
    const draft = this.draft;
    if (!store?.value || !draft || this.saving) return;
    const changes = draftChanges(store.value, draft);
    if (!changes) {
      // A box without a number cannot be sent; the ranges are the backend's to judge.
      this.errors = checkAll(draft);
      this.problem = undefined;
      void this.#focusFirstError();
      return;
    }
    this.problem = undefined;
    if (Object.keys(changes).length === 0) return this.#close(true);
    this.saving = true;
    try {
      await store.update(changes);
      this.errors = {};
      this.#close(true);
    } catch (error) {
      const info = infoOf(error);
      if (info.kind === 'validation') {
        const { fields, other } = fieldErrors(info, draft.numbers);
        this.errors = fields;
        if (other.length) this.problem = { ...info, detail: other.join('\n') };
        void this.#focusFirstError();
      } else {
        this.problem = info;
      }
    } finally {
      this.saving = false;
    }
  }

  #close(saved: boolean): void {
    this.#endPreview(saved);
    this.open = false;
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** Escape, the close button and "Cancel" all end here (wa-select's own wa-hide too: ignored). */
  #onHide(event: Event): void {
    if (event.target !== event.currentTarget) return;
    this.#close(false);
  }

  #renderNumber(field: NumberField, draft: Draft) {
    const error = this.errors[field.key];
    const id = `pref-${field.key}`;
    const range = `${field.min / field.scale} to ${field.max / field.scale}`;
    return html`<div class="row" data-pref=${field.key}>
      <label for=${id}>${field.label}</label>
      <span class="control">
        <input
          id=${id}
          type="number"
          step=${field.scale === 1 ? 1 : 'any'}
          min=${field.min / field.scale}
          max=${field.max / field.scale}
          .value=${live(draft.numbers[field.key])}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="${id}-unit ${id}-hint ${id}-error"
          @input=${(e: Event) => this.#input(field, (e.target as HTMLInputElement).value)}
          @change=${(e: Event) =>
            this.#setError(field.key, checkField(field, (e.target as HTMLInputElement).value))}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') void this.#save();
          }}
        />
        <span class="unit" id="${id}-unit">${field.unit}</span>
      </span>
      <span class="hint" id="${id}-hint" title="${field.hint ? `${field.hint}; ` : ''}from ${range}"
        >${field.hint ?? nothing}</span
      >
      ${error ? this.#renderError(`${id}-error`, error) : nothing}
    </div>`;
  }

  #renderError(id: string, message: string) {
    return html`<p class="error" id=${id} data-test="field-error">
      <wa-icon name="error" aria-hidden="true"></wa-icon><span>${message}</span>
    </p>`;
  }

  #renderTheme(draft: Draft) {
    return html`<wa-radio-group
        class="row choice"
        data-pref="theme"
        label="Theme"
        orientation="horizontal"
        .value=${draft.theme}
        @change=${(e: Event) => this.#setTheme((e.currentTarget as HTMLInputElement).value as ThemeChoice)}
      >
        ${THEMES.map(
          (t) => html`<wa-radio appearance="button" value=${t.value}>${t.label}</wa-radio>`,
        )}
      </wa-radio-group>
      ${this.errors.theme ? this.#renderError('pref-theme-error', this.errors.theme) : nothing}`;
  }

  #renderLogLevel(draft: Draft) {
    return html`<wa-select
        class="row choice"
        data-pref="logLevel"
        label="Log level"
        hint="applies on Save"
        .value=${draft.logLevel}
        @change=${(e: Event) => {
          const logLevel = (e.currentTarget as HTMLInputElement).value as Preferences['logLevel'];
          if (this.draft) this.draft = { ...this.draft, logLevel };
        }}
      >
        ${Object.entries(LOG_LEVEL_LABELS).map(
          ([value, label]) => html`<wa-option value=${value}>${label}</wa-option>`,
        )}
      </wa-select>
      ${this.errors.logLevel ? this.#renderError('pref-logLevel-error', this.errors.logLevel) : nothing}`;
  }

  #renderRow(row: Row, draft: Draft) {
    if (row === 'theme') return this.#renderTheme(draft);
    if (row === 'logLevel') return this.#renderLogLevel(draft);
    return this.#renderNumber(NUMBER_FIELDS[row], draft);
  }

  #renderProblem() {
    const p = this.problem;
    if (!p) return nothing;
    return html`<div class="problem" role="alert" data-test="problem">
      <wa-icon name="error" aria-hidden="true"></wa-icon>
      <div>
        <p class="message">${p.message}</p>
        ${p.detail ? html`<p class="detail">${p.detail}</p>` : nothing}
        ${p.hint ? html`<p>${p.hint}</p>` : nothing}
      </div>
    </div>`;
  }

  override render() {
    const draft = this.draft;
    return html`<wa-dialog
      label="Preferences"
      ?open=${this.open}
      @wa-hide=${this.#onHide}
      @wa-after-hide=${(e: Event) => {
        if (e.target !== e.currentTarget) return;
        this.open = false;
        this.#closed.settle();
      }}
    >
      ${this.#renderProblem()}
      ${
        draft
          ? GROUPS.map(
              (group) =>
                html`<fieldset>
                  <legend>${group.title}</legend>
                  ${group.rows.map((row) => this.#renderRow(row, draft))}
                </fieldset>`,
            )
          : nothing
      }
      <wa-button slot="footer" appearance="outlined" data-dialog="close">Cancel</wa-button>
      <wa-button
        slot="footer"
        variant="brand"
        ?disabled=${!draft}
        ?loading=${this.saving}
        @click=${() => void this.#save()}
        >Save</wa-button
      >
    </wa-dialog>`;
  }
}

function infoOf(error: unknown): ErrorInfo {
  if (error instanceof RequestError) return error.info;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

customElements.define('tusk-preferences-dialog', TuskPreferencesDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-preferences-dialog': TuskPreferencesDialog;
  }
  interface TuskDialogs {
    'tusk-preferences-dialog': { params: void; answer: void };
  }
}
