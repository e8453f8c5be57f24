import { connect, createServer, type Socket } from 'node:net';
import { listenLocal } from './net';

/** The CancelRequest code of the PostgreSQL protocol (1234 << 16 | 5678). */
const CANCEL_REQUEST_CODE = 80877102;

/** A TCP proxy in front of a PostgreSQL server that mistreats some traffic. */
export interface FaultProxy {
  port: number;
  /** CancelRequests seen so far (swallowed or delayed). */
  cancels(): number;
  close(): void;
}

/** What the proxy does. */
export interface FaultOptions {
  /** Swallow CancelRequests: read and close them without passing them on. */
  dropCancels?: boolean;
  /** Hold CancelRequests: read them and keep their connection open, never passing them on. */
  holdCancels?: boolean;
  /**
   * Hold each CancelRequest this long before passing it on; its client side is closed only
   * once the server has closed its own, as across a slow network (else nothing is proved).
   */
  cancelDelayMs?: number;
  /** Delay every chunk this long in each direction (a remote server: RTT = 2 × this). */
  latencyMs?: number;
}

/**
 * Forwards every connection to 127.0.0.1:`target`, with the faults asked for: CancelRequests
 * swallowed (a firewall or load balancer that does not know the cancel protocol) or held
 * back (a slow network), or every byte late (a distant server). A fault injector for the
 * cancel escalation, late cancels and the login race.
 */
export async function faultProxy(target: number, faults: FaultOptions): Promise<FaultProxy> {
  let cancels = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  /** Writes `chunk` to `to` after the latency, keeping order. */
  const forward = (from: Socket, to: Socket) => {
    const delay = faults.latencyMs ?? 0;
    from.on('data', (chunk: Buffer) => {
      if (delay === 0) to.write(chunk);
      else setTimeout(() => to.destroyed || to.write(chunk), delay);
    });
    from.on('close', () => setTimeout(() => to.destroy(), delay));
  };
  const server = createServer((client) => {
    track(client);
    client.once('readable', function first() {
      const head = client.read(8) as Buffer | null;
      if (head === null) return client.once('readable', first);
      const cancel = head.readInt32BE(0) === 16 && head.readInt32BE(4) === CANCEL_REQUEST_CODE;
      if (cancel) cancels += 1;
      if (cancel && faults.holdCancels) return;
      if (cancel && faults.dropCancels) {
        client.read(8);
        client.destroy();
        return;
      }
      const upstream = connect({ host: '127.0.0.1', port: target });
      track(upstream);
      // What the client sends before the connection is passed on is kept for then.
      const early: Buffer[] = [head];
      const keep = (chunk: Buffer) => early.push(chunk);
      client.on('data', keep);
      const latency = faults.latencyMs ?? 0;
      const hold = (cancel ? (faults.cancelDelayMs ?? 0) : 0) + latency;
      setTimeout(() => {
        client.off('data', keep);
        if (cancel) {
          // Passed on even if the client has gone: a request on the wire still lands.
          upstream.write(Buffer.concat(early));
          client.on('data', (chunk: Buffer) => upstream.write(chunk));
          // The client hears the close only once the server has closed its side.
          upstream.on('close', () => setTimeout(() => client.destroy(), latency));
          return;
        }
        if (client.destroyed) return upstream.destroy();
        upstream.write(Buffer.concat(early));
        forward(client, upstream);
        forward(upstream, client);
      }, hold);
    });
  });
  const port = await listenLocal(server);
  return {
    port,
    cancels: () => cancels,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
