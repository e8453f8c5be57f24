// Benchmark (issue 29): a sample of a server with 500 sessions ≤ 10 ms on the server and
// ≤ 20 ms to the page; watching costs the backend ≤ 2 % of a core. The real backend
// (node dist/app/serve.js) against the harness's PostgreSQL, 500 sessions opened by the
// bench (350 idle, 100 idle in transaction, 50 running pg_sleep).
// - On the server: EXPLAIN ANALYZE of the sample's own SQL (activitySql), its planning and
//   execution times, SAMPLES runs; and the statement alone, timed from a client.
// - To the socket: each `activity.sample` pushed while watching at 1 s, from the server's
//   clock when the sample ran (`at`) to its arrival on the bench's WebSocket (same
//   machine, same clock): the rest of the query, the JSON, the backend's work, the socket.
// - Cost: the backend's CPU (utime + stime of /proc/<pid>/stat) over WATCH_S seconds of a
//   watch at 1 s, against the same span idle before it (the anchor); and the PostgreSQL
//   process of the sampler's session over the watch.
// Prints Markdown table rows.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import WebSocket from 'ws';
import { activitySql } from '../app/models/activity/activity-queries';
import { benchPg, connectPlain, Socket, startBackend } from './serve-backend';
import { ms, quantile } from './page-support';

const pg = benchPg();
const SESSIONS = 500;
const SAMPLES = Number(process.env['TUSK_BENCH_RUNS'] ?? 30);
const WATCH_S = Number(process.env['TUSK_BENCH_WATCH_S'] ?? 60);
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));
const TICKS = 100; // USER_HZ on Linux

/** utime + stime of a process, seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

const login = {
  host: pg.host,
  port: pg.port,
  database: pg.database,
  username: pg.username,
  password: pg.password,
  ssl: false as const,
  onnotice: () => {},
};

async function main(): Promise<void> {
  const crowd = postgres({
    ...login,
    max: SESSIONS,
    connection: { application_name: 'bench crowd' },
  });
  const held: postgres.ReservedSql[] = [];
  const sleepers: Promise<unknown>[] = [];
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, i) => {
      const r = await crowd.reserve();
      held.push(r);
      if (i < 100) await r.unsafe('BEGIN; SELECT 1');
      else if (i < 150) sleepers.push(r.unsafe('SELECT pg_sleep(600)').catch(() => undefined));
      else await r.unsafe('SELECT 1');
    }),
  );
  const probe = postgres({ ...login, max: 1 });
  const [{ version }] = await probe<
    { version: string }[]
  >`SELECT current_setting('server_version') AS version`;
  const [{ count }] = await probe<
    { count: number }[]
  >`SELECT count(*)::int AS count FROM pg_stat_activity`;
  const major = Number.parseInt(version, 10);
  const sql = activitySql(major, { locks: false });
  const plan: { planning: number; execution: number }[] = [];
  const alone: number[] = [];
  for (let i = 0; i < SAMPLES + 1; i++) {
    const [row] = await probe.unsafe(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`);
    const json = (row as Record<string, unknown>)['QUERY PLAN'] as
      { 'Planning Time': number; 'Execution Time': number }[] | string;
    const [p] = typeof json === 'string' ? JSON.parse(json) : json;
    const started = performance.now();
    await probe.unsafe(sql);
    if (i === 0) continue; // warm-up
    plan.push({ planning: p['Planning Time'], execution: p['Execution Time'] });
    alone.push(performance.now() - started);
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'tusk-activity-bench-'));
  const { child, url } = await startBackend(dataDir);
  const rows: string[] = [];
  try {
    const socket = await Socket.open(url);
    const saved = { id: await connectPlain(socket, pg, 'activity bench') };
    const arrivals: { delay: number; bytes: number; sessions: number }[] = [];
    const listener = new WebSocket(url);
    await new Promise((resolve) => listener.once('open', resolve));
    let samplerPid: number | undefined;
    listener.on('message', (data) => {
      const arrived = Date.now();
      const text = String(data);
      const m = JSON.parse(text) as { event?: string; payload?: Record<string, unknown> };
      if (m.event !== 'activity.sample') return;
      const payload = m.payload as {
        at: string;
        sessions: { pid: number; state: string; query: string }[];
      };
      samplerPid ??= payload.sessions.find(
        (s) => s.state === 'active' && s.query?.includes('pg_blocking_pids'),
      )?.pid;
      arrivals.push({
        delay: arrived - Date.parse(payload.at),
        bytes: Buffer.byteLength(text),
        sessions: payload.sessions.length,
      });
    });
    const pid = child.pid!;
    await sleep(2000);
    const idleStart = cpuSeconds(pid);
    await sleep(WATCH_S * 1000);
    const idle = cpuSeconds(pid) - idleStart;
    const watchStart = cpuSeconds(pid);
    await socket.call('activity.watch', { connectionId: saved.id, intervalMs: 1000 });
    await sleep(200);
    const serverStart = samplerPid ? cpuSeconds(samplerPid) : NaN;
    await sleep(WATCH_S * 1000 - 200);
    const watched = cpuSeconds(pid) - watchStart;
    const server = samplerPid ? cpuSeconds(samplerPid) - serverStart : NaN;
    await socket.call('activity.unwatch', { connectionId: saved.id });
    listener.close();
    socket.close();

    const exec = plan.map((p) => p.execution);
    const planning = plan.map((p) => p.planning);
    const delays = arrivals.slice(1).map((a) => a.delay);
    const pct = (seconds: number) => `${((seconds / WATCH_S) * 100).toFixed(2)} %`;
    rows.push(
      `| PostgreSQL ${version}, ${count} sessions in pg_stat_activity | median | p90 | max |`,
      `|---|---|---|---|`,
      `| sample on the server: execution (EXPLAIN ANALYZE) | ${ms(quantile(exec, 0.5))} | ${ms(quantile(exec, 0.9))} | ${ms(Math.max(...exec))} |`,
      `| sample on the server: planning | ${ms(quantile(planning, 0.5))} | ${ms(quantile(planning, 0.9))} | ${ms(Math.max(...planning))} |`,
      `| sample from a client (round trip, rows parsed) | ${ms(quantile(alone, 0.5))} | ${ms(quantile(alone, 0.9))} | ${ms(Math.max(...alone))} |`,
      `| sample's \`at\` → on the socket (${delays.length} samples, ${arrivals[1]?.sessions ?? 0} sessions, ${((arrivals[1]?.bytes ?? 0) / 1024).toFixed(0)} KB) | ${ms(quantile(delays, 0.5))} | ${ms(quantile(delays, 0.9))} | ${ms(Math.max(...delays))} |`,
      ``,
      `| CPU over ${WATCH_S} s | share of a core |`,
      `|---|---|`,
      `| backend idle (anchor) | ${pct(idle)} |`,
      `| backend watching at 1 s | ${pct(watched)} |`,
      `| the sampler's PostgreSQL process (pid ${samplerPid ?? '?'}) | ${Number.isNaN(server) ? '—' : pct(server)} |`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
    for (const r of held) r.release();
    await probe.end({ timeout: 1 });
    await crowd.end({ timeout: 0 });
    await Promise.all(sleepers);
  }
  console.log(rows.join('\n'));
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
