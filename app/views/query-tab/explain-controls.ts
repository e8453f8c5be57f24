import { html } from 'lit';
import type { ExplainOptions } from '../../common/plan-shapes';
import type { AppServices } from '../data/app-context';
import type { QueryTabState } from '../data/tabs-store';
import { EXPLAIN_MENU, serverMajor, shownOptions } from './explain-choice';

const EXPLAIN_BUTTON = {
  test: 'explain',
  label: 'Explain',
  icon: 'list-tree',
  title: 'Explain the statement at the cursor, or the selection (F7): its plan, without running it',
};
const ANALYZE_BUTTON = {
  test: 'explain-analyze',
  label: 'Explain Analyze',
  icon: 'pulse',
  title:
    'Explain Analyze (Shift+F7): runs the statement for its actual rows and times, then rolls it back',
};

/**
 * The toolbar's Explain (F7) and Explain Analyze (Shift+F7) buttons, calling `explain`,
 * and the menu of EXPLAIN's options next to them (checkboxes, kept in the workspace
 * layout; GENERIC_PLAN disabled before PostgreSQL 16 on the tab's connection).
 */
export function explainControls(
  app: AppServices,
  tab: QueryTabState,
  explain: (analyze: boolean) => void,
) {
  const { workspace, connections } = app;
  const chosen = workspace.value.layout.explain ?? {};
  const shown = shownOptions(chosen);
  const major = serverMajor(connections.value.live[tab.connectionId ?? '']?.serverVersion);
  const choose = (event: CustomEvent<{ item: { value: string } }>) => {
    // A setting, not an action: the menu stays open for the next one.
    event.preventDefault();
    const name = event.detail.item.value as keyof ExplainOptions;
    workspace.change({ explain: { ...chosen, [name]: !shown[name] } });
  };
  const button = (analyze: boolean) => {
    const { test, label, icon, title } = analyze ? ANALYZE_BUTTON : EXPLAIN_BUTTON;
    return html`<wa-button
      size="s"
      appearance="outlined"
      data-test=${test}
      title=${title}
      @click=${() => explain(analyze)}
      aria-label=${label}
      ><wa-icon slot="start" name=${icon}></wa-icon><span class="label">${label}</span></wa-button
    >`;
  };
  return html`${button(false)}${button(true)}<wa-dropdown
      placement="bottom-start"
      @wa-select=${choose}
    >
      <wa-button
        slot="trigger"
        size="s"
        appearance="plain"
        with-caret
        title="EXPLAIN options"
        aria-label="EXPLAIN options"
        ><wa-icon name="gear" label="EXPLAIN options"></wa-icon
      ></wa-button>
      ${EXPLAIN_MENU.map(
        (o) =>
          html`<wa-dropdown-item
            type="checkbox"
            value=${o.name}
            title=${o.title}
            ?checked=${shown[o.name]}
            ?disabled=${o.name === 'genericPlan' && major > 0 && major < 16}
            >${o.label}</wa-dropdown-item
          >`,
      )}
    </wa-dropdown>`;
}
