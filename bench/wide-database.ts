// The database of the schema bench: TABLES tables × 10 columns in schema `wide` (plus one
// table in `public` with a column no other has, `shipping_carrier`), made once in a database of its own on the harness's PostgreSQL, in
// transactions of 500 tables (one transaction would run out of lock slots).
import { Client } from 'pg';
import type { PgInfo } from './serve-backend';

/** How many tables the bench's database holds. */
export const TABLES = Number(process.env['TUSK_BENCH_TABLES'] ?? 20_000);
const BATCH = 500;

/** The ten columns of every table: one of each common type. */
const COLUMNS = [
  'id bigint PRIMARY KEY',
  'customer_id integer NOT NULL',
  'title text',
  'amount numeric(12,2)',
  'created_at timestamptz DEFAULT now()',
  'active boolean',
  'payload jsonb',
  'code character varying(40)',
  'ratio double precision',
  'note text',
].join(', ');

/**
 * Makes database `name` with {@link TABLES} tables (dropping one of that name first);
 * resolves with the time it took, ms.
 */
export async function makeWideDatabase(pg: PgInfo, name: string): Promise<number> {
  const started = performance.now();
  const admin = new Client({ ...pg, user: pg.username });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = new Client({ ...pg, user: pg.username, database: name });
  await db.connect();
  await db.query('CREATE SCHEMA wide');
  await db.query('CREATE TABLE public.shipments (id bigint PRIMARY KEY, shipping_carrier text)');
  for (let first = 1; first <= TABLES; first += BATCH) {
    const last = Math.min(TABLES, first + BATCH - 1);
    await db.query(`DO $$ BEGIN
      FOR i IN ${first}..${last} LOOP
        EXECUTE format('CREATE TABLE wide.%I (${COLUMNS})', 't' || lpad(i::text, 5, '0'));
      END LOOP; END $$`);
  }
  await db.query('ANALYZE');
  await db.end();
  return performance.now() - started;
}

/** Drops database `name` (ending its other sessions first). */
export async function dropWideDatabase(pg: PgInfo, name: string): Promise<void> {
  const admin = new Client({ ...pg, user: pg.username });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
