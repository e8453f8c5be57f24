/**
 * The connection dialog's fields, as template functions over the dialog's state (the
 * dialog owns the state; these only render it and report changes). Four groups: General,
 * SSL, SSH tunnel, Advanced. Every input carries its label (its accessible name) and shows
 * its message in its hint slot, with `aria-invalid`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SavedConnection } from '../data/connections-store';
import { FIELD_LABELS } from './connection-form-checks';
import {
  CONNECTION_COLORS,
  defaultName,
  SSL_MODES,
  usesCaFile,
  type ConnectionColor,
  type ConnectionForm,
  type FieldErrors,
  type FieldName,
  type SshAuthMethod,
  type SslMode,
} from './connection-form-model';
import type { KeychainState } from './connect-flow';
import { CONNECTION_DEFAULTS } from '../../common/connection-limits';

/** What the field templates read and how they report a change. */
export interface FormView {
  form: ConnectionForm;
  errors: FieldErrors;
  keychain: KeychainState;
  saved: SavedConnection | undefined;
  /** Whether the backend stores a colour per connection. */
  colors: boolean;
  /** The URL field's own message (a URL that could not be read), or a note that it filled. */
  urlNote: { text: string; error: boolean } | null;
  set<K extends FieldName>(field: K, value: ConnectionForm[K]): void;
  /** Fills the fields from a pasted or typed URL; true when `text` was one. */
  fillFromUrl(text: string): boolean;
}

const SSL_DESCRIPTIONS: Record<SslMode, string> = {
  disable: 'no TLS',
  prefer: 'TLS if offered, not verified',
  require: 'TLS, not verified',
  'verify-ca': 'TLS, CA checked',
  'verify-full': 'TLS, CA and host name checked',
};

interface FieldOptions {
  type?: 'text' | 'password' | 'number';
  placeholder?: string;
  hint?: string;
  unit?: string;
  autofocus?: boolean;
  cls?: string;
}

const valueOf = (event: Event) => (event.target as HTMLInputElement).value;
const checkedOf = (event: Event) => (event.target as HTMLInputElement).checked;

/** The message or hint of a field, in its `hint` slot. */
function hintSlot(error: string | undefined, hint: string | undefined) {
  if (error) return html`<span slot="hint" class="error" data-test="error">${error}</span>`;
  return hint ? html`<span slot="hint">${hint}</span>` : nothing;
}

/** A text, password or number field bound to `field`. */
function input(v: FormView, field: FieldName, o: FieldOptions = {}): TemplateResult {
  const error = v.errors[field];
  const type = o.type ?? 'text';
  return html`<wa-input
    class=${o.cls ?? ''}
    data-field=${field}
    label=${FIELD_LABELS[field]}
    type=${type}
    .value=${String(v.form[field] ?? '')}
    placeholder=${o.placeholder ?? ''}
    ?password-toggle=${type === 'password'}
    ?without-spin-buttons=${type === 'number'}
    ?autofocus=${o.autofocus === true}
    autocomplete="off"
    spellcheck="false"
    aria-invalid=${error ? 'true' : 'false'}
    @input=${(e: Event) => v.set(field, valueOf(e) as never)}
    >${o.unit ? html`<span slot="end" class="unit">${o.unit}</span>` : nothing}${hintSlot(
      error,
      o.hint,
    )}</wa-input
  >`;
}

function checkbox(v: FormView, field: FieldName, hint?: string): TemplateResult {
  return html`<wa-checkbox
    size="s"
    data-field=${field}
    .checked=${v.form[field] === true}
    hint=${hint ?? ''}
    @change=${(e: Event) => v.set(field, checkedOf(e) as never)}
    >${FIELD_LABELS[field]}</wa-checkbox
  >`;
}

const colorName = (c: ConnectionColor) => (c ? c[0]!.toUpperCase() + c.slice(1) : 'No colour');

