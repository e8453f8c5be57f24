/**
 * One export's run: reads its rows (export-rows.ts) on a session of its own (or its tab's),
 * writes them through its format's writer into a stream (a file, an HTTP response),
 * waiting whenever the stream is full, and stops within 2 s when cancelled — on the server
 * too (the escalating cancel of queries).
 */
import type { Writable } from 'node:stream';
import type { ConnectionPool } from '../connections/connection-pool';
import type { PoolSession } from '../connections/pool-session';
import { isPostgresError, fromPostgresError } from '../errors/postgres-errors';
import { isTuskError, TuskError } from '../errors/errors';
import { escalateCancel, type CancelOutcome } from '../queries/cancel';
import type { TabSessions } from '../sessions/tab-sessions';
import { openReadOnly, streamHeld, streamStatement, type RunningStatement } from './export-rows';
import type { ExportPlan } from './export-source';
import type { ExportWriter } from './export-writer';

/** Text gathered before it is written (a few writes per batch, not one per row). */
const WRITE_CHUNK = 256 * 1024;

interface Lease {
  session: PoolSession;
  release(): void;
  discard(): Promise<void>;
}

/** The error of a cancelled export. */
export function cancelledError(): TuskError {
  return new TuskError('query_cancelled', 'The export was cancelled', {
    code: 'EXPORT_CANCELLED',
    hint: 'Its partial file was removed; start it again when you want it.',
  });
}

/** An export being run. Run it once ({@link run}); {@link cancel} stops it. */
export class ExportJob {
  rows = 0;
  bytes = 0;
  readonly began = performance.now();
  #cancelled = false;
  readonly #running: RunningStatement = { current: null };
  #cancel: Promise<CancelOutcome> | null = null;
  #lease: Lease | null = null;
  #out: Writable | null = null;

  constructor(
    private readonly parts: {
      plan: ExportPlan;
      writer: ExportWriter;
      pool: ConnectionPool | undefined;
      connectionId: string;
      tabs: TabSessions;
    },
  ) {}

  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Milliseconds since it was made. */
  elapsedMs(): number {
    return Math.round(performance.now() - this.began);
  }

  /**
   * Writes every row into `out` (not ended here). Rejects with the server's error, the
   * stream's, or {@link cancelledError} once cancelled.
   */
  async run(out: Writable): Promise<void> {
    this.#out = out;
    // Its errors are read from `out.errored` where it is written (an unheard one would throw).
    out.on('error', () => undefined);
    const { plan, writer } = this.parts;
    const isCancelled = () => this.#cancelled;
    const consumer = {
      columns: (columns: Parameters<ExportWriter['begin']>[0]) =>
        this.#write(writer.begin(columns)),
      rows: async (batch: (string | null)[][]) => {
        let text = '';
        for (const row of batch) {
          text += writer.row(row);
          this.rows += 1;
          if (text.length >= WRITE_CHUNK) {
            await this.#write(text);
            text = '';
          }
        }
        await this.#write(text);
      },
      get stopped() {
        return isCancelled();
      },
    };
    try {
      if (plan.kind === 'held') await streamHeld(plan.set, plan.columns, consumer);
      else await this.#statement(plan, consumer);
      if (this.#cancelled) throw cancelledError();
      await this.#write(writer.end());
    } catch (error) {
      if (this.#cancelled) throw cancelledError();
      throw this.#error(error);
    }
  }

  /** Stops it: the statement running on the server is cancelled, the stream destroyed. */
  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    const statement = this.#running.current;
    const pool = this.parts.pool;
    if (statement && pool) {
      this.#cancel = escalateCancel({
        pool,
        statement,
        onGiveUp: () => void this.#lease?.discard(),
      });
    }
    this.#out?.destroy();
  }

  async #statement(
    plan: Extract<ExportPlan, { kind: 'statement' }>,
    consumer: Parameters<typeof streamStatement>[3],
  ): Promise<void> {
    const pool = this.parts.pool;
    if (!pool) {
      throw new TuskError('connection', 'This connection is not open', {
        hint: 'Connect to it first, then export again.',
      });
    }
    const lease = await this.#session(pool, plan.tabId);
    this.#lease = lease;
    const { session } = lease;
    const wasOpen = session.transaction === 'open';
    let end: string | null = null;
    let failed = false;
    try {
      end = await openReadOnly(session);
      if (this.#cancelled) throw cancelledError();
      await streamStatement(pool, session, plan, consumer, this.#running);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      await this.#close(lease, end ?? (wasOpen ? null : 'ROLLBACK'), failed);
    }
  }

  /** Ends the export's transaction and gives the session back (closed when a cancel may still land). */
  async #close(lease: Lease, end: string | null, failed: boolean): Promise<void> {
    const outcome = this.#cancel ? await this.#cancel : { safe: true };
    if (!outcome.safe) {
      await lease.discard();
      return;
    }
    try {
      if (end && (failed || lease.session.transaction !== 'idle')) await lease.session.query(end);
      lease.release();
    } catch {
      await lease.discard();
    }
  }

  async #session(pool: ConnectionPool, tabId: string | undefined): Promise<Lease> {
    const { tabs, connectionId } = this.parts;
    if (tabId && tabs.holds(connectionId, tabId)) {
      const tab = tabs.lease(connectionId, tabId);
      try {
        await tab.ready;
      } catch (error) {
        tab.leave();
        throw error;
      }
      return { session: tab.session, release: tab.release, discard: tab.discard };
    }
    const lease = await pool.lease();
    return { session: lease.session, release: lease.release, discard: lease.discard };
  }

  async #write(text: string): Promise<void> {
    const out = this.#out!;
    if (this.#cancelled) throw cancelledError();
    if (text.length === 0) return;
    if (out.destroyed || out.errored) throw out.errored ?? streamClosed();
    this.bytes += Buffer.byteLength(text);
    if (!out.write(text)) await drained(out);
    if (this.#cancelled) throw cancelledError();
    if (out.errored) throw out.errored;
  }

  #error(error: unknown): TuskError {
    if (isTuskError(error)) return error;
    const plan = this.parts.plan;
    if (isPostgresError(error)) {
      return fromPostgresError(error, {
        ...(plan.kind === 'statement' ? { sql: plan.sql } : {}),
        statement: true,
      });
    }
    const code = (error as NodeJS.ErrnoException)?.code;
    return new TuskError(
      code?.startsWith('E') ? 'storage' : 'internal',
      `The export could not be written: ${(error as Error)?.message ?? String(error)}`,
      { hint: 'Check the disk space and the folder, then export again.', cause: error },
    );
  }
}

function streamClosed(): Error {
  return new Error('the file or download was closed');
}

/** Resolves when `out` can take more, or has closed or failed. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}
