import type { Kysely } from 'kysely';
import { z } from 'zod';
import { MAX_SQL_CHARS } from './history-repository';
import type { LocalSchema } from './local-schema';
import { fromZodError } from '../errors/validation-errors';

/** The workspace: its tabs (each with its SQL and connection), the active one, the layout. */
export const workspaceSchema = z
  .object({
    tabs: z
      .array(
        z
          .object({
            id: z.string().min(1).max(64),
            title: z.string().max(200),
            sql: z.string().max(MAX_SQL_CHARS, `is longer than ${MAX_SQL_CHARS} characters`),
            connectionId: z.string().min(1).max(64).nullable(),
          })
          .strict(),
      )
      .max(100),
    activeTabId: z.string().min(1).max(64).nullable(),
    layout: z
      .object({
        sidebarWidth: z.number().int().min(0).max(4000).default(260),
        resultsHeight: z.number().int().min(0).max(4000).default(320),
      })
      .strict()
      .default({ sidebarWidth: 260, resultsHeight: 320 }),
  })
  .strict();

/** The saved workspace. */
export type Workspace = z.output<typeof workspaceSchema>;

const KEY = 'workspace';

/** The workspace, kept in `ui_state`; the view saves it on every change (debounced). */
export class WorkspaceRepository {
  readonly #db: Kysely<LocalSchema>;

  constructor(db: Kysely<LocalSchema>) {
    this.#db = db;
  }

  /** The saved workspace, or an empty one. A stored value that no longer fits reads as empty. */
  async get(): Promise<Workspace> {
    const row = await this.#db
      .selectFrom('ui_state')
      .select('value')
      .where('key', '=', KEY)
      .executeTakeFirst();
    const parsed = row ? workspaceSchema.safeParse(JSON.parse(row.value)) : undefined;
    return parsed?.success ? parsed.data : workspaceSchema.parse({ tabs: [], activeTabId: null });
  }

  /** Replaces the saved workspace. @throws TuskError `validation`; nothing is stored then. */
  async save(input: unknown, now = new Date()): Promise<Workspace> {
    const parsed = workspaceSchema.safeParse(input);
    if (!parsed.success) throw fromZodError(parsed.error, 'Invalid workspace: nothing was saved');
    const value = JSON.stringify(parsed.data);
    const at = now.toISOString();
    await this.#db
      .insertInto('ui_state')
      .values({ key: KEY, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
    return parsed.data;
  }
}
