import { html, nothing, type TemplateResult } from 'lit';
import type { PlanFinding, PlanNode } from '../../common/plan-shapes';
import { describeNode, FINDING_LABELS } from './plan-figures';

/** What the findings list does when used. */
export interface FindingsActions {
  /** A finding was clicked: select and reveal its node. */
  pick(nodeId: number): void;
  /** "Copy" of a suggestion. */
  copy(text: string, key: string): void;
  /** The key of the last copy that reached the clipboard (its button says "Copied"). */
  copied: string | null;
}

/**
 * Why the plan may be slow: each finding with its kind, the node it points at, its message
 * (a hypothesis with its numbers) and its suggestion as SQL to copy. Clicking a finding
 * selects its node in the tree.
 */
export function findingsList(
  findings: readonly PlanFinding[],
  nodes: readonly PlanNode[],
  selectedId: number | null,
  actions: FindingsActions,
  analyze: boolean,
): TemplateResult {
  if (findings.length === 0)
    return html`<section class="findings" aria-label="Findings">
      <h3>Findings</h3>
      <p class="hint">
        ${analyze ? 'Nothing stands out in this plan.' : 'Findings need the actual figures of Explain Analyze.'}
      </p>
    </section>`;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return html`<section class="findings" aria-label="Findings">
    <h3>Findings <span class="count">${findings.length}</span></h3>
    <ul>
      ${findings.map((f, i) => {
        const node = f.nodeId === null ? undefined : byId.get(f.nodeId);
        const key = `finding-${i}`;
        return html`<li class="finding ${f.nodeId !== null && f.nodeId === selectedId ? 'on' : ''}">
          <button
            class="pick"
            ?disabled=${!node}
            title=${node ? 'Show this node in the plan' : ''}
            @click=${() => node && actions.pick(node.id)}
          >
            <span class="line">
              <span class="kind" data-kind=${f.kind}>${FINDING_LABELS[f.kind]}</span>
              ${node ? html`<span class="where">${describeNode(node)}</span>` : nothing}
            </span>
            <span class="message">${f.message}</span>
          </button>
          ${
            f.suggestion
              ? html`<div class="suggestion">
                  <code>${f.suggestion}</code>
                  <button class="copy" @click=${() => actions.copy(f.suggestion!, key)}>
                    ${actions.copied === key ? 'Copied' : 'Copy'}
                  </button>
                </div>`
              : nothing
          }
        </li>`;
      })}
    </ul>
  </section>`;
}
