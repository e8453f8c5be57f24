import { createServer } from 'node:net';
import { openSocket } from '../../../app/models/driver/driver-socket';
import { listenLocal } from '../../support/net';

describe('openSocket', () => {
  it('a connection made while the event loop was held past the connect timeout is not taken for a timeout', async () => {
    const server = createServer((socket) => socket.end());
    const port = await listenLocal(server);
    const socket = openSocket('127.0.0.1', port, 50);
    const outcome = new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? 'error'));
    });
    // Busy for 200 ms: the connect and the timer both come due in the same turn.
    const until = Date.now() + 200;
    while (Date.now() < until);
    expect(await outcome).toBe('connected');
    socket.destroy();
    server.close();
  });
});
