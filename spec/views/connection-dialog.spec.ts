import type { Locator, Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { refusedPort } from '../support/net';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, type TestSocket } from '../support/socket';
import { startSshd, type SshdInfo } from '../support/sshd';
import type { Supervised } from '../support/supervised';
import { waitUntil } from '../support/wait';
import { docsScreenshots } from '../support/screenshots';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

describe('the connection dialog in Chromium (real PostgreSQL and sshd)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let socket: TestSocket;
  let role: TestRole;
  let sshd: Supervised<SshdInfo>;
  const notFound: string[] = [];

  beforeAll(async () => {
    [session, role, sshd] = await Promise.all([
      startShellSession(),
      createLoginRole(pg, 'tusk_dialog'),
      startSshd([`127.0.0.1:${pg.port}`]),
    ]);
    page = session.page;
    page.on('response', (r) => {
      if (r.status() >= 400) notFound.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.setViewportSize({ width: 1180, height: 860 });
    await page.goto(session.backend.url);
    await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
    socket = await openSocket(`${session.backend.url.replace(/^http/, 'ws')}ws`);
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await sshd?.stop();
    await role?.drop();
  });

  const saved = () => socket.call('connections.list', {});

  const host = () => page.locator('tusk-connection-dialog');
  /** The dialog's element: its fields and buttons are its children (slotted), not the inner <dialog>'s. */
  const dialog = () => host().locator('wa-dialog.connection');
  const field = (label: string) => dialog().getByLabel(label, { exact: true });
  const button = (name: string) => dialog().getByRole('button', { name, exact: true });
  /** The message shown under a field (its hint slot). */
  const messageOf = (field: string) =>
    host().locator(`[data-field=${field}] [data-test=error]`).innerText();
  const open = async (request: { mode: string; id?: string }) => {
    // As a component asks for it: the shell's dialog host opens it.
    await page.evaluate((r) => {
      const ask = new Event('tusk-show-dialog', { bubbles: true, composed: true });
      Object.assign(ask, { dialog: 'tusk-connection-dialog', params: r, answer: null });
      document.querySelector('tusk-app')!.dispatchEvent(ask);
    }, request);
    await field('Name').waitFor();
  };
  const closed = () => host().getByRole('dialog').waitFor({ state: 'hidden' });
  const paste = (target: Locator, text: string) =>
    target.evaluate((input, value) => {
      const data = new DataTransfer();
      data.setData('text/plain', value);
      input.dispatchEvent(
        new ClipboardEvent('paste', {
          clipboardData: data,
          bubbles: true,
          composed: true,
          cancelable: true,
        }),
      );
    }, text);
  const sslMode = () =>
    host()
      .locator('wa-select[data-field=sslMode]')
      .evaluate((el) => (el as HTMLSelectElement).value);
  /** The focused element through the shadow roots: `tag[aria-label or label]`. */
  const focusedLabel = () =>
    page.evaluate(() => {
      let at: Element | null = document.activeElement;
      while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
      const root = at?.getRootNode() as ShadowRoot | undefined;
      return root?.host?.getAttribute('label') ?? '';
    });
  const url = () =>
    `postgres://${encodeURIComponent(role.role)}:${encodeURIComponent(role.password)}@${pg.host}:${pg.port}/${pg.database}?sslmode=require&connect_timeout=5`;
  /** Fills the General fields for the test role (by their accessible names). */
  const fillRole = async (name: string) => {
    await field('Name').fill(name);
    await field('Host').fill(pg.host);
    await field('Port').fill(String(pg.port));
    await field('User').fill(role.role);
    await field('Password').fill(role.password);
    await field('Database').fill(pg.database);
  };

  it('opens with the focus on Name and the defaults of a new connection', async () => {
    await open({ mode: 'new' });
    await page.waitForFunction(() => {
      let at: Element | null = document.activeElement;
      while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
      return at?.localName === 'input';
    });
    expect(await focusedLabel()).toBe('Name');
    await host().getByRole('dialog', { name: 'New connection' }).waitFor();
    expect(await field('Host').inputValue()).toBe('localhost');
    expect(await field('Port').inputValue()).toBe('5432');
    expect(await sslMode()).toBe('prefer');
    expect(await field('Password').getAttribute('type')).toBe('password');
    await page.keyboard.press('Escape');
    await closed();
  });

  it('a postgres:// URL pasted into Host, or into URL, fills the fields', async () => {
    await open({ mode: 'new' });
    await paste(field('Host'), url());
    expect(await field('Host').inputValue()).toBe(pg.host);
    expect(await field('Port').inputValue()).toBe(String(pg.port));
    expect(await field('User').inputValue()).toBe(role.role);
    expect(await field('Password').inputValue()).toBe(role.password);
    expect(await field('Database').inputValue()).toBe(pg.database);
    expect(await field('Connect timeout').inputValue()).toBe('5000');
    expect(await sslMode()).toBe('require');

    await field('URL').fill('postgresql://someone@db.example.com/other?sslmode=disable');
    await field('URL').press('Enter');
    expect(await field('Host').inputValue()).toBe('db.example.com');
    expect(await field('Port').inputValue()).toBe('5432');
    expect(await field('User').inputValue()).toBe('someone');
    expect(await sslMode()).toBe('disable');
    expect(await field('URL').inputValue()).toBe('');
    expect(await saved()).toEqual([]);
    await button('Cancel').click();
    await closed();
  });

  it('"Test connection" shows the server version, TLS and the latency', async () => {
    await open({ mode: 'new' });
    await paste(field('Host'), url());
    await button('Test connection').click();
    const tested = host().locator('[data-test=tested]');
    await tested.waitFor();
    expect(await tested.locator('[data-test=server-version]').innerText()).toMatch(/^\d+\.\d+/);
    expect(await tested.locator('[data-test=facts]').innerText()).toMatch(
      new RegExp(`^as ${role.role} on ${pg.database} · TLS · \\d+ ms · read-write$`),
    );
    await field('Password').fill('wrong-password');
    await button('Test connection').click();
    const error = host().locator('[data-test=error]');
    await error.waitFor();
    expect(await error.locator('[data-test=message]').innerText()).toContain(
      'password authentication failed',
    );
    expect(await error.locator('[data-test=hint]').innerText()).not.toBe('');
    expect(await error.locator('[data-test=stage]').innerText()).toBe(
      'Failed while logging in · SQLSTATE 28P01',
    );
    await button('Cancel').click();
    await closed();
    expect(await saved()).toEqual([]);
  });

  it('an empty host and port 70000 show their messages next to the fields; nothing is saved', async () => {
    await open({ mode: 'new' });
    await fillRole('invalid one');
    await field('Host').fill('');
    await field('Port').fill('70000');
    await button('Save').click();
    expect(await messageOf('host')).toBe('Host is empty');
    expect(await messageOf('port')).toBe('Port must be at most 65535');
    expect(await field('Host').getAttribute('aria-invalid')).toBe('true');
    expect(await field('Port').getAttribute('aria-invalid')).toBe('true');
    expect(await field('User').getAttribute('aria-invalid')).toBe('false');
    expect(await focusedLabel()).toBe('Host');

    // What only the backend knows comes back the same way, next to its field.
    await field('Host').fill('not a host!');
    await field('Port').fill('5432');
    expect(await host().locator('[data-test=error]').count()).toBe(0);
    await button('Save').click();
    await host().locator('[data-field=host] [data-test=error]').waitFor();
    expect(await messageOf('host')).toBe('Host must be a host name or an IP address');
    expect(await field('Port').getAttribute('aria-invalid')).toBe('false');
    expect(await saved()).toEqual([]);
    await button('Cancel').click();
    await closed();
  });

  let mainId = '';

  it('Enter in a field saves: the connection is stored with its password, and selected', async () => {
    await open({ mode: 'new' });
    await fillRole('Dialog main');
    await dialog().getByRole('radio', { name: 'Teal' }).click();
    await field('Statement timeout').fill('15000');
    await field('Pool size').fill('2');
    await field('Database').press('Enter');
    await closed();
    const [connection] = await saved();
    expect(connection).toMatchObject({
      name: 'Dialog main',
      host: pg.host,
      port: pg.port,
      username: role.role,
      database: pg.database,
      sslMode: 'prefer',
      sshTunnel: null,
      statementTimeoutMs: 15000,
      poolSize: 2,
      color: 'teal',
      storedSecrets: ['db'],
    });
    mainId = connection.id;
    await page.waitForFunction((id) => {
      const app = document.querySelector('tusk-app') as unknown as {
        services: { connections: { value: { activeId: string | null } } };
      };
      return app.services.connections.value.activeId === id;
    }, mainId);
  });

  it('edit: a wrong port makes Connect fail with the hint in the dialog; fixed, it connects', async () => {
    await open({ mode: 'edit', id: mainId });
    await host().getByRole('dialog', { name: 'Edit connection: Dialog main' }).waitFor();
    expect(await field('Password').inputValue()).toBe('');
    expect(await field('Password').getAttribute('placeholder')).toBe('saved in the keychain');
    const closedPort = await refusedPort();
    await field('Port').fill(String(closedPort));
    await button('Connect').click();
    const error = host().locator('[data-test=error]');
    await error.waitFor();
    expect(await error.locator('[data-test=stage]').innerText()).toBe(
      'Failed while reaching the server (TCP)',
    );
    expect(await error.locator('[data-test=hint]').innerText()).not.toBe('');
    expect((await saved())[0].port).toBe(closedPort);

    await field('Port').fill(String(pg.port));
    await field('Password').fill(role.password);
    await button('Connect').click();
    await closed();
    const [status] = await socket.call('connections.status', {});
    expect(status).toMatchObject({ id: mainId, tls: true, pool: { size: 2 } });
    expect((await saved())[0].port).toBe(pg.port);
  });

  it('duplicate: "<name> copy", without the id, the secrets or the host key', async () => {
    await open({ mode: 'duplicate', id: mainId });
    expect(await field('Name').inputValue()).toBe('Dialog main copy');
    expect(await field('Password').inputValue()).toBe('');
    await field('Password').fill(role.password);
    await button('Save').click();
    await closed();
    const copy = (await saved()).find((c) => c.name === 'Dialog main copy');
    expect(copy).toMatchObject({ port: pg.port, color: 'teal', storedSecrets: ['db'] });
    expect(copy?.id).not.toBe(mainId);
  });

  /** Turns the tunnel on and fills it for the sshd's key user. */
  const fillTunnel = async () => {
    await dialog().getByRole('switch', { name: 'SSH tunnel' }).focus();
    await page.keyboard.press('Space');
    await field('SSH host').fill(sshd.info.host);
    await field('SSH port').fill(String(sshd.info.port));
    await field('SSH user').fill(sshd.info.keyUser.username);
    await dialog().getByRole('radio', { name: 'Key file' }).click();
    await field('Key file').fill(sshd.info.keyUser.privateKeyPath);
  };
  const hostKeyDialog = () => page.locator('tusk-host-key-dialog');

  it('through an SSH tunnel: the host key is shown and trusted, the test passes, Save keeps it', async () => {
    await open({ mode: 'new' });
    await fillRole('Dialog via SSH');
    await field('Host').fill('127.0.0.1');
    await fillTunnel();
    await button('Test connection').click();
    await hostKeyDialog().getByRole('dialog', { name: 'Trust this SSH server?' }).waitFor();
    expect(await hostKeyDialog().locator('[data-test=fingerprint]').innerText()).toBe(
      sshd.info.hostKeyFingerprint,
    );
    await hostKeyDialog().getByRole('button', { name: 'Trust and connect' }).click();
    const tested = host().locator('[data-test=tested]');
    await tested.waitFor({ timeout: 15_000 });
    expect(await tested.locator('[data-test=facts]').innerText()).toContain('via SSH');
    expect(await host().locator('[data-test=host-key]').innerText()).toBe(
      sshd.info.hostKeyFingerprint,
    );
    await button('Save').click();
    await closed();
    const viaSsh = (await saved()).find((c) => c.name === 'Dialog via SSH');
    expect(viaSsh?.sshTunnel).toEqual({
      host: sshd.info.host,
      port: sshd.info.port,
      username: sshd.info.keyUser.username,
      auth: { method: 'key', privateKeyPath: sshd.info.keyUser.privateKeyPath },
      localPort: null,
      hostKey: sshd.info.hostKeyFingerprint,
    });
  }, 45_000);

  it('an untrusted host key tests nothing, and Cancel leaves no draft behind', async () => {
    const before = (await saved()).length;
    await open({ mode: 'new' });
    await fillRole('Dialog draft');
    await field('Host').fill('127.0.0.1');
    await fillTunnel();
    await button('Test connection').click();
    await hostKeyDialog().getByRole('button', { name: 'Cancel' }).click();
    await host().getByText('Not tested: the SSH host key was not trusted.').waitFor();
    await button('Cancel').click();
    await closed();
    await page.waitForTimeout(200);
    expect((await saved()).length).toBe(before);
  }, 45_000);

  it('a changed SSH host key is refused with both fingerprints shown', async () => {
    const recorded = `SHA256:${'A'.repeat(43)}`;
    const changed = await socket.call('connections.save', {
      ...role.saveParams('Dialog changed key', { host: '127.0.0.1', sslMode: 'prefer' }),
      sshTunnel: {
        host: sshd.info.host,
        port: sshd.info.port,
        username: sshd.info.keyUser.username,
        auth: { method: 'key', privateKeyPath: sshd.info.keyUser.privateKeyPath },
        hostKey: recorded,
      },
    });
    await page.evaluate(() =>
      (
        document.querySelector('tusk-app') as unknown as {
          services: { connections: { load(): Promise<void> } };
        }
      ).services.connections.load(),
    );
    await open({ mode: 'edit', id: changed.id });
    await button('Test connection').click();
    const error = host().locator('[data-test=error]');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.locator('[data-test=message]').innerText()).toContain('has changed');
    expect(await error.locator('[data-test=recorded]').innerText()).toBe(recorded);
    expect(await error.locator('[data-test=actual]').innerText()).toBe(
      sshd.info.hostKeyFingerprint,
    );
    await button('Cancel').click();
    await closed();
  }, 45_000);

  it('the sidebar’s Connect asks for a missing password, shows a refused one, and remembers it', async () => {
    const stored = await socket.call('connections.save', {
      ...role.saveParams('Dialog no password'),
      rememberPasswords: false,
    });
    expect(stored.storedSecrets).toEqual([]);
    await page.evaluate(() =>
      (
        document.querySelector('tusk-app') as unknown as {
          services: { connections: { load(): Promise<void> } };
        }
      ).services.connections.load(),
    );
    const sidebar = page.locator('tusk-connections-sidebar');
    await sidebar.getByRole('treeitem', { name: /^Dialog no password/ }).click();
    await sidebar.getByRole('button', { name: 'Connect', exact: true }).click();
    const prompt = page.locator('tusk-password-prompt');
    await prompt.getByRole('dialog', { name: 'Connect to “Dialog no password”' }).waitFor();
    expect(
      await prompt.getByText(`The server asks for the password of "${role.role}"`).count(),
    ).toBe(1);
    await prompt.getByLabel('Password', { exact: true }).fill('not-the-password');
    await prompt.getByLabel('Password', { exact: true }).press('Enter');
    await prompt.getByRole('alert').waitFor();
    expect(await prompt.getByRole('alert').innerText()).not.toBe('');
    const secret = prompt.getByLabel('Password', { exact: true });
    expect(await secret.inputValue()).toBe('');
    await secret.fill(role.password);
    expect(await prompt.getByRole('checkbox', { name: 'Remember in keychain' }).isChecked()).toBe(
      true,
    );
    await prompt.getByRole('button', { name: 'Connect', exact: true }).click();
    await prompt.waitFor({ state: 'detached' });
    await page.waitForFunction(
      (id) =>
        (
          document.querySelector('tusk-app') as unknown as {
            services: { connections: { value: { live: Record<string, unknown> } } };
          }
        ).services.connections.value.live[id] !== undefined,
      stored.id,
    );
    const secrets = async () =>
      (await saved()).find((c) => c.id === stored.id)?.storedSecrets ?? [];
    await waitUntil(async () => (await secrets()).length > 0);
    expect(await secrets()).toEqual(['db']);
  });

  it('is captured in light and dark for the README (docs/screenshots)', async () => {
    await open({ mode: 'new' });
    await fillRole('Production (read-only)');
    await dialog().getByRole('radio', { name: 'Red' }).click();
    await field('Host').fill(pg.host);
    await button('Test connection').click();
    await host().locator('[data-test=tested]').waitFor();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.waitForFunction(
        (t) => document.documentElement.classList.contains(`wa-${t}`),
        theme,
      );
      await page.waitForTimeout(250);
      await page.screenshot({ path: shots.path(`connection-dialog-${theme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await button('Cancel').click();
    await closed();
  });

  it('renders with no CSP violation, script error or missing file', () => {
    expect(notFound).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});
