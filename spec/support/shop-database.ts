import { superuserSql, type PgServerInfo } from './postgres';
import type { TestRole } from './secrets';

/** The shop's tables, made by the role that owns the database. */
const SHOP = `
  CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, country text);
  CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer_id integer REFERENCES customers,
    total numeric(12,2),
    created_at timestamptz DEFAULT now()
  );
  CREATE TABLE "MixedCase" (id integer, "LongColumnName" text);
  CREATE SCHEMA other_schema;
  CREATE TABLE other_schema.tbl (id integer, note text);
  INSERT INTO customers VALUES (1, 'Ada', 'UK');
  INSERT INTO orders VALUES (10, 1, 12.50, now());`;

/** A database of one spec's own, owned by its role. */
export interface ShopDatabase {
  name: string;
  /** Runs `sql` in it as the superuser; its rows. */
  admin(sql: string): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

/**
 * Creates `tusk_shop_<role suffix>` owned by `role`, with a small shop made by the role:
 * customers, orders, a table `"MixedCase"` with a column `"LongColumnName"`, and
 * `other_schema.tbl` (a schema off the default search_path). `drop()` removes it.
 */
export async function createShopDatabase(pg: PgServerInfo, role: TestRole): Promise<ShopDatabase> {
  const name = `tusk_shop_${role.suffix}`;
  const server = superuserSql(pg);
  await server.unsafe(`CREATE DATABASE ${name} OWNER ${role.role}`);
  await server.end();
  const admin = async (sql: string) => {
    const db = superuserSql(pg, { database: name });
    try {
      return [...(await db.unsafe(sql))];
    } finally {
      await db.end();
    }
  };
  await admin(`SET ROLE ${role.role}; ${SHOP}`);
  return {
    name,
    admin,
    async drop() {
      const end = superuserSql(pg);
      await end.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await end.end();
    },
  };
}
