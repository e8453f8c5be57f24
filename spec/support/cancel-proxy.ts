import { connect, createServer, type Socket } from 'node:net';
import { listenLocal } from './net';

/** The CancelRequest code of the PostgreSQL protocol (1234 << 16 | 5678). */
const CANCEL_REQUEST_CODE = 80877102;

/** A TCP proxy in front of a PostgreSQL server that swallows CancelRequests. */
export interface CancelDroppingProxy {
  port: number;
  /** CancelRequests swallowed so far. */
  dropped(): number;
  close(): void;
}

/**
 * Forwards every connection to 127.0.0.1:`target` except those that open with a
 * CancelRequest: those are read and closed without being forwarded, as a firewall or a
 * load balancer that does not know the cancel protocol would. A fault injector for the
 * cancel escalation.
 */
export async function cancelDroppingProxy(target: number): Promise<CancelDroppingProxy> {
  let dropped = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.once('readable', function first() {
      const head = client.read(8) as Buffer | null;
      if (head === null) return client.once('readable', first);
      if (head.readInt32BE(0) === 16 && head.readInt32BE(4) === CANCEL_REQUEST_CODE) {
        dropped += 1;
        client.read(8);
        client.destroy();
        return;
      }
      const upstream = connect({ host: '127.0.0.1', port: target });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  });
  const port = await listenLocal(server);
  return {
    port,
    dropped: () => dropped,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
