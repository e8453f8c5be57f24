import type { PoolSession } from '../connections/pool-session';
import { endTransaction } from '../connections/session-reset';
import { TuskError } from '../errors/errors';
import { CsvFieldPicker } from './csv-fields';
import { copyStatement, importError, type CopySyntax } from './import-sql';
import type { ImportColumn } from './transfer-types';
import { UploadFeed } from './upload-feed';

/** The savepoint an import inside the tab's own open transaction works in. */
const SAVEPOINT = 'tusk_import';

/** What one import copies into, and how. */
export interface ImportPlan {
  table: { schema: string; name: string };
  columns: readonly ImportColumn[];
  syntax: CopySyntax;
}

/** Counts so far, for `import.progress`. */
export interface ImportCounts {
  /** Line breaks received (rows, roughly: a quoted value may hold one; the header counts). */
  lines: number;
  bytes: number;
}

/**
 * One import on one session (leased by the service): `BEGIN` (a savepoint inside the
 * tab's own open transaction), no statement timeout for it (`SET LOCAL`), then
 * `COPY … FROM STDIN` fed from the upload's parts, then `COMMIT` (`RELEASE`). Any failure,
 * a cancel included, rolls it back: nothing is inserted. When the mapping reads every
 * field of the file in order, the bytes go to COPY as they came; otherwise each record is
 * re-written with the mapped fields only ({@link CsvFieldPicker}).
 */
export class ImportRun {
  readonly feed = new UploadFeed();
  readonly counts: ImportCounts = { lines: 0, bytes: 0 };
  readonly #abort = new AbortController();
  #cancelled = false;

  constructor(
    readonly session: PoolSession,
    readonly plan: ImportPlan,
  ) {}

  /** True once {@link cancel} was called. */
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Stops it: CopyFail (or no COMMIT): rolled back. */
  cancel(): void {
    this.#cancelled = true;
    const reason = cancelledError();
    this.feed.close(reason);
    this.#abort.abort(reason);
  }

  /**
   * Runs it to its end: resolves with the rows committed; rejects with the import's error
   * (see importError: a bad line names its line and column), once rolled back.
   */
  async run(): Promise<number> {
    const session = this.session;
    const inTransaction = session.transaction === 'open';
    if (session.transaction === 'failed') {
      throw new TuskError(
        'validation',
        "This tab's transaction failed: the import cannot run in it",
        {
          hint: 'Roll it back (run ROLLBACK in the tab), then import again.',
        },
      );
    }
    let began = false;
    try {
      const timeout = await this.#begin(inTransaction);
      began = true;
      const statement = session.statement(
        copyStatement(this.plan.table, this.plan.columns, this.plan.syntax),
      );
      const rows = await statement.copyIn(this.#data(), { signal: this.#abort.signal });
      if (this.#cancelled) throw cancelledError();
      await this.#commit(inTransaction, timeout);
      return rows;
    } catch (error) {
      this.feed.close(error);
      if (began) await this.#rollBack(inTransaction).catch(() => undefined);
      throw this.#cancelled ? cancelledError() : importError(error);
    } finally {
      session.settle();
    }
  }

  /** BEGIN or SAVEPOINT, and no statement timeout; the timeout to put back in a savepoint. */
  async #begin(inTransaction: boolean): Promise<string | null> {
    const session = this.session;
    if (inTransaction) {
      if (session.localSettings && !session.localSettingsSent) {
        await session.sendLocalSettings({ begin: false });
      }
      const [row] = await session.query<{ timeout: string }>(
        `SAVEPOINT ${SAVEPOINT}; SELECT current_setting('statement_timeout') AS timeout`,
      );
      await session.query('SET LOCAL statement_timeout = 0');
      return row?.timeout ?? null;
    }
    if (session.localSettings) await session.sendLocalSettings({ begin: true });
    else await session.query('BEGIN');
    await session.query('SET LOCAL statement_timeout = 0');
    return null;
  }

  async #commit(inTransaction: boolean, timeout: string | null): Promise<void> {
    if (inTransaction) {
      await this.session.query("SELECT set_config('statement_timeout', $1, true)", [
        timeout ?? '0',
      ]);
      await this.session.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    } else {
      await endTransaction(this.session, true);
    }
  }

  async #rollBack(inTransaction: boolean): Promise<void> {
    if (!this.session.up) return;
    if (inTransaction) {
      await this.session.query(
        `ROLLBACK TO SAVEPOINT ${SAVEPOINT}; RELEASE SAVEPOINT ${SAVEPOINT}`,
      );
    } else {
      await endTransaction(this.session, false);
    }
  }

  /** The upload's bytes for COPY: as they came, or re-written with the mapped fields. */
  async *#data(): AsyncGenerator<Buffer> {
    const { columns, syntax } = this.plan;
    const sources = columns.map((c) => c.source);
    const counter = new CsvFieldPicker(syntax, null);
    const held: Buffer[] = [];
    const chunks = this.feed.chunks();
    // The first record's field count decides: every field, in order, goes straight in.
    let direct: boolean | null = null;
    let picker: CsvFieldPicker | null = null;
    for await (const chunk of chunks) {
      this.#count(chunk);
      if (direct === null) {
        held.push(chunk);
        counter.push(chunk);
        if (counter.firstFieldCount === null) continue;
        direct = isIdentity(sources, counter.firstFieldCount);
        picker = direct ? null : new CsvFieldPicker(syntax, sources);
        for (const piece of held.splice(0)) {
          const out = picker ? picker.push(piece) : piece;
          if (out.length) yield out;
        }
        continue;
      }
      const out = picker ? picker.push(chunk) : chunk;
      if (out.length) yield out;
    }
    if (direct === null) {
      // One record without a line break, or nothing.
      counter.end();
      direct = isIdentity(sources, counter.firstFieldCount ?? sources.length);
      picker = direct ? null : new CsvFieldPicker(syntax, sources);
      for (const piece of held) {
        const out = picker ? picker.push(piece) : piece;
        if (out.length) yield out;
      }
    }
    const rest = picker?.end();
    if (rest?.length) yield rest;
  }

  #count(chunk: Buffer): void {
    this.counts.bytes += chunk.length;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) this.counts.lines++;
  }
}

function isIdentity(sources: readonly number[], fields: number): boolean {
  return sources.length === fields && sources.every((s, i) => s === i);
}

/** The error of a cancelled import. */
export function cancelledError(): TuskError {
  return new TuskError('query_cancelled', 'The import was cancelled; nothing was inserted', {
    code: 'IMPORT_CANCELLED',
  });
}
