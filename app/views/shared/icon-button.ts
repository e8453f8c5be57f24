import { html } from 'lit';

/** A quiet toolbar button showing only an icon; `name` is its accessible name and tooltip. */
export function iconButton(name: string, icon: string, onClick: () => void, disabled = false) {
  return html`<wa-button
    appearance="plain"
    size="s"
    title=${name}
    aria-label=${name}
    ?disabled=${disabled}
    @click=${onClick}
    ><wa-icon name=${icon} label=${name}></wa-icon
  ></wa-button>`;
}
