import { html, nothing } from 'lit';
import type { ConnectionPhase, LiveStatus, SavedConnection } from '../data/connections-store';
import { CONNECTION_DEFAULTS } from '../../common/connection-limits';
import { productionMark } from '../shared/production-mark';

/** What one row of the connections list shows. */
export interface ConnectionItem {
  connection: SavedConnection;
  phase: ConnectionPhase;
  live: LiveStatus | undefined;
  /** The last connect failure's message, when it failed. */
  error: string | undefined;
}

const PHASE_LABEL: Record<ConnectionPhase, string> = {
  disconnected: 'disconnected',
  connecting: 'connecting',
  connected: 'connected',
  dropped: 'connection dropped',
  failed: 'could not connect',
};

/** "user@host:port/db" (the SSH server too, when tunnelled). */
export function describeTarget(c: SavedConnection): string {
  const ssh = (c as { sshTunnel?: { host?: string } | null }).sshTunnel;
  const via = ssh?.host ? ` via ${ssh.host}` : '';
  return `${c.username}@${c.host}:${c.port}/${c.database}${via}`;
}

/** The row's words for screen readers and its tooltip. */
export function describeItem(item: ConnectionItem): string {
  const parts = [item.connection.name, PHASE_LABEL[item.phase]];
  if (item.connection.production) parts.push('production');
  if (item.live?.readOnly) parts.push(item.live.standby ? 'read-only standby' : 'read-only');
  if (item.live?.tls) parts.push('TLS');
  if (item.error) parts.push(item.error);
  return parts.join(', ');
}

/** The state mark at the row's start: a dot whose look says the phase. */
function stateMark(phase: ConnectionPhase) {
  if (phase === 'connecting')
    return html`<wa-spinner class="mark" aria-hidden="true"></wa-spinner>`;
  return html`<span class="mark dot ${phase}" aria-hidden="true"></span>`;
}

/** Where a row sits in the tree: its level, its place among its siblings, open or not. */
export interface TreePlace {
  level: number;
  setSize: number;
  posInSet: number;
  /** Undefined for a row that cannot open (a connection that is not open). */
  expanded: boolean | undefined;
  /** The row's key in the tree (`data-key`). */
  key: string;
}

/** One row of the tree (its `id` is what aria-activedescendant names). */
export function renderItem(
  item: ConnectionItem,
  options: { active: boolean; selected: boolean; domId: string; place: TreePlace },
) {
  const { connection: c, live, phase } = item;
  const color = (c as { color?: string | null }).color;
  const { place } = options;
  return html`<div
    id=${options.domId}
    class="item ${options.active ? 'active' : ''}"
    role="treeitem"
    aria-level=${place.level}
    aria-setsize=${place.setSize}
    aria-posinset=${place.posInSet}
    aria-expanded=${place.expanded === undefined ? nothing : String(place.expanded)}
    aria-selected=${options.selected ? 'true' : 'false'}
    aria-label=${describeItem(item)}
    title=${`${describeTarget(c)}${item.error ? `\n${item.error}` : ''}`}
    data-id=${c.id}
    data-key=${place.key}
  >
    <span class="color ${color ? `color-${color}` : ''}"></span>
    <span
      class="twisty ${place.expanded === undefined ? 'leaf' : place.expanded ? 'open' : ''}"
      aria-hidden="true"
    ></span>
    ${stateMark(phase)}
    <span class="name">${c.name}</span>
    ${c.production ? productionMark(color ?? null) : nothing}
    <span class="target">${c.host}${c.port === CONNECTION_DEFAULTS.port ? '' : `:${c.port}`}</span>
    ${live?.readOnly ? html`<span class="badge" title="Writes are refused">RO</span>` : nothing}
    ${live?.tls ? html`<wa-icon class="tls" name="lock" label="TLS"></wa-icon>` : nothing}
    ${
      phase === 'failed' || phase === 'dropped'
        ? html`<wa-icon class="problem" name="warning" label=${PHASE_LABEL[phase]}></wa-icon>`
        : nothing
    }
  </div>`;
}
