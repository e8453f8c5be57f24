import { css, html } from 'lit';

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
