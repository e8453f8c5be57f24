import { startTestBackend } from '../support/backend';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';

describe('message protocol: bad input gets a clear ErrorInfo and the server keeps serving', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let socket: TestSocket;

  beforeAll(async () => {
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
  });
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
  });

  /** After every bad input, a good request on the same socket is still answered. */
  async function expectStillServing(): Promise<void> {
    const reply = await socket.request('app.health', {});
    expect(reply['result']).toMatchObject({
      name: 'Tusk',
      runtime: { node: process.versions.node },
    });
  }

  it('answers app.health with name, version, platform, runtime, uptime and log folder', async () => {
    const reply = await socket.request('app.health', {}, 'h1');
    expect(reply['id']).toBe('h1');
    expect(reply['result']).toMatchObject({
      name: 'Tusk',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      platform: `${process.platform}-${process.arch}`,
      runtime: { node: process.versions.node },
      uptimeMs: expect.any(Number),
      logDir: `${backend.dataDir}/logs`,
      dataDir: backend.dataDir,
    });
  });

  it('answers app.notices with a list', async () => {
    const reply = await socket.request('app.notices', undefined, 7);
    expect(reply).toEqual({ id: 7, result: [] });
  });

  it('not JSON', async () => {
    socket.ws.send('this is {not json');
    expect(await socket.next()).toEqual({
      id: null,
      error: expect.objectContaining({
        kind: 'validation',
        message: 'Message is not valid JSON',
        hint: expect.any(String),
      }),
    });
    await expectStillServing();
  });

  it('JSON that is not a request', async () => {
    socket.ws.send(JSON.stringify({ id: 'x1', params: {} }));
    const reply = await socket.next();
    expect(reply['id']).toBe('x1');
    expect(reply['error']).toMatchObject({
      kind: 'validation',
      message: 'Malformed request',
      detail: expect.stringContaining('method'),
    });
    socket.ws.send('[1,2,3]');
    expect((await socket.next())['error']).toMatchObject({
      kind: 'validation',
      message: 'Malformed request',
    });
    await expectStillServing();
  });

  it('unknown method, including prototype names', async () => {
    for (const method of [
      'nope.nothing',
      'app.constructor',
      'app.__proto__',
      'health',
      'constructor.keys',
      '__proto__.toString',
      'hasOwnProperty.length',
      'toString.name',
      'app.health.x',
    ]) {
      const reply = await socket.request(method, {});
      expect(reply['error']).toMatchObject({
        kind: 'validation',
        message: `Unknown method "${method}"`,
        hint: expect.stringContaining('app.health'),
      });
    }
    await expectStillServing();
  });

  it('bad params', async () => {
    const reply = await socket.request('app.health', { surprise: true });
    expect(reply['error']).toMatchObject({
      kind: 'validation',
      message: 'Invalid parameters for app.health',
      detail: expect.stringContaining('surprise'),
    });
    expect((await socket.request('app.notices', 'a string'))['error']).toMatchObject({
      kind: 'validation',
    });
    await expectStillServing();
  });

  it('binary frames', async () => {
    socket.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await socket.next())['error']).toMatchObject({
      kind: 'validation',
      message: 'Binary messages are not accepted',
    });
    await expectStillServing();
  });

  it('an oversized message (5 MB) is refused by its id, without being parsed', async () => {
    const big = JSON.stringify({
      id: 'big-1',
      method: 'app.health',
      params: { pad: 'x'.repeat(5 * 1024 * 1024) },
    });
    socket.ws.send(big);
    const reply = await socket.next();
    expect(reply['id']).toBe('big-1');
    expect(reply['error']).toMatchObject({
      kind: 'validation',
      message: expect.stringMatching(/^Message too large \(5\.0 MB\)/),
    });
    await expectStillServing();
  });

  it('a message beyond the hard cap closes only that socket (1009); others and new ones are served', async () => {
    const other = await openSocket(socketUrl(backend.port, backend.token));
    const victim = await openSocket(socketUrl(backend.port, backend.token));
    const closed = new Promise<number>((resolve) =>
      victim.ws.once('close', (code) => resolve(code)),
    );
    victim.ws.send(Buffer.alloc(9 * 1024 * 1024, 0x20).toString());
    expect(await closed).toBe(1009);
    expect((await other.request('app.health', {}))['result']).toBeDefined();
    const otherClosed = new Promise((resolve) => other.ws.once('close', resolve));
    other.close();
    await otherClosed;
    await expectStillServing();
  });

  it('bounds what all sockets together can buffer: at most 16 sockets, 8 MiB a frame', async () => {
    const others: TestSocket[] = [];
    try {
      // The suite's own socket is one of the sixteen.
      for (let i = 1; i < 16; i++)
        others.push(await openSocket(socketUrl(backend.port, backend.token)));
      await expect(openSocket(socketUrl(backend.port, backend.token))).rejects.toThrow('HTTP 503');
      const last = others.pop()!;
      const gone = new Promise((resolve) => last.ws.once('close', resolve));
      last.close();
      await gone;
      await waitUntil(async () => {
        try {
          others.push(await openSocket(socketUrl(backend.port, backend.token)));
          return true;
        } catch {
          return false;
        }
      });
      expect((await others.at(-1)!.request('app.health', {}))['result']).toBeDefined();
    } finally {
      for (const other of others) other.close();
    }
    await expectStillServing();
  });
});
