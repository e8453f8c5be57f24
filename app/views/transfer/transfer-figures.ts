import { html, nothing } from 'lit';
import type { Transfer } from '../data/transfers-store';

/** "1,234". */
export function formatRows(n: number): string {
  return n.toLocaleString('en-US');
}

/** "512 B", "3.4 KB", "12.0 MB", "1.25 GB" (powers of 1,024). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** "0:07", "12:03", "1:02:03". */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** The figures of a transfer: rows, bytes (of the file's size), rate, elapsed. */
export function transferFigures(t: Transfer): string {
  const bytes =
    t.totalBytes !== undefined && t.state === 'running'
      ? `${formatBytes(t.bytes)} of ${formatBytes(t.totalBytes)}`
      : formatBytes(t.bytes);
  const seconds = t.elapsedMs / 1000;
  const rate = seconds >= 0.5 ? ` · ${formatBytes(Math.round(t.bytes / seconds))}/s` : '';
  return `${formatRows(t.rows)} ${t.rows === 1 ? 'row' : 'rows'} · ${bytes}${rate} · ${formatElapsed(t.elapsedMs)}`;
}

/** What a transfer did or is doing, in one sentence. */
export function transferSentence(t: Transfer): string {
  const verb = t.kind === 'export' ? 'Exporting' : 'Importing';
  const rows = `${formatRows(t.rows)} ${t.rows === 1 ? 'row' : 'rows'}`;
  switch (t.state) {
    case 'running':
      return `${verb} ${t.kind === 'export' ? t.fileName : `${t.fileName} into ${t.what}`}…`;
    case 'completed':
      if (t.kind === 'import') return `Imported ${rows} into ${t.what}`;
      return t.path ? `Exported ${rows} to ${t.path}` : `Exported ${rows} as ${t.fileName}`;
    case 'cancelled':
      return t.kind === 'export'
        ? 'Export cancelled: its partial file was removed'
        : 'Import cancelled: nothing was inserted';
    case 'failed':
      return `${t.kind === 'export' ? 'Export' : 'Import'} failed: ${t.error?.message ?? 'unknown error'}`;
  }
}

/**
 * A transfer's state for a dialog: the sentence, its figures, the error's detail and hint,
 * a warning; `cancel` renders the Cancel button while it runs.
 */
export function transferStatus(t: Transfer, cancel: () => void) {
  // An import's error with a line names it in its message ("Line 3: …", docs/protocol.md).
  const where = [
    t.error?.line !== undefined && t.kind !== 'import' ? `line ${t.error.line}` : '',
    t.error?.columnName ? `column ${t.error.columnName}` : '',
  ].filter(Boolean);
  const more = [where.length ? `At ${where.join(', ')}.` : '', t.error?.detail, t.error?.hint]
    .filter(Boolean)
    .join(' ');
  return html`<div class="status ${t.state}" data-test="transfer-status" role="status">
    <div class="sentence">
      ${t.state === 'running' ? html`<wa-spinner aria-hidden="true"></wa-spinner>` : nothing}
      <span class=${t.state === 'failed' ? 'error' : ''}>${transferSentence(t)}</span>
    </div>
    ${t.state !== 'failed' ? html`<div class="figures muted">${transferFigures(t)}</div>` : nothing}
    ${more ? html`<div class="muted detail">${more}</div>` : nothing}
    ${t.warning ? html`<p class="warning">${t.warning}</p>` : nothing}
    ${
      t.state === 'running'
        ? html`<wa-button size="s" appearance="outlined" variant="danger" @click=${cancel}
            >Cancel ${t.kind}</wa-button
          >`
        : nothing
    }
  </div>`;
}

/** What {@link transferFrame} draws around a transfer dialog's body. */
export interface TransferFrame {
  label: string;
  open: boolean;
  /** The dialog finished hiding (Escape, ×, Close or Cancel). */
  hidden(): void;
  /** The form, or the transfer's status once started. */
  body: unknown;
  /** The quiet button's words ('Cancel' before the start, 'Close' after) and its press. */
  dismiss: { label: string; press(): void };
  /** The brand button (Export, Import) before the start; `nothing` after. */
  action: unknown;
}

/**
 * The frame both transfer dialogs share: a `wa-dialog` with the body and a footer of the
 * quiet button and the action, telling when it has hidden (its own hide, not a child's).
 */
export function transferFrame(f: TransferFrame) {
  return html`<wa-dialog
    label=${f.label}
    ?open=${f.open}
    @wa-after-hide=${(e: Event) => {
      if (e.target === e.currentTarget) f.hidden();
    }}
  >
    ${f.body}
    <div slot="footer">
      <span class="spacer"></span>
      <wa-button size="s" appearance="outlined" @click=${() => f.dismiss.press()}
        >${f.dismiss.label}</wa-button
      >
      ${f.action}
    </div>
  </wa-dialog>`;
}
