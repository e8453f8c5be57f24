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
