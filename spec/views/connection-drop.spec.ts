import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

describe('a dropped database connection is shown in the shell (Chromium)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let user: TestRole;
  let socket: TestSocket;

  beforeAll(async () => {
    user = await createLoginRole(pg, 'tusk_viewdrop');
    session = await startShellSession();
    page = session.page;
    await page.goto(session.backend.url);
    await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
    // Another window of the same backend opens the connection; every window hears the drop.
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await user?.drop();
  });

  it('terminating its backend shows which connection dropped and what happens next', async () => {
    const name = `Shop ${user.suffix}`;
    const saved = (await socket.request('connections.save', user.saveParams(name))) as {
      result: { id: string };
    };
    expect((await socket.request('connections.connect', { id: saved.result.id }))['error']).toBe(
      undefined,
    );
    await user.terminateBackends();

    const notice = page.locator('tusk-app li.notice', { hasText: name });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(
      new RegExp(
        // The schema tree's catalog load may hold more of the pool's sessions by then.
        `^"${name}" lost (a connection|\\d+ connections) to the server\\s+The server closed it .*Tusk reconnects on the next query`,
      ),
    );
    expect(session.problems).toEqual([]);
    await socket.request('connections.delete', { id: saved.result.id });
  });
});
