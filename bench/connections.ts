// Benchmark: connect/disconnect cycles through LiveConnections (pool of 1, TLS "require"),
// directly and through an SSH tunnel. Measures the time of a cycle and the growth of the
// heap and RSS between a warmed-up state and after the cycles (after a forced GC). The
// warm-ups (1,000 direct, 300 SSH cycles) let V8 grow its young generation to its size
// under this load first (measured: 18 → 50 MB committed over ~300 SSH cycles, then flat),
// so the growth measured is what the cycles keep, not V8's one-time sizing.
// Target (SC-007 / issue 6): growth ≤ 2 % (SC-007 allows < 5 %). Run through
// bench/connections.mjs, which starts the harnesses. Prints Markdown table rows. Cycles:
// TUSK_BENCH_DIRECT (default 1000) and TUSK_BENCH_SSH (default 300); 0 skips one;
// TUSK_BENCH_TRACE=1 prints the RSS every 100 cycles (stderr).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { ConnectionConfig } from '../app/models/connections/connection-config';
import { buildConnectionConfig } from '../app/models/connections/connection-config';
import { CredentialService } from '../app/models/credentials/credentials';
import { LiveConnections } from '../app/models/connections/live-connections';

interface Harness {
  pg: { host: string; port: number; username: string; password: string; database: string };
  sshd: {
    host: string;
    port: number;
    hostKeyFingerprint: string;
    keyUser: { username: string; privateKeyPath: string };
  };
}

const gc = (globalThis as { gc?: () => void }).gc;

/** V8's heapUsed (with the code V8 compiles as paths get hot) and RSS, after a full GC. */
function memory(): { heap: number; committed: number; rss: number } {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, committed: usage.heapTotal, rss: usage.rss };
}

/** Bytes of live JavaScript objects: a heap snapshot's self sizes, compiled code left out. */
function liveObjects(): number {
  const dir = mkdtempSync(join(tmpdir(), 'tusk-bench-heap-'));
  try {
    const snapshot = JSON.parse(
      readFileSync(writeHeapSnapshot(join(dir, 'h.heapsnapshot')), 'utf8'),
    ) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
      nodes: number[];
    };
    const fields = snapshot.snapshot.meta.node_fields;
    const type = fields.indexOf('type');
    const size = fields.indexOf('self_size');
    const code = snapshot.snapshot.meta.node_types[0].indexOf('code');
    let total = 0;
    for (let i = 0; i < snapshot.nodes.length; i += fields.length)
      if (snapshot.nodes[i + type] !== code) total += snapshot.nodes[i + size]!;
    return total;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function cycles(
  live: LiveConnections,
  credentials: CredentialService,
  config: ConnectionConfig,
  password: string,
  count: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await live.connect(config, credentials, { password }, { poolSize: 1, statementTimeoutMs: 0 });
    await live.disconnect(config.id);
    times.push(performance.now() - started);
    if (process.env['TUSK_BENCH_TRACE'] && (i + 1) % 100 === 0)
      console.error(`  ${i + 1} cycles: ${traceLine()}`);
  }
  return times;
}

async function measure(
  label: string,
  config: ConnectionConfig,
  password: string,
  warmup: number,
  count: number,
): Promise<string> {
  const credentials = await CredentialService.start();
  const live = new LiveConnections();
  await cycles(live, credentials, config, password, warmup);
  await pause();
  // Pass 1, RSS and heapUsed (no heap snapshot: parsing one grows RSS by itself).
  const before = memory();
  const times = await cycles(live, credentials, config, password, count);
  await pause();
  const after = memory();
  // Pass 2, live objects: the same number of cycles between two heap snapshots.
  gc?.();
  const objectsBefore = liveObjects();
  await cycles(live, credentials, config, password, count);
  await pause();
  gc?.();
  const objectsAfter = liveObjects();
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const change = (a: number, b: number) =>
    `${mb(a)} → ${mb(b)} (${(((b - a) / a) * 100).toFixed(2)} %)`;
  return `| ${label}: ${count} cycles after ${warmup} | ${median.toFixed(1)} ms | ${change(objectsBefore, objectsAfter)} | ${change(before.heap, after.heap)} | ${change(before.committed, after.committed)} | ${change(before.rss, after.rss)} |`;
}

/** RSS, and the memory outside V8's heap that Node tracks (Buffers and other externals). */
function traceLine(): string {
  const usage = process.memoryUsage();
  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
  return `RSS ${mb(usage.rss)}, V8 heap committed ${mb(usage.heapTotal)}, external ${mb(usage.external)}, array buffers ${mb(usage.arrayBuffers)}`;
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 500));
}

async function main(): Promise<void> {
  const harness: Harness = {
    pg: JSON.parse(process.env['TUSK_BENCH_PG'] ?? 'null'),
    sshd: JSON.parse(process.env['TUSK_BENCH_SSHD'] ?? 'null'),
  };
  if (!harness.pg || !harness.sshd) throw new Error('run through bench/connections.mjs');
  if (!gc) throw new Error('run with --expose-gc');
  const { pg, sshd } = harness;
  const base = {
    name: `bench ${randomUUID()}`,
    host: pg.host,
    port: pg.port,
    database: pg.database,
    username: pg.username,
    sslMode: 'require' as const,
  };
  const direct = buildConnectionConfig(base);
  const tunnelled = buildConnectionConfig({
    ...base,
    sshTunnel: {
      host: sshd.host,
      port: sshd.port,
      username: sshd.keyUser.username,
      auth: { method: 'key', privateKeyPath: sshd.keyUser.privateKeyPath },
      hostKey: sshd.hostKeyFingerprint,
    },
  });
  console.log(
    `| measure (${process.platform}-${process.arch}, Node ${process.versions.node}) | cycle, median | live objects | V8 heapUsed | V8 committed | RSS |`,
  );
  console.log('|---|---|---|---|---|---|');
  const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  if (count('TUSK_BENCH_DIRECT', 1000) > 0)
    console.log(
      await measure('direct', direct, pg.password, 1000, count('TUSK_BENCH_DIRECT', 1000)),
    );
  if (count('TUSK_BENCH_SSH', 200) > 0)
    console.log(
      await measure('through SSH', tunnelled, pg.password, 300, count('TUSK_BENCH_SSH', 300)),
    );
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
