import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { ActivitySession, BlockingEntry } from '../../controllers/api';
import { SignalRequestEvent } from './activity-events';
import { elapsedMs, formatDuration, oneLine } from './activity-format';
import { activityTableStyles } from './activity-table.styles';
import { blockingTree, type BlockingNode } from './activity-tree';

/**
 * The Blocking section: the tree of {@link blockingTree}, each blocker with its state and how
 * long its transaction is open, each waiter with the lock mode, the relation, how long it
 * waits and its sentence; Cancel and Terminate on every node (fires `tusk-activity-signal`).
 */
export class TuskActivityBlocking extends LitElement {
  static override styles = [
    activityTableStyles,
    css`
      .scroll {
        padding: 6px 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul ul {
        margin-left: 19px;
        border-left: 1px solid var(--tusk-border-strong);
      }
      .node {
        display: grid;
        grid-template-columns: auto auto 1fr auto;
        align-items: baseline;
        column-gap: 10px;
        padding: 3px 10px 3px 8px;
        font: 12px / 18px var(--tusk-font-code);
      }
      .node:hover {
        background: var(--tusk-bg-hover);
      }
      .pid {
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .role {
        font: 500 10px / 16px var(--tusk-font-ui);
        text-transform: uppercase;
        letter-spacing: 0.04em;
        padding: 0 5px;
        border-radius: 3px;
      }
      .role.blocker {
        color: var(--tusk-danger);
        background: var(--tusk-danger-bg);
      }
      .role.waiter {
        color: var(--tusk-warning);
        background: var(--tusk-warning-bg);
      }
      .facts {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .facts .k {
        color: var(--tusk-text-faint);
      }
      .sentence {
        grid-column: 2 / 4;
        font-family: var(--tusk-font-ui);
        color: var(--tusk-text-muted);
      }
      .query {
        grid-column: 2 / 4;
        color: var(--tusk-text-faint);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .node .actions {
        grid-row: 1;
        grid-column: 4;
      }
    `,
  ];
  static override properties = {
    sessions: { attribute: false },
    blocking: { attribute: false },
    at: { attribute: false },
  };
  declare sessions: readonly ActivitySession[];
  declare blocking: readonly BlockingEntry[];
  declare at: string;

  constructor() {
    super();
    this.sessions = [];
    this.blocking = [];
    this.at = new Date(0).toISOString();
  }

  #signal(node: BlockingNode, kind: 'cancel' | 'terminate'): void {
    const s = node.session;
    this.dispatchEvent(
      new SignalRequestEvent({
        target: { pid: node.pid, user: s?.user ?? null, query: s?.query ?? null },
        kind,
      }),
    );
  }

  #facts(node: BlockingNode) {
    const s = node.session;
    const w = node.wait;
    const fact = (k: string, v: string | null | undefined) =>
      v ? html`<span class="k">${k}</span> ${v} ` : nothing;
    if (w)
      return html`${fact('waits', formatDuration(w.waitingMs))}${fact('for', w.mode)}${fact(
        'on',
        w.relation,
      )}${fact('user', s?.user)}`;
    const xact = elapsedMs(s?.xactStart ?? null, this.at);
    return html`${fact('state', s?.state ?? (s?.hidden ? 'hidden' : null))}${fact(
      'xact',
      xact === null ? null : formatDuration(xact),
    )}${fact('user', s?.user)}${fact('app', s?.application)}`;
  }

  #node(node: BlockingNode): TemplateResult {
    const query = oneLine(node.session?.query ?? null);
    return html`<li
      role="treeitem"
      aria-expanded=${node.waiters.length ? 'true' : nothing}
      data-pid=${node.pid}
    >
      <div class="node">
        <span class="role ${node.wait ? 'waiter' : 'blocker'}"
          >${node.wait ? 'waits' : 'blocks'}</span
        >
        <span class="pid">pid ${node.pid}</span>
        <span class="facts">${this.#facts(node)}</span>
        <span class="actions">
          <button class="action" @click=${() => this.#signal(node, 'cancel')}>Cancel</button>
          <button class="action danger" @click=${() => this.#signal(node, 'terminate')}>
            Terminate
          </button>
        </span>
        ${node.wait ? html`<span class="sentence">${node.wait.sentence}</span>` : nothing}
        ${query ? html`<span class="query" title=${node.session?.query ?? ''}>${query}</span>` : nothing}
      </div>
      ${
        node.waiters.length
          ? html`<ul role="group">
              ${node.waiters.map((w) => this.#node(w))}
            </ul>`
          : nothing
      }
    </li>`;
  }

  override render() {
    const trees = blockingTree(this.blocking, this.sessions);
    const waiting = this.blocking.length;
    return html`<div class="bar">
        <span class="count" data-test="blocking-count"
          >${
            waiting === 0
              ? 'No session waits for a lock held by another.'
              : `${waiting} waiting ${waiting === 1 ? 'session' : 'sessions'}, ${trees.length} blocking ${trees.length === 1 ? 'chain' : 'chains'}`
          }</span
        >
      </div>
      <div class="scroll">
        ${
          trees.length
            ? html`<ul role="tree" aria-label="Who blocks whom">
                ${trees.map((t) => this.#node(t))}
              </ul>`
            : nothing
        }
      </div>`;
  }
}

customElements.define('tusk-activity-blocking', TuskActivityBlocking);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-activity-blocking': TuskActivityBlocking;
  }
}