/** The palette as a radio group of swatches (arrow keys move, like native radios). */
function colorPicker(v: FormView): TemplateResult {
  const choices: ConnectionColor[] = [null, ...CONNECTION_COLORS];
  const current = v.form.color;
  const move = (event: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const index = (choices.indexOf(current) + step + choices.length) % choices.length;
    v.set('color', choices[index]!);
    const group = event.currentTarget as HTMLElement;
    requestAnimationFrame(() => group.querySelector<HTMLElement>('[aria-checked=true]')?.focus());
  };
  return html`<div class="colors" role="radiogroup" aria-label="Colour" @keydown=${move}>
    ${choices.map(
      (c) =>
        html`<button
          type="button"
          role="radio"
          class="swatch ${c ?? 'none'}"
          aria-checked=${c === current ? 'true' : 'false'}
          aria-label=${colorName(c)}
          title=${colorName(c)}
          tabindex=${c === current ? 0 : -1}
          @click=${() => v.set('color', c)}
        ></button>`,
    )}
  </div>`;
}

/**
 * Where a stored secret is: the keychain, or (without one, or for a connection of this run
 * only such as Demo) Tusk's memory until it closes.
 */
function storedIn(v: FormView): string {
  return v.keychain.available && v.saved?.ephemeral !== true
    ? 'saved in the keychain'
    : 'kept until Tusk closes';
}

/** Name, colour, host and port, user, password (+ keychain), database, URL. */
export function renderGeneral(v: FormView): TemplateResult {
  const { keychain } = v;
  const stored = v.saved?.storedSecrets.includes('db') === true;
  const paste = (event: ClipboardEvent) => {
    const text = event.clipboardData?.getData('text') ?? '';
    if (v.fillFromUrl(text)) event.preventDefault();
  };
  const urlKey = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    v.fillFromUrl(valueOf(event));
  };
  return html`<section class="group" aria-label="General">
    <div class="row name">
      ${input(v, 'name', { autofocus: true, placeholder: defaultName(v.form) })}
      ${v.colors ? colorPicker(v) : nothing}
    </div>
    <div class="row pair" @paste=${paste}>
      ${input(v, 'host', { placeholder: 'host name, IP address or postgres:// URL' })}
      ${input(v, 'port', { type: 'number', placeholder: String(CONNECTION_DEFAULTS.port), cls: 'short' })}
    </div>
    ${input(v, 'user', { placeholder: 'role name' })}
    <div class="row secret">
      ${input(v, 'password', {
        type: 'password',
        placeholder: stored ? storedIn(v) : '',
      })}
      <wa-checkbox
        size="s"
        data-field="remember"
        .checked=${keychain.available && v.form.remember}
        ?disabled=${!keychain.available}
        @change=${(e: Event) => v.set('remember', checkedOf(e))}
        >${FIELD_LABELS.remember}</wa-checkbox
      >
    </div>
    ${
      keychain.available
        ? nothing
        : html`<p class="note indent" data-test="keychain-reason">
            <wa-icon name="warning" aria-hidden="true"></wa-icon>${
              keychain.reason ?? 'No keychain'
            }:
            passwords are kept for this session only.
          </p>`
    }
    ${input(v, 'database', { placeholder: 'postgres' })}
    <wa-input
      data-field="url"
      label="URL"
      placeholder="postgres://user@host:5432/database — paste to fill in"
      autocomplete="off"
      spellcheck="false"
      aria-invalid=${v.urlNote?.error ? 'true' : 'false'}
      @paste=${paste}
      @keydown=${urlKey}
      @change=${(e: Event) => v.fillFromUrl(valueOf(e))}
      >${
        v.urlNote
          ? html`<span slot="hint" class=${v.urlNote.error ? 'error' : 'filled'}
              >${v.urlNote.text}</span
            >`
          : nothing
      }</wa-input
    >
  </section>`;
}

/** SSL mode (libpq's) and, for the modes that verify, the CA file. */
export function renderSsl(v: FormView): TemplateResult {
  return html`<h3 class="heading"><span>SSL</span></h3>
    <section class="group" aria-label="SSL">
      <div class="row ssl">
        <wa-select
          data-field="sslMode"
          label=${FIELD_LABELS.sslMode}
          .value=${v.form.sslMode}
          @change=${(e: Event) => v.set('sslMode', valueOf(e) as SslMode)}
        >
          ${SSL_MODES.map((mode) => html`<wa-option value=${mode}>${mode}</wa-option>`)}
        </wa-select>
        ${
          usesCaFile(v.form.sslMode)
            ? input(v, 'sslRootCert', { placeholder: 'system CAs', cls: 'short' })
            : html`<span class="muted">${SSL_DESCRIPTIONS[v.form.sslMode]}</span>`
        }
      </div>
    </section>`;
}

