import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { ServerSetting } from '../../controllers/api';
import { servicesContext } from '../data/app-context';
import { iconButton } from '../shared/icon-button';
import { ReportLoader } from './activity-database-load';
import { reportStyles } from './activity-database.styles';
import { settingValue, shownSettings } from './activity-settings-filter';

/**
 * `<tusk-activity-settings .connectionId>`: the server's settings (`activity.settings`) in
 * a searchable table — name, value with its unit, source and category, the description on
 * hover — those changed from their defaults first and marked; Refresh.
 */
export class TuskActivitySettings extends LitElement {
  static override styles = reportStyles;
  static override properties = { connectionId: {}, search: { state: true } };
  declare connectionId: string;
  declare search: string;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  readonly #loader = new ReportLoader<ServerSetting[]>(
    this,
    () => this.connectionId,
    (connectionId) => this.#services.value?.client.call('activity.settings', { connectionId }),
  );

  constructor() {
    super();
    this.connectionId = '';
    this.search = '';
  }

  override render() {
    const state = this.#loader.state;
    const settings = this.#loader.report;
    const shown = settings ? shownSettings(settings, this.search) : [];
    const changed = settings?.filter((s) => s.changed).length ?? 0;
    return html`
      <div class="bar">
        <span>Settings</span>
        ${
          settings
            ? html`<span class="faint">${settings.length} settings, ${changed} changed</span>`
            : nothing
        }
        ${state.state === 'loading' ? html`<span class="faint">Loading…</span>` : nothing}
        <span class="spacer"></span>
        <input
          class="search"
          type="search"
          placeholder="Search settings"
          aria-label="Search settings"
          .value=${this.search}
          @input=${(e: Event) => {
            this.search = (e.target as HTMLInputElement).value;
          }}
        />
        ${iconButton('Refresh', 'refresh', () => void this.#loader.load())}
      </div>
      ${
        state.state === 'failed'
          ? html`<div class="error" role="alert">
              ${state.error.message} <span class="faint">${state.error.hint}</span>
            </div>`
          : nothing
      }
      ${
        settings
          ? shown.length === 0
            ? html`<div class="empty">No setting matches “${this.search}”.</div>`
            : this.#table(shown)
          : nothing
      }
    `;
  }

  #table(settings: ServerSetting[]) {
    return html`<div class="scroll">
      <table aria-label="Server settings">
        <thead>
          <tr>
            <th>Name</th>
            <th>Value</th>
            <th>Source</th>
            <th>Category</th>
          </tr>
        </thead>
        <tbody>
          ${settings.map(
            (s) =>
              html`<tr
                class=${s.changed ? 'changed' : ''}
                data-name=${s.name}
                title=${s.description}
              >
                <td class="code">
                  ${s.name}${
                    s.changed ? html` <span class="faint" aria-label="changed">●</span>` : nothing
                  }
                </td>
                <td class="code value">${settingValue(s)}</td>
                <td class="faint">${s.source}</td>
                <td class="faint">${s.category}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('tusk-activity-settings', TuskActivitySettings);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-activity-settings': TuskActivitySettings;
  }
}
