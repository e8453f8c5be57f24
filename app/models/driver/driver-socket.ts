import { connect, type Socket } from 'node:net';

/**
 * A TCP socket to `host:port`, still connecting, with TCP_NODELAY (cancel and small replies
 * are not delayed) and a connect timeout. Returned at once and never rejected: postgres.js
 * strands a session whose socket factory rejects (measured: the connection stays in its
 * "connecting" queue and every later query waits forever), while a socket that fails with
 * an `error` event takes postgres.js's normal path (query rejected, reconnect on next use).
 */
export function openSocket(host: string, port: number, timeoutMs: number): Socket {
  const socket = connect({ host, port });
  socket.setNoDelay(true);
  socket.setTimeout(timeoutMs, () =>
    // After the poll phase: when the event loop was held up, a connection made meanwhile
    // has its 'connect' still to come, and must not be taken for a timeout.
    setImmediate(() => {
      if (!socket.connecting || socket.destroyed) return;
      socket.destroy(
        Object.assign(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`), {
          code: 'ETIMEDOUT',
        }),
      );
    }),
  );
  socket.once('connect', () => socket.setTimeout(0));
  return socket;
}
