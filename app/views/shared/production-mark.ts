import { css, html } from 'lit';
import { confirmAction } from './confirm-dialog';

/**
 * The PROD mark of a production connection (tab strip, sidebar), in the connection's
 * colour (`.color-<name>` from connectionColorStyles), the danger colour without one. Its
 * words for screen readers are in the row's or tab's label.
 */
export function productionMark(color: string | null) {
  return html`<span
    class="prod ${color ? `color-${color}` : ''}"
    title="Production: Tusk asks before any write"
    aria-hidden="true"
    >PROD</span
  >`;
}

/** The mark's look: small capitals on the colour. Include after connectionColorStyles. */
export const productionMarkStyles = css`
  .prod {
    flex: none;
    font-size: 9px;
    font-weight: 700;
    letter-spacing: 0.02em;
    line-height: 13px;
    padding: 0 3px;
    border-radius: 3px;
    color: #fff;
  }
  .prod:not([class*='color-']) {
    background: var(--tusk-danger);
  }
`;

/**
 * Asks before a write to a production connection (the editor's run, the grid's apply):
 * `what` says what would change (a sentence), `code` the statement. Cancel is focused first. Resolves true to go on.
 */
export function confirmProductionWrite(
  host: Element,
  connectionName: string,
  ask: { what: string; confirmLabel: string; code?: string },
): Promise<boolean> {
  return confirmAction(host, {
    title: `Write to production (${connectionName})?`,
    ...(ask.code ? { code: ask.code } : {}),
    message: `${ask.what} ${connectionName} is marked production.`,
    confirmLabel: ask.confirmLabel,
    danger: true,
  });
}
