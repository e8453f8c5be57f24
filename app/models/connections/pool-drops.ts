import { getLogger } from '../logging/logging';
import { DROP_BURST_MS, type PoolOptions } from './pool-options';
import type { SessionEvents } from './pool-session';

const log = getLogger('pool');

/** What the reporter needs of its pool (typed here, so this file needs no import back up). */
interface DropCounter {
  readonly closed: boolean;
  noteDrops(count: number): void;
}

/**
 * Reports the drops of one pool in bursts (once per {@link DROP_BURST_MS}), counts them in
 * its status and tells `options.onDrop`; nothing for a pool that failed to open or was
 * closed since.
 */
export function dropReporter(
  options: PoolOptions,
  target: { host: string; port: number },
  pool: () => DropCounter | undefined,
): SessionEvents {
  let pending = 0;
  return {
    dropped: () => {
      pending += 1;
      if (pending > 1) return;
      setTimeout(() => {
        const sessions = pending;
        pending = 0;
        const open = pool();
        if (!open || open.closed) return;
        open.noteDrops(sessions);
        log.warn(
          `${sessions} connection(s) to ${target.host}:${target.port} lost; reconnecting on next use`,
        );
        options.onDrop?.({ sessions, at: new Date().toISOString() });
      }, DROP_BURST_MS).unref();
    },
  };
}
