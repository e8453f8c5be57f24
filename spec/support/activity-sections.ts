import type { Locator, Page } from 'playwright-core';
import { startShellSession, type ShellSession } from './browser';
import type { PgServerInfo } from './postgres';
import { createLoginRole, type TestRole } from './secrets';
import { createShopDatabase, type ShopDatabase } from './shop-database';
import { openSocket, socketUrl, type TestSocket } from './socket';

/** The tags of the activity view's sections. */
export type SectionTag =
  | 'tusk-activity-charts'
  | 'tusk-activity-statements'
  | 'tusk-activity-database'
  | 'tusk-activity-settings';

/** A shell page with a role, its shop database and a connection to it, for section specs. */
export interface SectionsPage {
  session: ShellSession;
  page: Page;
  socket: TestSocket;
  user: TestRole;
  shop: ShopDatabase;
  connectionId: string;
  /**
   * Shows the section `tag` for the connection in the shell (inside `<tusk-app>`, so it
   * reaches the app's services), `size` px, over the page; resolves with its locator.
   */
  mount(tag: SectionTag, size?: { width: number; height: number }): Promise<Locator>;
  close(): Promise<void>;
}

/** Starts the shell with a role `prefix_*` connected to its own shop database. */
export async function startSectionsPage(pg: PgServerInfo, prefix: string): Promise<SectionsPage> {
  const user = await createLoginRole(pg, prefix);
  const shop = await createShopDatabase(pg, user);
  const session = await startShellSession();
  const page = session.page;
  page.setDefaultTimeout(15_000);
  await page.setViewportSize({ width: 1200, height: 760 });
  await page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.backend.url });
  const socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
  const saved = await socket.call(
    'connections.save',
    user.saveParams(`activity ${user.suffix}`, { database: shop.name }),
  );
  await socket.call('connections.connect', { id: saved.id });
  await page.goto(session.backend.url);
  await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
  await page.waitForFunction((id) => {
    const app = document.querySelector('tusk-app') as HTMLElement & {
      services: { connections: { value: { live: Record<string, unknown> } } };
    };
    return Boolean(app?.services?.connections.value.live[id]);
  }, saved.id);
  return {
    session,
    page,
    socket,
    user,
    shop,
    connectionId: saved.id,
    async mount(tag, size = { width: 1100, height: 640 }) {
      await page.evaluate(
        ({ tag, size, connectionId }) => {
          const app = document.querySelector('tusk-app')!;
          app.shadowRoot!.querySelector('#section-host')?.remove();
          const host = document.createElement('div');
          host.id = 'section-host';
          Object.assign(host.style, {
            position: 'fixed',
            left: '0',
            top: '0',
            width: `${size.width}px`,
            height: `${size.height}px`,
            display: 'flex',
            flexDirection: 'column',
            zIndex: '10',
            background: 'var(--tusk-bg)',
          });
          const element = document.createElement(tag) as HTMLElement & { connectionId: string };
          element.connectionId = connectionId;
          element.style.flex = '1';
          element.style.minHeight = '0';
          host.append(element);
          app.shadowRoot!.append(host);
        },
        { tag, size, connectionId: saved.id },
      );
      return page.locator(`#section-host ${tag}`);
    },
    async close() {
      socket.close();
      await session.close();
      await shop.drop();
      await user.drop();
    },
  };
}

/** Sets the shell's theme (`light`, `dark`) as the preference does, on `<html>`. */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((theme) => {
    const root = document.documentElement;
    root.classList.toggle('wa-dark', theme === 'dark');
    root.classList.toggle('wa-light', theme === 'light');
    root.dataset['theme'] = theme;
  }, theme);
}
