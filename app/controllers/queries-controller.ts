import { z } from 'zod';
import { MAX_SQL_CHARS } from '../models/storage/history-repository';
import { MAX_PAGE_ROWS, MAX_PARAMS, type QueryService } from '../models/queries/query-service';
import { COPY_FORMATS } from '../models/queries/result-copy';
import { MAX_SORT_KEYS } from '../models/queries/result-order';
import { loadParser } from '../models/sql/pg-parser';
import { splitSql } from '../models/sql/split';
import type { ExplainService } from '../models/plans/explain-service';
import { action } from './action';

const queryId = z.object({ queryId: z.uuid() }).strict();

/** A parameter of `$1…$n`: sent as text; null is NULL. */
const param = z.union([z.string().max(MAX_SQL_CHARS), z.number(), z.boolean(), z.null()]);

/** One key of a sort: a column (from 0) and its direction. */
const sortKey = z.object({ column: z.number().int().min(0), descending: z.boolean() }).strict();

/** Rows whose text holds `text` (ignoring case), in any column or only in `column`. */
const rowFilter = z
  .object({ text: z.string().min(1).max(1000), column: z.number().int().min(0).optional() })
  .strict();

/** The parameters of one statement (`$1…$n`). */
const params = z
  .array(param)
  .max(MAX_PARAMS, `At most ${MAX_PARAMS.toLocaleString('en')} parameters ($1…) per statement`);

/** EXPLAIN's options besides ANALYZE (`common/plan-shapes.ts`). */
const explainOptions = z
  .object({
    buffers: z.boolean().optional(),
    verbose: z.boolean().optional(),
    settings: z.boolean().optional(),
    wal: z.boolean().optional(),
    genericPlan: z.boolean().optional(),
  })
  .strict();

/**
 * `queries.execute/cancel/page/cell/copy/arrange/status/close/split/explain/plan`: user SQL
 * on an open connection, its result held by the backend and read page by page; the plans
 * of its statements.
 */
export function createQueriesController(queries: QueryService, explain: ExplainService) {
  return {
    /**
     * Tusk's own EXPLAIN (FORMAT JSON) of one statement, ANALYZE rolled back; `{queryId}`
     * at once, then the `query.*` events; its plan with `queries.plan`.
     */
    explain: action(
      z
        .object({
          connectionId: z.uuid(),
          sql: z.string().min(1).max(MAX_SQL_CHARS),
          tabId: z.string().min(1).max(64).optional(),
          params: params.optional(),
          analyze: z.boolean(),
          options: explainOptions,
        })
        .strict(),
      (input) =>
        explain.explain({
          connectionId: input.connectionId,
          sql: input.sql,
          analyze: input.analyze,
          options: input.options,
          ...(input.params ? { params: input.params.map(asText) } : {}),
          ...(input.tabId ? { tabId: input.tabId } : {}),
        }),
    ),
    /** The plan of an EXPLAIN's result (`result`: a statement of a script; the first by default). */
    plan: action(
      z.object({ queryId: z.uuid(), result: z.number().int().min(0).optional() }).strict(),
      ({ queryId, result }) => explain.plan(queryId, result),
    ),
    execute: action(
      z
        .object({
          connectionId: z.uuid(),
          sql: z.string().min(1).max(MAX_SQL_CHARS),
          params: params.optional(),
          tabId: z.string().min(1).max(64).optional(),
        })
        .strict(),
      (input) =>
        queries.execute({
          connectionId: input.connectionId,
          sql: input.sql,
          ...(input.params ? { params: input.params.map(asText) } : {}),
          ...(input.tabId ? { tabId: input.tabId } : {}),
        }),
    ),
    cancel: action(queryId, ({ queryId }) => queries.cancel(queryId)),
    status: action(queryId, ({ queryId }) => queries.status(queryId)),
    close: action(queryId, ({ queryId }) => queries.close(queryId)),
    page: action(
      z
        .object({
          queryId: z.uuid(),
          result: z.number().int().min(0).optional(),
          offset: z.number().int().min(0),
          limit: z.number().int().min(1).max(MAX_PAGE_ROWS),
        })
        .strict(),
      ({ queryId, offset, limit, result }) => queries.page(queryId, offset, limit, result),
    ),
    cell: action(
      z
        .object({
          queryId: z.uuid(),
          result: z.number().int().min(0).optional(),
          row: z.number().int().min(0),
          column: z.number().int().min(0),
        })
        .strict(),
      ({ queryId, row, column, result }) => queries.cell(queryId, row, column, result),
    ),
    copy: action(
      z
        .object({
          queryId: z.uuid(),
          result: z.number().int().min(0).optional(),
          rows: z
            .object({ from: z.number().int().min(0), to: z.number().int().min(0) })
            .strict()
            .refine((r) => r.to >= r.from, 'rows.to must not be below rows.from'),
          columns: z.array(z.number().int().min(0)).min(1).max(10_000),
          format: z.enum(COPY_FORMATS),
          headers: z.boolean(),
          table: z.string().min(1).max(200).optional(),
        })
        .strict(),
      ({ queryId, result, rows, columns, format, headers, table }) =>
        queries.copy(
          queryId,
          { from: rows.from, to: rows.to, columns, format, headers, ...(table ? { table } : {}) },
          result,
        ),
    ),
    arrange: action(
      z
        .object({
          queryId: z.uuid(),
          result: z.number().int().min(0).optional(),
          sort: z.array(sortKey).max(MAX_SORT_KEYS).optional(),
          filter: rowFilter.optional(),
          /** Stops the sort or filter running on the result; the one in force stays. */
          cancel: z.literal(true).optional(),
        })
        .strict()
        .refine((p) => !p.cancel || (p.sort === undefined && p.filter === undefined), {
          message: 'cancel takes no sort or filter',
        }),
      async ({ queryId, result, sort, filter, cancel }) =>
        cancel
          ? queries.cancelArrange(queryId, result)
          : queries.arrange(
              queryId,
              {
                sort: sort ?? [],
                filter: filter
                  ? {
                      text: filter.text,
                      ...(filter.column !== undefined ? { column: filter.column } : {}),
                    }
                  : null,
              },
              result,
            ),
    ),
    /**
     * The script's statements as a run reads them: ranges, kinds, whether each writes, and
     * the parameters (`$n`) each needs, and whether it is several joined by `\;` (`grouped`).
     * The views ask once per text and keep the answer.
     */
    split: action(z.object({ sql: z.string().max(MAX_SQL_CHARS) }).strict(), async ({ sql }) => {
      await loadParser();
      return splitSql(sql).map(
        ({ start, end, kind, writes, params, refusal, broken, grouped, danger }) => ({
          start,
          end,
          kind,
          writes,
          params: params ?? 0,
          ...(refusal ? { refusal } : {}),
          ...(broken ? { broken } : {}),
          ...(grouped ? { grouped } : {}),
          ...(danger ? { danger } : {}),
        }),
      );
    }),
  };
}

/** Parameters go to the server as text, which it casts to the type `$n` needs. */
function asText(value: string | number | boolean | null): string | null {
  return value === null ? null : String(value);
}