/** The tunnel switch and, when on, the SSH server, its login and its host key. */
export function renderSsh(v: FormView): TemplateResult {
  const f = v.form;
  return html`<h3 class="heading">
      <wa-switch
        size="s"
        data-field="ssh"
        .checked=${f.ssh}
        @change=${(e: Event) => v.set('ssh', checkedOf(e))}
        >SSH tunnel</wa-switch
      >
    </h3>
    ${
      f.ssh
        ? html`<section class="group" aria-label="SSH tunnel">
            <div class="row pair">
              ${input(v, 'sshHost', { placeholder: 'bastion.example.com' })}
              ${input(v, 'sshPort', { type: 'number', placeholder: String(CONNECTION_DEFAULTS.sshPort), cls: 'short' })}
            </div>
            ${input(v, 'sshUser')}
            <wa-radio-group
              data-field="sshAuth"
              label=${FIELD_LABELS.sshAuth}
              orientation="horizontal"
              .value=${f.sshAuth}
              @change=${(e: Event) => v.set('sshAuth', valueOf(e) as SshAuthMethod)}
            >
              <wa-radio value="password">Password</wa-radio>
              <wa-radio value="key">Key file</wa-radio>
              <wa-radio value="agent">Agent</wa-radio>
            </wa-radio-group>
            ${
              f.sshAuth === 'password'
                ? input(v, 'sshPassword', {
                    type: 'password',
                    placeholder: v.saved?.storedSecrets.includes('ssh') ? storedIn(v) : '',
                  })
                : nothing
            }
            ${
              f.sshAuth === 'key'
                ? html`${input(v, 'sshKeyPath', { placeholder: '~/.ssh/id_ed25519' })}
                  ${input(v, 'sshPassphrase', {
                    type: 'password',
                    placeholder: v.saved?.storedSecrets.includes('ssh_key')
                      ? storedIn(v)
                      : 'if the key has one',
                  })}`
                : nothing
            }
            ${
              f.sshAuth === 'agent'
                ? html`<p class="note indent">
                    Uses the keys of the running ssh-agent (SSH_AUTH_SOCK).
                  </p>`
                : nothing
            }
            <div class="row hostkey">
              <span class="label">${FIELD_LABELS.sshHostKey}</span>
              ${
                f.sshHostKey
                  ? html`<code data-test="host-key">${f.sshHostKey}</code>
                      <wa-button
                        size="s"
                        appearance="plain"
                        @click=${() => v.set('sshHostKey', null)}
                        >Forget</wa-button
                      >`
                  : html`<span class="muted">asked for on the first connection</span>`
              }
            </div>
          </section>`
        : nothing
    }`;
}

/** Read-only, production, cleartext password, timeouts, keepalive, pool size. */
export function renderAdvanced(v: FormView): TemplateResult {
  return html`<h3 class="heading"><span>Advanced</span></h3>
    <section class="group" aria-label="Advanced">
      <div class="row checks indent">
        ${checkbox(v, 'readOnly')} ${checkbox(v, 'production')}
        ${checkbox(v, 'allowCleartextPassword')}
      </div>
      <div class="row pair even">
        ${input(v, 'statementTimeoutMs', { type: 'number', placeholder: 'preference', unit: 'ms' })}
        ${input(v, 'connectTimeoutMs', { type: 'number', placeholder: String(CONNECTION_DEFAULTS.connectTimeoutMs), unit: 'ms', cls: 'short' })}
      </div>
      <div class="row pair even">
        ${input(v, 'keepAliveSeconds', { type: 'number', placeholder: String(CONNECTION_DEFAULTS.keepAliveSeconds), unit: 's' })}
        ${input(v, 'poolSize', { type: 'number', placeholder: 'preference', cls: 'short' })}
      </div>
    </section>`;
}
