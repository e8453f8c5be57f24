import { sql, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import type { LocalSchema, QueryHistoryTable } from './local-schema';
import { fromZodError } from '../errors/validation-errors';

/** Longest SQL text Tusk keeps in history, saved queries and tabs (characters). */
export const MAX_SQL_CHARS = 1_000_000;

/** One run of a statement, as the query runner reports it. */
export const historyInputSchema = z
  .object({
    connectionId: z.string().min(1).max(64).nullable(),
    sql: z.string().min(1).max(MAX_SQL_CHARS, `is longer than ${MAX_SQL_CHARS} characters`),
    startedAt: z.iso.datetime(),
    durationMs: z.number().int().min(0).nullable(),
    rowCount: z.number().int().min(0).nullable(),
    outcome: z.enum(['ok', 'error', 'cancelled', 'timeout']),
    sqlstate: z.string().length(5).nullable(),
  })
  .strict();

/** What {@link HistoryRepository.add} takes. */
export type HistoryInput = z.input<typeof historyInputSchema>;

/** A history entry; `runCount` counts consecutive runs of the same text folded into it. */
export interface HistoryEntry extends Omit<HistoryInput, never> {
  id: number;
  runCount: number;
}

/** Options of {@link HistoryRepository.search}. */
export interface HistorySearch {
  /** Words to find (each a prefix, all required); empty or absent lists everything. */
  text?: string;
  connectionId?: string;
  /** Newest first; default 100, at most 1000. */
  limit?: number;
}

/** Query history with full-text search (FTS5), retention and folding of repeats. */
export class HistoryRepository {
  readonly #db: Kysely<LocalSchema>;

  constructor(db: Kysely<LocalSchema>) {
    this.#db = db;
  }

  /**
   * Records a run. The same text run again on the same connection right after (nothing in
   * between) is folded into the previous entry: its count goes up, its time and outcome
   * become the latest. @throws TuskError `validation` for bad input; nothing is stored.
   */
  async add(input: HistoryInput): Promise<HistoryEntry> {
    const parsed = historyInputSchema.safeParse(input);
    if (!parsed.success)
      throw fromZodError(parsed.error, 'Invalid history entry: nothing was saved');
    const entry = parsed.data;
    return this.#db.transaction().execute(async (trx) => {
      const latest = await trx
        .selectFrom('query_history')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const run = {
        started_at: entry.startedAt,
        duration_ms: entry.durationMs,
        row_count: entry.rowCount,
        outcome: entry.outcome,
        sqlstate: entry.sqlstate,
      };
      if (latest && latest.sql === entry.sql && latest.connection_id === entry.connectionId) {
        await trx
          .updateTable('query_history')
          .set({ ...run, run_count: latest.run_count + 1 })
          .where('id', '=', latest.id)
          .execute();
        return fromRow({ ...latest, ...run, run_count: latest.run_count + 1 });
      }
      const inserted = await trx
        .insertInto('query_history')
        .values({ ...run, connection_id: entry.connectionId, sql: entry.sql })
        .returningAll()
        .executeTakeFirstOrThrow();
      return fromRow(inserted);
    });
  }

  /** Entries matching `text` (every word as a prefix), newest first. */
  async search(options: HistorySearch = {}): Promise<HistoryEntry[]> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    const match = ftsQuery(options.text ?? '');
    let query = this.#db.selectFrom('query_history').selectAll('query_history');
    if (match) {
      query = query.where(
        'id',
        'in',
        sql<number>`(SELECT rowid FROM query_history_fts WHERE query_history_fts MATCH ${match})`,
      );
    }
    if (options.connectionId) query = query.where('connection_id', '=', options.connectionId);
    const rows = await query
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** Deletes every entry, or a connection's; returns how many. */
  async clear(connectionId?: string): Promise<number> {
    let query = this.#db.deleteFrom('query_history');
    if (connectionId) query = query.where('connection_id', '=', connectionId);
    return Number((await query.executeTakeFirst()).numDeletedRows);
  }

  /** Deletes entries started more than `days` days before `now`; returns how many. */
  async prune(days: number, now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    const result = await this.#db
      .deleteFrom('query_history')
      .where('started_at', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** `select users` → `"select"* "users"*`: every word a quoted prefix, so no FTS syntax leaks in. */
function ftsQuery(text: string): string {
  return text
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean)
    .slice(0, 20)
    .map((word) => `"${word}"*`)
    .join(' ');
}

function fromRow(row: Selectable<QueryHistoryTable>): HistoryEntry {
  return {
    id: row.id,
    connectionId: row.connection_id,
    sql: row.sql,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    rowCount: row.row_count,
    outcome: row.outcome,
    sqlstate: row.sqlstate,
    runCount: row.run_count,
  };
}
