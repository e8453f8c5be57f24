import type BetterSqlite3 from 'better-sqlite3';
import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';

/** SQLite runs DDL inside transactions; Kysely's adapter says it does not. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect over one better-sqlite3 connection, with transactional DDL so
 * that each migration runs in a transaction and a failed one leaves nothing behind.
 */
export class TuskSqliteDialect extends SqliteDialect {
  constructor(database: BetterSqlite3.Database) {
    super({ database });
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
