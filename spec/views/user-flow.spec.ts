import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { refusedPort } from '../support/net';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';
import { startSshd, type SshdInfo } from '../support/sshd';
import type { Supervised } from '../support/supervised';

/**
 * A user's first day, by accessible names only (roles, labels, visible text): a connection
 * made, tested, saved, connected, broken and fixed, one through an SSH tunnel whose host
 * key is confirmed, one deleted; and the same without the mouse.
 */
describe('a user flow through the workspace (Chromium, real PostgreSQL and sshd)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let sshd: Supervised<SshdInfo>;

  const sidebar = () => page.locator('tusk-connections-sidebar');
  const item = (name: string) =>
    sidebar().getByRole('treeitem', { name: new RegExp(`^${name}, `) });
  const itemIn = (name: string, state: string) =>
    sidebar().getByRole('treeitem', { name: new RegExp(`^${name}, ${state}`) });
  /** The connection dialog: its fields and buttons are slotted into the dialog element. */
  const dialog = () => page.locator('tusk-connection-dialog wa-dialog');
  const field = (label: string) => dialog().getByLabel(label, { exact: true });
  const button = (name: string) => dialog().getByRole('button', { name, exact: true });
  const statusBar = () => page.locator('tusk-status-bar');
  const dialogClosed = () =>
    page.locator('tusk-connection-dialog').getByRole('dialog').waitFor({ state: 'hidden' });

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_flow');
    [session, sshd] = await Promise.all([
      startShellSession(),
      startSshd([`${pg.host}:${pg.port}`]),
    ]);
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1200, height: 760 });
    await page.goto(session.backend.url);
    await statusBar().getByText('Connected to the Tusk backend').waitFor();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await sshd?.stop();
    await role?.drop();
  });

  const fillLogin = async (name: string) => {
    await field('Name').fill(name);
    await field('Host').fill(pg.host);
    await field('Port').fill(String(pg.port));
    await field('Database').fill(pg.database);
    await field('User').fill(role.role);
    await field('Password').fill(role.password);
  };

  it('new → test shows the version → save → connect → the status bar shows it', async () => {
    const name = `Flow ${role.suffix}`;
    await sidebar().getByRole('button', { name: 'New connection' }).click();
    await page.getByRole('dialog', { name: 'New connection' }).waitFor();
    await fillLogin(name);
    await button('Test connection').click();
    const tested = page.locator('tusk-connection-dialog [data-test=tested]');
    await tested.waitFor();
    expect(await tested.innerText()).toMatch(/^Connected to PostgreSQL \d+\.\d+/);
    await button('Save').click();
    await dialogClosed();
    await itemIn(name, 'disconnected').waitFor();
    await sidebar().getByRole('button', { name: 'Connect', exact: true }).click();
    await itemIn(name, 'connected').waitFor();
    const active = statusBar().locator('[data-test=active-connection]');
    await active.getByText(name).waitFor();
    expect(await active.innerText()).toMatch(/PostgreSQL \d+\.\d+/);
  });

  it('edit: a wrong port fails to connect with the hint shown in the dialog; fixed, it connects', async () => {
    const name = `Flow ${role.suffix}`;
    await item(name).click();
    await sidebar().getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('dialog', { name: `Edit connection: ${name}` }).waitFor();
    await field('Port').fill(String(await refusedPort()));
    await button('Connect').click();
    const error = page.locator('tusk-connection-dialog [data-test=error]');
    await error.waitFor();
    expect(await error.locator('[data-test=stage]').innerText()).toBe(
      'Failed while reaching the server (TCP)',
    );
    expect(await error.innerText()).toMatch(/refused|not accepting|listen/i);
    await field('Port').fill(String(pg.port));
    await field('Password').fill(role.password);
    await button('Connect').click();
    await dialogClosed();
    await itemIn(name, 'connected').waitFor();
  });

  it('through an SSH tunnel: the host key is shown and confirmed, then it connects', async () => {
    const name = `Flow SSH ${role.suffix}`;
    await sidebar().getByRole('button', { name: 'New connection' }).click();
    await fillLogin(name);
    // Web Awesome's switch draws over its input: reached by keyboard, as a user can.
    await dialog().getByRole('switch', { name: 'SSH tunnel' }).focus();
    await page.keyboard.press('Space');
    await field('SSH host').fill(sshd.info.host);
    await field('SSH port').fill(String(sshd.info.port));
    await field('SSH user').fill(sshd.info.keyUser.username);
    await dialog().getByRole('radio', { name: 'Key file' }).click();
    await field('Key file').fill(sshd.info.keyUser.privateKeyPath);
    await button('Save').click();
    await dialogClosed();
    await itemIn(name, 'disconnected').click();
    await sidebar().getByRole('button', { name: 'Connect', exact: true }).click();
    const trust = page.locator('tusk-host-key-dialog');
    await trust.getByRole('dialog', { name: 'Trust this SSH server?' }).waitFor();
    await trust.getByText(sshd.info.hostKeyFingerprint).waitFor();
    await trust.getByRole('button', { name: 'Trust and connect' }).click();
    await itemIn(name, 'connected').waitFor();
  });

  it('delete asks, naming the connection, and removes it', async () => {
    const name = `Flow SSH ${role.suffix}`;
    await item(name).click();
    await sidebar().getByRole('button', { name: 'Delete' }).click();
    const confirm = page.locator('tusk-confirm-dialog');
    await confirm.getByText(`Delete the connection “${name}”?`).waitFor();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await item(name).waitFor({ state: 'detached' });
  });

  it('keyboard only: a connection created and connected without the mouse', async () => {
    const name = `Keys ${role.suffix}`;
    /** Presses Tab until the focused control is the one labelled `label`. */
    const tabTo = async (label: string) => {
      for (let i = 0; i < 40; i += 1) {
        const focused = await page.evaluate(() => {
          let el = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          if (!el) return '';
          const host = (el.getRootNode() as ShadowRoot).host;
          return (
            el.getAttribute('aria-label') ??
            (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ??
            host?.getAttribute('label') ??
            ''
          );
        });
        if (focused === label) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached "${label}"`);
    };
    await page.keyboard.press('Alt+n');
    await page.getByRole('dialog', { name: 'New connection' }).waitFor();
    for (const [label, value] of [
      ['Name', name],
      ['Host', pg.host],
      ['Port', String(pg.port)],
      ['User', role.role],
      ['Password', role.password],
      ['Database', pg.database],
    ] as const) {
      await tabTo(label);
      await page.keyboard.press('Control+a');
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Enter');
    await dialogClosed();
    await itemIn(name, 'disconnected').waitFor();
    await page.keyboard.press('Alt+1');
    expect(await item(name).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await itemIn(name, 'connected').waitFor();
    await statusBar().locator('[data-test=active-connection]').getByText(name).waitFor();
  });

  it('shows no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
