import { html } from 'lit';

/** What the connection dialog is busy with (its buttons wait meanwhile). */
export type Busy = 'test' | 'save' | 'connect' | null;

/**
 * The dialog's buttons: Test connection on the left; Cancel, Connect and Save (the default)
 * on the right. While one action runs it shows a spinner and the others wait; Save is off
 * for a connection that cannot be saved (`saveable` false: the run-only demo).
 */
export function renderFooter(actions: {
  busy: Busy;
  saveable: boolean;
  test(): void;
  cancel(): void;
  connect(): void;
  save(): void;
}) {
  const busy = actions.busy !== null;
  return html`<wa-button
      slot="footer"
      class="test"
      size="s"
      appearance="outlined"
      ?loading=${actions.busy === 'test'}
      ?disabled=${busy}
      @click=${actions.test}
      >Test connection</wa-button
    >
    <span slot="footer" class="spacer"></span>
    <wa-button slot="footer" size="s" appearance="outlined" @click=${actions.cancel}
      >Cancel</wa-button
    >
    <wa-button
      slot="footer"
      size="s"
      appearance="outlined"
      ?loading=${actions.busy === 'connect'}
      ?disabled=${busy}
      @click=${actions.connect}
      >Connect</wa-button
    >
    <wa-button
      slot="footer"
      size="s"
      variant="brand"
      ?loading=${actions.busy === 'save'}
      ?disabled=${busy || !actions.saveable}
      @click=${actions.save}
      >Save</wa-button
    >`;
}
