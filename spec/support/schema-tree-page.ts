import type { Page } from 'playwright-core';
import { DEMO_SCHEMA_SQL } from '../../app/models/app/demo-schema';
import { superuserSql, type PgServerInfo } from './postgres';

/** The sidebar's schema tree as a spec drives it (locators and keys), and its database. */
export interface SchemaTreePage {
  sidebar(): ReturnType<Page['locator']>;
  tree(): ReturnType<Page['locator']>;
  /** The tree row named `label` (a string: exactly that name). */
  node(label: string | RegExp): ReturnType<Page['locator']>;
  /** Runs `text` as superuser in the spec's database (what the tree must show). */
  catalog<T>(text: string): Promise<T[]>;
  /** The accessible name of the tree's active row (aria-activedescendant). */
  activeRow(): Promise<string | null>;
  /** Presses ArrowDown until the active row's name starts with `label` (40 at most). */
  downTo(label: string): Promise<void>;
}

/**
 * The schema tree of the page `page()` (read when called: the spec sets it in beforeAll)
 * on the database `database()` of server `pg`.
 */
export function schemaTreePage(
  page: () => Page,
  pg: PgServerInfo,
  database: () => string,
): SchemaTreePage {
  const sidebar = () => page().locator('tusk-connections-sidebar');
  const tree = () => sidebar().getByRole('tree', { name: 'Connections' });
  const activeRow = () =>
    page().evaluate(() => {
      const root = document
        .querySelector('tusk-app')!
        .shadowRoot!.querySelector('tusk-connections-sidebar')!.shadowRoot!;
      const id = root.querySelector('[role=tree]')!.getAttribute('aria-activedescendant');
      return id ? (root.getElementById(id)?.getAttribute('aria-label') ?? null) : null;
    });
  return {
    sidebar,
    tree,
    node: (label) =>
      tree().getByRole('treeitem', { name: label, exact: typeof label === 'string' }),
    async catalog<T>(text: string) {
      const sql = superuserSql(pg, { database: database() });
      try {
        return (await sql.unsafe(text)) as unknown as T[];
      } finally {
        await sql.end();
      }
    },
    activeRow,
    async downTo(label) {
      for (let i = 0; i < 40; i += 1) {
        if ((await activeRow())?.startsWith(label)) return;
        await page().keyboard.press('ArrowDown');
      }
      throw new Error(`no row ${label} below; at ${await activeRow()}`);
    },
  };
}

/**
 * Makes database `name`, owned by `owner`, holding the demo's shop (`DEMO_SCHEMA_SQL`) and
 * `extraSql`, all made as that role.
 */
export async function makeShopDatabase(
  pg: PgServerInfo,
  name: string,
  owner: string,
  extraSql = '',
): Promise<void> {
  const admin = superuserSql(pg);
  await admin.unsafe(`CREATE DATABASE ${name} OWNER ${owner}`);
  await admin.end();
  const shop = superuserSql(pg, { database: name });
  await shop.unsafe(`SET ROLE ${owner}; ${DEMO_SCHEMA_SQL}; ${extraSql}`);
  await shop.end();
}

/** Drops database `name` (ending its sessions); nothing when `name` is ''. */
export async function dropDatabase(pg: PgServerInfo, name: string): Promise<void> {
  if (!name) return;
  const admin = superuserSql(pg);
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
