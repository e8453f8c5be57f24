import type { Kysely, Selectable } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import { TuskError } from '../errors/errors';
import { MAX_SQL_CHARS } from './history-repository';
import type { LocalSchema, SavedQueriesTable } from './local-schema';
import { isUniqueViolation } from '../errors/sqlite-errors';
import { fromZodError } from '../errors/validation-errors';

/** A saved query as the user gives it; `id` only when changing one. */
export const savedQueryInputSchema = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, 'is empty').max(200),
    sql: z.string().max(MAX_SQL_CHARS, `is longer than ${MAX_SQL_CHARS} characters`),
    /** "" for the top level; "reports/monthly" style paths are fine. */
    folder: z.string().trim().max(200).default(''),
    tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
    connectionId: z.string().min(1).max(64).nullable().default(null),
  })
  .strict();

/** A saved query. */
export interface SavedQuery {
  id: string;
  name: string;
  sql: string;
  folder: string;
  tags: string[];
  connectionId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Saved queries with folders and tags; a name is unique within its folder. */
export class SavedQueriesRepository {
  readonly #db: Kysely<LocalSchema>;

  constructor(db: Kysely<LocalSchema>) {
    this.#db = db;
  }

  /** Every saved query (or a folder's, or those with a tag), by folder then name. */
  async list(filter: { folder?: string; tag?: string } = {}): Promise<SavedQuery[]> {
    let query = this.#db.selectFrom('saved_queries').selectAll();
    if (filter.folder !== undefined) query = query.where('folder', '=', filter.folder);
    const rows = await query.orderBy('folder').orderBy('name').execute();
    const all = rows.map(fromRow);
    return filter.tag === undefined ? all : all.filter((q) => q.tags.includes(filter.tag!));
  }

  /**
   * Creates (no `id`) or changes (`id`) a saved query.
   * @throws TuskError `validation`: a bad field, a name taken in that folder, an unknown id.
   */
  async save(input: unknown, now = new Date()): Promise<SavedQuery> {
    const parsed = savedQueryInputSchema.safeParse(input);
    if (!parsed.success) throw fromZodError(parsed.error, 'Invalid saved query: nothing was saved');
    const { id, ...query } = parsed.data;
    const at = now.toISOString();
    const values = {
      name: query.name,
      sql: query.sql,
      folder: query.folder,
      tags_json: JSON.stringify([...new Set(query.tags)]),
      connection_id: query.connectionId,
      updated_at: at,
    };
    try {
      const target = id ?? uuidv4();
      if (id === undefined) {
        await this.#db
          .insertInto('saved_queries')
          .values({ ...values, id: target, created_at: at })
          .execute();
      } else {
        const result = await this.#db
          .updateTable('saved_queries')
          .set(values)
          .where('id', '=', id)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw unknownId(id);
      }
      return fromRow(
        await this.#db
          .selectFrom('saved_queries')
          .selectAll()
          .where('id', '=', target)
          .executeTakeFirstOrThrow(),
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        const where = query.folder ? `in the folder "${query.folder}"` : 'at the top level';
        throw new TuskError(
          'validation',
          `A saved query named "${query.name}" already exists ${where}`,
          {
            hint: 'Choose another name or folder, or open that query and save over it.',
          },
        );
      }
      throw error;
    }
  }

  /** @throws TuskError `validation` when no saved query has this id. */
  async delete(id: string): Promise<void> {
    const result = await this.#db
      .deleteFrom('saved_queries')
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw unknownId(id);
  }
}

function unknownId(id: string): TuskError {
  return new TuskError('validation', `No saved query has the id ${id}`, {
    hint: 'It may have been deleted in another window: reload the list.',
  });
}

function fromRow(row: Selectable<SavedQueriesTable>): SavedQuery {
  return {
    id: row.id,
    name: row.name,
    sql: row.sql,
    folder: row.folder,
    tags: JSON.parse(row.tags_json) as string[],
    connectionId: row.connection_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
