import { TuskError } from '../errors/errors';
import { MAX_POOL_SIZE } from './connection-config';
import type { PoolSession } from './pool-session';

/** One operation waiting for a session of a pool. */
export interface PoolWaiter {
  grant(session: PoolSession): void;
  refuse(error: TuskError): void;
}

/**
 * Queues a waiter on `waiters` and resolves with the session granted to it. It leaves the
 * queue when `signal` aborts (rejecting with its reason) or after `waitMs` (rejecting with
 * `pool_timeout`, naming the pool's `size`).
 */
export function waitForSession(
  waiters: PoolWaiter[],
  size: number,
  waitMs: number,
  signal?: AbortSignal,
): Promise<PoolSession> {
  return new Promise((resolve, reject) => {
    const leave = () => {
      const at = waiters.indexOf(waiter);
      if (at >= 0) waiters.splice(at, 1);
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', leave);
    };
    const waiter: PoolWaiter = {
      grant: (session) => {
        settle();
        resolve(session);
      },
      refuse: (error) => {
        settle();
        reject(error);
      },
    };
    signal?.addEventListener('abort', leave, { once: true });
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', leave);
      waiters.splice(waiters.indexOf(waiter), 1);
      reject(
        new TuskError(
          'pool_timeout',
          `All ${size} connections stayed busy for ${waitMs / 1000} s`,
          {
            hint: `Wait for a running query to finish or cancel one, then retry; or raise the pool size (now ${size}, at most ${MAX_POOL_SIZE}) in the connection's settings.`,
          },
        ),
      );
    }, waitMs);
    waiters.push(waiter);
  });
}
