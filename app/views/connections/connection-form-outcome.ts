/**
 * The line under the connection dialog's fields that says how the last action went: what a
 * test found (server version, TLS, latency, read-only or standby), or the ErrorInfo of a
 * failure with its hint and stage (both fingerprints for a changed SSH host key).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isSqlState } from '../../common/error-codes';
import type { ErrorInfo, Methods } from '../../controllers/api';
import { changedHostKey, errorInfo } from './connect-flow';
import { validationErrors } from './connection-form-checks';
import type { FieldErrors } from './connection-form-model';

/** What `connections.test` resolves with. */
export type TestResult = Methods['connections.test']['result'] & { sshHostKey?: string };

/** The dialog's last outcome. */
export type Outcome =
  | { kind: 'busy'; text: string }
  | { kind: 'tested'; result: TestResult }
  | { kind: 'error'; error: ErrorInfo }
  | { kind: 'note'; text: string };

const STAGES: Record<NonNullable<ErrorInfo['stage']>, string> = {
  dns: 'finding the host (DNS)',
  tcp: 'reaching the server (TCP)',
  ssh: 'opening the SSH tunnel',
  tls: 'the TLS handshake',
  authentication: 'logging in',
  database: 'opening the database',
};

/** "18.4" from "18.4 (Debian 18.4-1)" or "PostgreSQL 18.4 on x86_64…"; else as given. */
function shortVersion(version: string): string {
  return /(\d+(?:\.\d+)*(?:beta\d+|rc\d+|devel)?)/.exec(version)?.[1] ?? version;
}

function renderTested(r: TestResult): TemplateResult {
  const access = r.standby ? 'read-only (standby)' : r.readOnly ? 'read-only' : 'read-write';
  const facts = [
    `as ${r.user} on ${r.database}`,
    r.tls ? 'TLS' : 'not encrypted',
    `${Math.round(r.elapsedMs)} ms`,
    access,
    ...(r.transactionPooler ? ['PgBouncer (transaction mode)'] : []),
    ...(r.sshHostKey ? ['via SSH'] : []),
  ];
  return html`<div class="outcome ok" data-test="tested">
    <wa-icon name="pass" aria-hidden="true"></wa-icon>
    <div>
      <p class="message">
        Connected to PostgreSQL
        <span data-test="server-version">${shortVersion(r.serverVersion)}</span>
      </p>
      <p class="facts" data-test="facts">${facts.join(' · ')}</p>
    </div>
  </div>`;
}

function renderError(e: ErrorInfo): TemplateResult {
  const changed = changedHostKey(e);
  const sqlState = e.sqlState ?? (isSqlState(e.code) ? e.code : undefined);
  const facts = [
    e.stage ? `Failed while ${STAGES[e.stage]}` : null,
    sqlState ? `SQLSTATE ${sqlState}` : null,
  ].filter((f): f is string => f !== null);
  return html`<div class="outcome failed" data-test="error" role="alert">
    <wa-icon name="error" aria-hidden="true"></wa-icon>
    <div>
      <p class="message" data-test="message">${e.message}</p>
      ${
        changed
          ? html`<dl class="keys">
              <dt>Recorded</dt>
              <dd data-test="recorded">${changed.recorded}</dd>
              <dt>Server sent</dt>
              <dd data-test="actual">${changed.actual}</dd>
            </dl>`
          : nothing
      }
      ${e.hint ? html`<p class="hint" data-test="hint">${e.hint}</p>` : nothing}
      ${
        e.detail && !changed && e.kind !== 'validation'
          ? html`<p class="detail" data-test="detail">${e.detail}</p>`
          : nothing
      }
      ${facts.length ? html`<p class="facts" data-test="stage">${facts.join(' · ')}</p>` : nothing}
    </div>
  </div>`;
}

/** The outcome as shown under the fields (nothing when there is none). */
export function renderOutcome(outcome: Outcome | null): TemplateResult | typeof nothing {
  if (!outcome) return nothing;
  switch (outcome.kind) {
    case 'busy':
      return html`<div class="outcome busy">
        <wa-spinner aria-hidden="true"></wa-spinner><span>${outcome.text}</span>
      </div>`;
    case 'tested':
      return renderTested(outcome.result);
    case 'error':
      return renderError(outcome.error);
    case 'note':
      return html`<div class="outcome note">
        <wa-icon name="info" aria-hidden="true"></wa-icon><span>${outcome.text}</span>
      </div>`;
  }
}

/**
 * How the dialog shows a failure: a `validation` error as messages next to the fields it
 * names (and the rest below them); any other as the outcome below the fields.
 */
export function failureOf(error: unknown): { errors: FieldErrors; outcome: Outcome | null } {
  const info = errorInfo(error) ?? {
    kind: 'internal' as const,
    message: error instanceof Error ? error.message : String(error),
  };
  if (info.kind !== 'validation') return { errors: {}, outcome: { kind: 'error', error: info } };
  const { fields, other } = validationErrors(info);
  return {
    errors: fields,
    outcome:
      other.length > 0 ? { kind: 'error', error: { ...info, detail: other.join('\n') } } : null,
  };
}
