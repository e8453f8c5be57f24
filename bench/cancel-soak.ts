// Soak (issue 21): random run/cancel cycles through the real backend (node dist/app/serve.js
// driven over its WebSocket, as the views drive it) under CPU load (one busy process per
// core), on the pool (one session, so every run meets what the last one left) and on a
// tab's own session, directly and through a proxy that holds each CancelRequest 300 ms (a
// slow network; the client's side closes only once the server's has). After each
// cancelled run, a run nobody cancels must get exactly its own answer: anything else is a
// victim (the cancel hit it); a cycle that does not end in 20 s is a hang. Prints a
// Markdown table. Cycles in all: TUSK_SOAK_CYCLES (default 5000, split over 4 variants).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { faultProxy } from '../spec/support/cancel-proxy';
import { benchPg, ended, Socket, startBackend } from './serve-backend';

const pg = benchPg();
const CYCLES = Number(process.env['TUSK_SOAK_CYCLES'] ?? 5000);

let seed = 21;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Tally {
  cycles: number;
  cancelled: number;
  completedFirst: number;
  victims: number;
  hangs: number;
  ms: number;
  examples: string[];
}

/** One cycle: a run cancelled at a random moment, then a run nobody cancels. */
async function cycle(
  socket: Socket,
  connectionId: string,
  tabId: string | undefined,
  i: number,
  tally: Tally,
) {
  const tab = tabId ? { tabId } : {};
  const moment = Math.floor(random() * 4);
  const sql =
    moment === 1
      ? 'SELECT g, md5(g::text) FROM generate_series(1, 200000) g'
      : moment === 3
        ? 'SELECT pg_sleep(0.05)'
        : `SELECT ${i} AS n`;
  const { queryId } = await socket.call('queries.execute', { connectionId, sql, ...tab });
  if (moment === 1) await socket.until(queryId, (e) => e.length > 0, 5000);
  else if (moment === 2) await socket.until(queryId, ended);
  else await sleep(random() * (moment === 3 ? 60 : 3));
  await socket.call('queries.cancel', { queryId });
  if (!(await socket.until(queryId, ended))) {
    tally.hangs += 1;
    tally.examples.push(`cycle ${i}: the cancelled run never ended`);
    return;
  }
  const first = socket.terminal(queryId)!.event;
  if (first === 'query.cancelled') tally.cancelled += 1;
  else if (first === 'query.completed') tally.completedFirst += 1;
  await socket.call('queries.close', { queryId });
  socket.events.delete(queryId);
  const check = await socket.call('queries.execute', {
    connectionId,
    sql: 'SELECT $1::int AS n, pg_sleep(0.02)::text AS pause',
    params: [i],
    ...tab,
  });
  if (!(await socket.until(check.queryId, ended))) {
    tally.hangs += 1;
    tally.examples.push(`cycle ${i}: the next run never ended`);
    return;
  }
  const end = socket.terminal(check.queryId)!;
  let rows: unknown = null;
  if (end.event === 'query.completed') {
    rows = (await socket.call('queries.page', { queryId: check.queryId, offset: 0, limit: 5 }))
      .rows;
  }
  if (JSON.stringify(rows) !== JSON.stringify([[String(i), '']])) {
    tally.victims += 1;
    const error = (end.payload['error'] as { message?: string } | undefined)?.message;
    if (tally.examples.length < 5)
      tally.examples.push(`cycle ${i}: ${end.event} ${error ?? JSON.stringify(rows)}`);
  }
  await socket.call('queries.close', { queryId: check.queryId });
  socket.events.delete(check.queryId);
}

async function main() {
  const load = cpus().map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  const dataDir = mkdtempSync(join(tmpdir(), 'tusk-soak-'));
  const proxy = await faultProxy(pg.port, { cancelDelayMs: 300 });
  const backend = await startBackend(dataDir);
  const socket = await Socket.open(backend.url);
  const rows: string[] = [];
  let failed = false;
  try {
    const open = async (name: string, port: number) => {
      const saved = await socket.call('connections.save', {
        name,
        host: '127.0.0.1',
        port,
        database: pg.database,
        username: pg.username,
        sslMode: 'disable',
        poolSize: 1,
      });
      await socket.call('connections.connect', { id: saved.id, password: pg.password });
      return saved.id as string;
    };
    const direct = await open('soak direct', pg.port);
    const delayed = await open('soak delayed', proxy.port);
    const variants: [string, string, string | undefined][] = [
      ['pool, direct', direct, undefined],
      ['tab, direct', direct, 'soak-tab'],
      ['pool, 300 ms cancel delay', delayed, undefined],
      ['tab, 300 ms cancel delay', delayed, 'soak-tab'],
    ];
    for (const [name, connectionId, tabId] of variants) {
      const tally: Tally = {
        cycles: 0,
        cancelled: 0,
        completedFirst: 0,
        victims: 0,
        hangs: 0,
        ms: 0,
        examples: [],
      };
      const began = performance.now();
      for (let i = 0; i < CYCLES / variants.length; i++) {
        await cycle(socket, connectionId, tabId, i, tally);
        tally.cycles += 1;
      }
      tally.ms = performance.now() - began;
      if (tally.victims > 0 || tally.hangs > 0) failed = true;
      rows.push(
        `| ${name} | ${tally.cycles} | ${tally.cancelled} | ${tally.completedFirst} | ${tally.victims} | ${tally.hangs} | ${(tally.ms / tally.cycles).toFixed(0)} ms |`,
      );
      for (const example of tally.examples) console.error(`  ${name}: ${example}`);
      console.error(rows.at(-1));
    }
  } finally {
    socket.close();
    backend.child.kill('SIGTERM');
    await new Promise((resolve) => backend.child.once('exit', resolve));
    proxy.close();
    for (const busy of load) busy.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `Cancel soak, ${cpus().length} busy processes (one per core), ${new Date().toISOString().slice(0, 10)}:`,
  );
  console.log(
    '| variant | cycles | cancelled | ended before the cancel | victims | hangs | per cycle |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  process.exit(failed ? 1 : 0);
}

void main();
