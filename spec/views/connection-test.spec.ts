import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';

describe('testing a connection from the shell (Chromium)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;

  beforeAll(async () => {
    session = await startShellSession();
    page = session.page;
    await page.goto(session.backend.url);
  }, 60_000);
  afterAll(() => session?.close());

  const form = () => page.locator('tusk-connection-test');
  const url = (database = pg.database) =>
    `postgres://${pg.username}@${pg.host}:${pg.port}/${database}?sslmode=require`;

  it('a wrong password shows the server message, the stage, the code and what to do', async () => {
    await form().getByLabel('URL').fill(url());
    const password = form().getByLabel('Password');
    expect(await password.getAttribute('type')).toBe('password');
    await password.fill('definitely-wrong');
    await password.press('Enter');
    const panel = form().locator('tusk-error-panel');
    await panel.locator('[data-test=message]').waitFor();
    expect(await panel.locator('[data-test=message]').innerText()).toBe(
      `password authentication failed for user "${pg.username}"`,
    );
    expect(await panel.locator('[data-test=hint]').innerText()).toMatch(
      /^What to do: Check the password and the user name/,
    );
    expect(await panel.locator('[data-test=facts]').innerText()).toBe(
      'Failed while logging in · SQLSTATE 28P01',
    );
    expect(await page.content()).not.toContain('definitely-wrong');
  });

  it('the right password shows the server, the user and that the session is encrypted', async () => {
    await form().getByLabel('Password').fill(pg.password);
    await form().getByRole('button', { name: 'Test' }).click();
    const connected = form().locator('[data-test=connected]');
    await connected.waitFor();
    expect(await connected.innerText()).toMatch(
      new RegExp(
        `^Connected to PostgreSQL \\d+\\.\\d+ as ${pg.username}, database ${pg.database}, encrypted \\(TLS\\), in \\d+ ms\\.$`,
      ),
    );
    expect(await form().locator('tusk-error-panel').count()).toBe(0);
  });

  it('an unknown database says where it failed; a bad URL is a validation error', async () => {
    await form().getByLabel('URL').fill(url('no_such_database'));
    await form().getByLabel('URL').press('Enter');
    const facts = form().locator('tusk-error-panel [data-test=facts]');
    await facts.getByText('Failed while opening the database · SQLSTATE 3D000').waitFor();

    await form().getByLabel('URL').fill('mysql://root@localhost/db');
    await form().getByLabel('URL').press('Enter');
    await form()
      .locator('tusk-error-panel [data-test=message]')
      .getByText('A connection URL starts with postgres:// or postgresql://, not mysql://')
      .waitFor();
  });

  it('no script error or CSP violation', () => {
    expect(session.problems).toEqual([]);
  });
});
