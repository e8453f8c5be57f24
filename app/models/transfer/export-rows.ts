/**
 * Where an export's rows come from, a batch at a time: a statement re-run inside a
 * read-only transaction with no statement timeout, read through a cursor (`FETCH` by
 * batches, so the server waits while the file is full: nothing is held but one batch),
 * or a held result's rows (a statement that writes is never re-run).
 */
import type { ConnectionPool } from '../connections/connection-pool';
import type { PoolSession } from '../connections/pool-session';
import {
  forEachMessage,
  type DescribedColumn,
  type DriverStatement,
} from '../driver/driver-statement';
import { describeColumns, ColumnTypeCache, type ResultColumn } from '../queries/column-types';
import type { ResultSet } from '../queries/result-set';

/** What reads an export's rows hands them to. */
export interface RowConsumer {
  /** The columns, named (`format_type`), before any row. */
  columns(columns: ResultColumn[]): Promise<void>;
  /** One row (cells as the server's text, null for NULL), formatted at once, kept until {@link flush}. */
  row(cells: (string | null)[]): void;
  /** Writes the rows formatted so far; resolves when it may have more (the file took them). */
  flush(): Promise<void>;
  /** True once the export was cancelled: stop reading. */
  readonly stopped: boolean;
}

/** The statement running now, so a cancel can stop it on the server. */
export interface RunningStatement {
  current: DriverStatement | null;
}

/**
 * Bytes of rows one FETCH aims at; its row count adapts to the rows' size. Small, so a
 * batch's strings die young (the rows are formatted as they arrive).
 */
const BATCH_BYTES = 512 * 1024;
const FIRST_BATCH_ROWS = 500;
const MAX_BATCH_ROWS = 5000;
/** The cursor's name: one export per session at a time. */
const CURSOR = 'tusk_export';

/** Cells of one DataRow message as strings (null for NULL). */
export function decodeRow(message: Buffer): (string | null)[] {
  const count = message.readInt16BE(5);
  const cells: (string | null)[] = new Array<string | null>(count);
  let at = 7;
  for (let i = 0; i < count; i++) {
    const length = message.readInt32BE(at);
    at += 4;
    if (length < 0) {
      cells[i] = null;
    } else {
      cells[i] = message.toString('utf8', at, at + length);
      at += length;
    }
  }
  return cells;
}

/** Names described columns with `format_type` (see describeColumns). */
export function nameColumns(
  pool: ConnectionPool,
  columns: readonly DescribedColumn[],
): Promise<ResultColumn[]> {
  return describeColumns(pool, new ColumnTypeCache(), [...columns]);
}

/**
 * Opens the export's transaction on `session`: `BEGIN READ ONLY` on an idle session (a
 * function the statement calls cannot write either), a savepoint made read-only inside a
 * tab's open transaction (its uncommitted rows and temporary tables are seen); no
 * statement timeout in either. Returns what ends it (ROLLBACK, or ROLLBACK TO the
 * savepoint, which restores the tab's settings).
 */
export async function openReadOnly(session: PoolSession): Promise<string> {
  const open = session.transaction === 'open';
  const begin = open ? `SAVEPOINT ${CURSOR}` : 'BEGIN READ ONLY';
  const settings = 'SET LOCAL transaction_read_only = on; SET LOCAL statement_timeout = 0';
  if (session.localSettings && !(open && session.localSettingsSent)) {
    // Behind a transaction pooler: the connection's settings first, then the export's.
    await session.query(begin);
    await session.sendLocalSettings({ begin: false });
    await session.query(settings);
  } else {
    await session.query(`${begin}; ${settings}`);
  }
  return open ? `ROLLBACK TO SAVEPOINT ${CURSOR}; RELEASE SAVEPOINT ${CURSOR}` : 'ROLLBACK';
}

/**
 * Streams the rows of `sql` (one statement that reads; `params` for its `$n`) to
 * `consumer`. A SELECT (or VALUES, TABLE, WITH … SELECT) goes through a cursor, a batch
 * per FETCH; anything else that returns rows (EXPLAIN, SHOW) in one go. The caller has
 * opened the transaction ({@link openReadOnly}). Resolves with the rows read.
 */
export async function streamStatement(
  pool: ConnectionPool,
  session: PoolSession,
  statement: { sql: string; params: readonly unknown[]; cursor: boolean },
  consumer: RowConsumer,
  running: RunningStatement,
): Promise<number> {
  let named = false;
  let total = 0;
  // Rows that come before the columns are named (the first batch) wait, copied.
  let early: Buffer[] = [];
  const run = async (text: string, params: readonly unknown[]) => {
    let rows = 0;
    let bytes = 0;
    const made = session.statement(text, params);
    running.current = made;
    try {
      const result = await made.run((buffer, start, end) =>
        forEachMessage(buffer, start, end, (from, to) => {
          const message = buffer.subarray(from, to);
          rows += 1;
          bytes += message.length;
          if (named) consumer.row(decodeRow(message));
          else early.push(Buffer.from(message));
        }),
      );
      return { result, rows, bytes };
    } finally {
      running.current = null;
    }
  };
  const deliver = async (columns: readonly DescribedColumn[] | null, rows: number) => {
    if (!named) {
      await consumer.columns(await nameColumns(pool, columns ?? []));
      named = true;
      for (const message of early) consumer.row(decodeRow(message));
      early = [];
    }
    total += rows;
    await consumer.flush();
  };
  if (!statement.cursor) {
    const { result, rows } = await run(statement.sql, statement.params);
    await deliver(result.columns, rows);
    return total;
  }
  const body = statement.sql.trim().replace(/;\s*$/, '');
  await run(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${body}`, statement.params);
  let count = FIRST_BATCH_ROWS;
  while (!consumer.stopped) {
    const { result, rows, bytes } = await run(`FETCH FORWARD ${count} FROM ${CURSOR}`, []);
    await deliver(result.columns, rows);
    if (rows < count) break;
    const perRow = bytes / Math.max(1, rows);
    count = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(BATCH_BYTES / perRow)));
  }
  return total;
}

/** Rows per step when exporting a held result. */
const HELD_STEP_ROWS = 1000;

/** Streams the rows a result holds (in the server's order, whole cells) to `consumer`. */
export async function streamHeld(
  set: ResultSet,
  columns: ResultColumn[],
  consumer: RowConsumer,
): Promise<number> {
  await consumer.columns(columns);
  const total = set.rowCount;
  for (let at = 0; at < total && !consumer.stopped; at += HELD_STEP_ROWS) {
    const { rows } = set.page(at, Math.min(HELD_STEP_ROWS, total - at), Number.MAX_SAFE_INTEGER);
    for (const row of rows) consumer.row(row);
    await consumer.flush();
  }
  return total;
}
