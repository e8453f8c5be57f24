import { css } from 'lit';

/**
 * The look every Tusk dialog shares: a bordered sheet on the raised surface, a compact
 * title bar with a rule under it, and a tinted footer with its buttons on the right. A
 * dialog adds its own width (`wa-dialog { --width }`) and its body's layout.
 */
export const dialogStyles = css`
  wa-dialog {
    --spacing: 14px;
  }
  wa-dialog::part(dialog) {
    border: 1px solid var(--tusk-border-strong);
    border-radius: 6px;
    background: var(--tusk-bg-raised);
    color: var(--tusk-text);
  }
  wa-dialog::part(header) {
    padding: 8px 6px 8px 14px;
    border-bottom: 1px solid var(--tusk-border);
  }
  wa-dialog::part(title) {
    font-size: var(--tusk-font-size);
    font-weight: 600;
  }
  wa-dialog::part(body) {
    padding: 10px 14px 12px;
  }
  wa-dialog::part(footer) {
    padding: 10px 14px;
    border-top: 1px solid var(--tusk-border);
    background: var(--tusk-bg-sidebar);
    gap: 8px;
  }
`;
