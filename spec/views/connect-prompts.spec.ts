import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { tempDir } from '../support/backend';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, filesContaining, filesUnder, type TestRole } from '../support/secrets';
import { inKeychain } from '../support/secret-service';
import { openSocket, type TestSocket } from '../support/socket';
import { startSshd, type SshdInfo } from '../support/sshd';
import type { Supervised } from '../support/supervised';

/**
 * The sidebar's Connect answers each code of a failed connect with the right prompt or
 * dialog (Chromium, real PostgreSQL, sshd and Secret Service): a password, SSH password or
 * passphrase prompt for the *_REQUIRED / *_REFUSED codes, the host key dialogs for
 * SSH_HOST_KEY_UNCONFIRMED / SSH_HOST_KEY_CHANGED, no prompt for any other code; a secret
 * typed with "Remember in keychain" ticked goes with `connections.connect` (`remember`),
 * never through `connections.save`.
 */
describe('connect prompts are driven by codes (Chromium)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let socket: TestSocket;
  let role: TestRole;
  let sshd: Supervised<SshdInfo>;
  let dataDir: string;
  let closed = false;
  /** Every request the page sent on its socket. */
  const sent: { method: string; params: Record<string, unknown> }[] = [];
  const wrong = 'not-the-secret-4471';

  beforeAll(async () => {
    dataDir = tempDir('tusk-prompts-');
    [session, role, sshd] = await Promise.all([
      startShellSession({ dataDir, logLevel: 'trace' }),
      createLoginRole(pg, 'tusk_prompt'),
      startSshd([`127.0.0.1:${pg.port}`]),
    ]);
    page = session.page;
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as (typeof sent)[number];
        if (message.method) sent.push(message);
      }),
    );
    await page.goto(session.backend.url);
    await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
    socket = await openSocket(`${session.backend.url.replace(/^http/, 'ws')}ws`);
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    if (!closed) await session?.close();
    await sshd?.stop();
    await role?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const storedSecrets = async (id: string): Promise<string[]> =>
    (await socket.call('connections.list', {})).find((c) => c.id === id)!.storedSecrets;
  /** Saves a connection (no secret kept unless `extra` says so) and shows it in the sidebar. */
  const saveShown = async (name: string, extra: Record<string, unknown> = {}) => {
    const saved = await socket.call('connections.save', {
      ...role.saveParams(name, { host: '127.0.0.1', rememberPasswords: false }),
      ...extra,
    });
    await page.evaluate(() =>
      (
        document.querySelector('tusk-app') as unknown as {
          services: { connections: { load(): Promise<void> } };
        }
      ).services.connections.load(),
    );
    return saved.id as string;
  };
  const tunnel = (how: 'password' | 'key' | 'protected-key', hostKey: string | null) => {
    const { passwordUser, keyUser, protectedKeyUser } = sshd.info;
    const user = how === 'password' ? passwordUser! : how === 'key' ? keyUser : protectedKeyUser;
    return {
      sshTunnel: {
        host: sshd.info.host,
        port: sshd.info.port,
        username: user.username,
        auth:
          how === 'password'
            ? { method: 'password' }
            : { method: 'key', privateKeyPath: (user as typeof keyUser).privateKeyPath },
        hostKey,
      },
    };
  };
  const sidebar = () => page.locator('tusk-connections-sidebar');
  const connectInSidebar = async (name: string) => {
    await sidebar()
      .getByRole('treeitem', { name: new RegExp(`^${name}`) })
      .click();
    await sidebar().getByRole('button', { name: 'Connect', exact: true }).click();
  };
  const prompt = () => page.locator('tusk-password-prompt');
  const hostKeyDialog = () => page.locator('tusk-host-key-dialog');
  const live = (id: string) =>
    page.waitForFunction(
      (id) =>
        (
          document.querySelector('tusk-app') as unknown as {
            services: { connections: { value: { live: Record<string, unknown> } } };
          }
        ).services.connections.value.live[id] !== undefined,
      id,
    );
  /** Answers the open prompt for `label` with `secret`; `remember` sets the checkbox. */
  const answer = async (label: string, secret: string, remember: boolean) => {
    const box = prompt().getByLabel(label, { exact: true });
    await box.waitFor();
    await box.fill(secret);
    const tick = prompt().getByRole('checkbox', { name: 'Remember in keychain' });
    if ((await tick.isChecked()) !== remember) await prompt().locator('wa-checkbox').click();
    expect(await tick.isChecked()).toBe(remember);
    await prompt().getByRole('button', { name: 'Connect', exact: true }).click();
  };
  const connectsSent = (id: string) =>
    sent.filter((m) => m.method === 'connections.connect' && m.params['id'] === id);

  it('PASSWORD_REQUIRED asks for the password; PASSWORD_REFUSED asks again, saying why; Remember sends remember', async () => {
    const name = 'Prompt password';
    const id = await saveShown(name);
    const saves = sent.filter((m) => m.method === 'connections.save').length;
    await connectInSidebar(name);
    await prompt()
      .getByRole('dialog', { name: `Connect to “${name}”` })
      .waitFor();
    expect(await prompt().getByRole('alert').count()).toBe(0);
    await answer('Password', wrong, true);
    await prompt().getByRole('alert').waitFor();
    expect(await prompt().getByRole('alert').innerText()).toContain('Check the password');
    await answer('Password', role.password, true);
    await prompt().waitFor({ state: 'detached' });
    await live(id);

    expect(inKeychain(`db:${id}`)).toBe(true);
    expect(await storedSecrets(id)).toEqual(['db']);
    expect(connectsSent(id).at(-1)!.params).toEqual({
      id,
      password: role.password,
      remember: ['password'],
    });
    expect(sent.filter((m) => m.method === 'connections.save').length).toBe(saves);
    await socket.call('connections.disconnect', { id });
    await socket.call('connections.delete', { id });
  }, 45_000);

  it('SSH_PASSWORD_REQUIRED and SSH_PASSWORD_REFUSED ask for the SSH password; not ticked, it is not kept', async () => {
    const name = 'Prompt SSH password';
    const id = await saveShown(name, {
      ...tunnel('password', sshd.info.hostKeyFingerprint),
      rememberPasswords: true,
    });
    await connectInSidebar(name);
    await answer('SSH password', wrong, false);
    await prompt().getByRole('alert').waitFor();
    await answer('SSH password', sshd.info.passwordUser!.password, false);
    await prompt().waitFor({ state: 'detached' });
    await live(id);
    expect(await storedSecrets(id)).toEqual(['db']);
    expect(inKeychain(`ssh:${id}`)).toBe(false);
    expect(connectsSent(id).at(-1)!.params['remember']).toBeUndefined();
    await socket.call('connections.disconnect', { id });
    await socket.call('connections.delete', { id });
  }, 45_000);

  it('SSH_PASSPHRASE_REQUIRED and SSH_PASSPHRASE_REFUSED ask for the passphrase; ticked, it is kept', async () => {
    const name = 'Prompt passphrase';
    const id = await saveShown(name, {
      ...tunnel('protected-key', sshd.info.hostKeyFingerprint),
      rememberPasswords: true,
    });
    await connectInSidebar(name);
    await prompt().getByText('The SSH key file is protected by a passphrase').waitFor();
    await answer('Passphrase', wrong, true);
    await prompt().getByRole('alert').waitFor();
    await answer('Passphrase', sshd.info.protectedKeyUser.passphrase, true);
    await prompt().waitFor({ state: 'detached' });
    await live(id);
    expect(inKeychain(`ssh_key:${id}`)).toBe(true);
    expect(await storedSecrets(id)).toEqual(['db', 'ssh_key']);
    await socket.call('connections.disconnect', { id });
    await socket.call('connections.delete', { id });
  }, 45_000);

  it('SSH_HOST_KEY_UNCONFIRMED shows the offered fingerprint to trust; trusted, it connects and is recorded', async () => {
    const name = 'Prompt new host key';
    const id = await saveShown(name, { ...tunnel('key', null), rememberPasswords: true });
    await connectInSidebar(name);
    await hostKeyDialog().getByRole('dialog', { name: 'Trust this SSH server?' }).waitFor();
    expect(await hostKeyDialog().locator('[data-test=fingerprint]').innerText()).toBe(
      sshd.info.hostKeyFingerprint,
    );
    await hostKeyDialog().getByRole('button', { name: 'Trust and connect' }).click();
    await live(id);
    expect(connectsSent(id).at(-1)!.params).toEqual({
      id,
      acceptHostKey: sshd.info.hostKeyFingerprint,
    });
    const saved = (await socket.call('connections.list', {})).find((c) => c.id === id)!;
    expect(saved.sshTunnel?.hostKey).toBe(sshd.info.hostKeyFingerprint);
    await socket.call('connections.disconnect', { id });
    await socket.call('connections.delete', { id });
  }, 45_000);

  it('SSH_HOST_KEY_CHANGED shows both fingerprints, asks for nothing, and does not connect', async () => {
    const name = 'Prompt changed host key';
    const recorded = `SHA256:${'B'.repeat(43)}`;
    const id = await saveShown(name, { ...tunnel('key', recorded), rememberPasswords: true });
    await connectInSidebar(name);
    const changed = hostKeyDialog().getByRole('dialog', { name: 'SSH host key changed' });
    await changed.waitFor();
    expect(await hostKeyDialog().locator('[data-test=recorded]').innerText()).toBe(recorded);
    expect(await hostKeyDialog().locator('[data-test=actual]').innerText()).toBe(
      sshd.info.hostKeyFingerprint,
    );
    await hostKeyDialog().locator('wa-button', { hasText: 'Close' }).click();
    await hostKeyDialog().waitFor({ state: 'detached' });
    expect(await prompt().count()).toBe(0);
    expect(await page.locator('tusk-app li.notice', { hasText: name }).count()).toBe(0);
    expect(await socket.call('connections.status', {})).toEqual([]);
    await socket.call('connections.delete', { id });
  }, 45_000);

  it('another code (a cleartext password refused) asks for nothing: it is told in a notice', async () => {
    const cleartext = pg.cleartext!;
    const name = 'Prompt cleartext';
    const id = await saveShown(name, {
      username: cleartext.username,
      password: cleartext.password,
      rememberPasswords: true,
      sslMode: 'disable',
    });
    await connectInSidebar(name);
    const notice = page.locator('tusk-app li.notice', { hasText: name });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('in clear text');
    expect(await prompt().count()).toBe(0);
    await socket.call('connections.delete', { id });
  }, 45_000);

  it('no secret typed in a prompt reached the data folder (SQLite, logs); no page error', async () => {
    expect(session.problems).toEqual([]);
    socket.close();
    closed = true;
    await session.close();
    const secrets = [
      role.password,
      wrong,
      sshd.info.passwordUser!.password,
      sshd.info.protectedKeyUser.passphrase,
    ];
    expect(filesUnder(dataDir).some((f) => f.endsWith('.db'))).toBe(true);
    expect(filesUnder(dataDir).some((f) => f.includes('/logs/'))).toBe(true);
    expect(filesContaining(dataDir, secrets)).toEqual([]);
  });
});
