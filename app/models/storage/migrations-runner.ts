import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from '../../../db/migrations';
import { TuskError } from '../errors/errors';

/** Where Kysely records the migrations that ran (the data model's migrations table). */
export const MIGRATION_TABLE = 'migrations';

/** What {@link runMigrations} did. */
export interface MigrationReport {
  /** Names applied now, in order. */
  applied: string[];
  /** Names of every migration applied so far, including earlier runs. */
  all: string[];
}

/**
 * Applies the pending migrations one at a time, each in its own transaction.
 * @throws TuskError of kind `storage` naming the failed migration; that migration left
 *   nothing behind, the ones before it stay applied.
 */
export async function runMigrations(
  db: Kysely<unknown>,
  migrations: Record<string, Migration> = MIGRATIONS,
): Promise<MigrationReport> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
  });
  const applied: string[] = [];
  for (;;) {
    const { error, results = [] } = await migrator.migrateUp();
    const failed = results.find((r) => r.status === 'Error');
    if (error !== undefined || failed) {
      const name = failed?.migrationName ?? 'unknown';
      throw new TuskError(
        'storage',
        `Tusk's local database could not be upgraded (migration ${name} failed)`,
        {
          detail: error instanceof Error ? error.message : String(error),
          hint: 'Nothing was changed by that migration. Update Tusk or report the problem with the log; your data is as it was.',
          cause: error,
        },
      );
    }
    if (results.length === 0) break;
    applied.push(...results.map((r) => r.migrationName));
  }
  const all = (await migrator.getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
  return { applied, all };
}
