import { rmSync } from 'node:fs';
import { startTestBackend, tempDir, type TestBackend } from '../support/backend';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

/** Issue 22, item 17: a dismissed notice stays dismissed at the next start. */
describe('app.notices and app.dismissNotice', () => {
  let dataDir: string;
  let backend: TestBackend;
  let socket: TestSocket;
  const start = async () => {
    backend = await startTestBackend({ dataDir });
    socket = await openSocket(socketUrl(backend.port, backend.token));
  };
  const stop = async () => {
    socket.close();
    await backend.stop();
  };
  const raise = () =>
    backend.notices.add({
      level: 'warning',
      message: 'Passwords will not be remembered after Tusk closes: no keychain.',
      detail: 'Install a Secret Service.',
    });
  const shown = async () =>
    ((await socket.request('app.notices', {}))['result'] as { id: string; message: string }[]).map(
      (n) => n.message,
    );

  beforeAll(async () => {
    dataDir = tempDir('tusk-notices-');
    await start();
  });
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the same notice has the same id at every start; once dismissed it is neither listed nor pushed again', async () => {
    const first = raise();
    expect(await shown()).toContain(first.message);
    await stop();
    await start();
    const again = raise();
    expect(again.id).toBe(first.id);
    expect(await socket.request('app.dismissNotice', { id: again.id })).toMatchObject({
      result: { dismissed: true },
    });
    expect(await shown()).not.toContain(first.message);
    await stop();
    await start();
    raise();
    expect(await shown()).not.toContain(first.message);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.events.filter((e) => e.event === 'app.notice')).toEqual([]);
    // Another notice is still shown and pushed.
    backend.notices.add({ level: 'info', message: 'Something else' });
    expect(await shown()).toContain('Something else');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.events.filter((e) => e.event === 'app.notice')).toHaveLength(1);
  });

  it('refuses an empty id', async () => {
    expect((await socket.request('app.dismissNotice', { id: '' }))['error']).toMatchObject({
      kind: 'validation',
    });
  });
});
