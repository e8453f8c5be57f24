import { sharedPgServer, superuserSql } from './postgres';
import type { TestBackend } from './backend';
import type { Params, TestSocket } from './socket';

/** The terminal event of an export. */
export interface ExportEnd {
  event: 'export.completed' | 'export.failed';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any;
}

/** Waits for `export.completed` or `export.failed` of `exportId` (events reach every socket). */
export async function exportEnd(
  socket: TestSocket,
  exportId: string,
  timeoutMs = 30_000,
): Promise<ExportEnd> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = socket.events.find(
      (e) =>
        (e.event === 'export.completed' || e.event === 'export.failed') &&
        (e.payload as { exportId?: string }).exportId === exportId,
    );
    if (found) return found as ExportEnd;
    if (Date.now() > deadline) throw new Error(`no end of export ${exportId} in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Starts a download export and GETs its url with Node's fetch (as a page would): the
 * response (its headers) and its body's bytes, with the export's terminal event.
 */
export async function downloadExport(
  backend: TestBackend,
  socket: TestSocket,
  params: Params<'export.start'>,
): Promise<{
  response: Response;
  body: Buffer;
  /** True when the body was cut off (the export failed midway). */
  aborted: boolean;
  end: ExportEnd;
  fileName: string;
}> {
  const started = await socket.call('export.start', params);
  if (!started.url) throw new Error('a download export returned no url');
  let response = new Response(null, { status: 599 });
  let body = Buffer.alloc(0);
  let aborted = false;
  try {
    response = await fetch(`http://127.0.0.1:${backend.port}${started.url}`);
    body = Buffer.from(await response.arrayBuffer());
  } catch {
    aborted = true;
  }
  const end = await exportEnd(socket, started.exportId);
  return { response, body, aborted, end, fileName: started.fileName };
}

/** What `COPY (…) TO STDOUT WITH (options)` sends, byte for byte (run as the superuser). */
export async function copyOutBytes(copy: string): Promise<Buffer> {
  const sql = superuserSql(sharedPgServer());
  try {
    const stream = await sql.unsafe(copy).readable();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks);
  } finally {
    await sql.end();
  }
}

/** Runs `text` (several statements) as the superuser, with `params` when it has them. */
export async function superuserRun(text: string, params: unknown[] = []): Promise<void> {
  const sql = superuserSql(sharedPgServer());
  try {
    await sql.unsafe(text, params as never[]);
  } finally {
    await sql.end();
  }
}
