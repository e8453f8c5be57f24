import { createServer, type AddressInfo, type Server } from 'node:net';

/** Listens on 127.0.0.1 at a port the kernel picks; resolves with the port. */
export function listenLocal(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago): connecting is refused. */
export async function refusedPort(): Promise<number> {
  const probe = createServer();
  const port = await listenLocal(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A server that accepts connections and never says a word (a "silent host"); close it after. */
export async function silentServer(): Promise<{ port: number; close(): void }> {
  const server = createServer(() => undefined);
  const port = await listenLocal(server);
  return { port, close: () => server.close() };
}

/**
 * A server that answers PostgreSQL's SSLRequest with `answer` ('S': "go ahead with TLS",
 * 'N': "no TLS") and then says nothing more: a TLS handshake or a login that never ends.
 */
export async function stallingServer(answer: 'S' | 'N'): Promise<{ port: number; close(): void }> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => socket.write(answer));
  });
  const port = await listenLocal(server);
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
