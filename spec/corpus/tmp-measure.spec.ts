import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { startDebianPg } from '../support/debian-pg';
import { fromSlashCopy, normalised, psqlLogStatements, runLikePsql } from '../support/psql-compare';

it('measure', async () => {
  const src = '/tmp/pgsrc/postgresql-15.18/src/test/regress';
  const order = readFileSync(join(src, 'parallel_schedule'), 'utf8').split('\n').filter((l) => l.startsWith('test:')).flatMap((l) => l.slice(5).trim().split(/\s+/));
  const a = await startDebianPg();
  const b = await startDebianPg();
  const build = mkdtempSync(join(tmpdir(), 'regress-build-'));
  mkdirSync(join(build, 'results')); chmodSync(build, 0o777); chmodSync(join(build, 'results'), 0o777);
  const env = { PG_ABS_SRCDIR: src, PG_ABS_BUILDDIR: build, PG_LIBDIR: '/usr/lib/postgresql/15/lib', PG_DLSUFFIX: '.so' };
  for (const s of [a, b]) execFileSync(`${s.info.bin}/psql`, ['-X', '-h', s.info.host, '-p', String(s.info.port), '-U', 'postgres', '-c', 'CREATE DATABASE regression'], { stdio: 'ignore' });
  const sql = postgres({ host: b.info.host, port: b.info.port, user: 'postgres', database: 'regression', max: 1, onnotice: () => {} });
  const vars = new Map([['HIDE_TABLEAM', 'on'], ['HIDE_TOAST_COMPRESSION', 'on']]);
  let total = 0, same = 0; const report: string[] = [];
  const logs = mkdtempSync(join(tmpdir(), 'regress-logs-'));
  for (const name of order) {
    const file = join(src, 'sql', `${name}.sql`);
    if (!existsSync(file)) continue;
    const log = join(logs, `${name}.log`);
    try { execFileSync(`${a.info.bin}/psql`, ['-X', '-q', '-h', a.info.host, '-p', String(a.info.port), '-U', 'postgres', '-d', 'regression', '-v', 'HIDE_TABLEAM=on', '-v', 'HIDE_TOAST_COMPRESSION=on', '-L', log, '-f', file], { env: { ...process.env, ...env }, stdio: 'ignore', timeout: 120_000 }); } catch { /* errors are fine */ }
    const theirs = psqlLogStatements(readFileSync(log, 'utf8')).filter((t) => !fromSlashCopy(t)).map(normalised);
    const ours = (await runLikePsql(sql, readFileSync(file, 'utf8'), env, vars)).map(normalised);
    const pool = new Map<string, number>();
    for (const s of ours) pool.set(s, (pool.get(s) ?? 0) + 1);
    let ok = 0; const missing: string[] = [];
    for (const s of theirs) { const n = pool.get(s) ?? 0; if (n > 0) { ok++; pool.set(s, n - 1); } else missing.push(s); }
    total += theirs.length; same += ok;
    if (missing.length) report.push(`${name}: ${ok}/${theirs.length}\n  ` + missing.slice(0, 3).map((m) => m.slice(0, 200)).join('\n  '));
  }
  await sql.end();
  await a.stop(); await b.stop();
  console.log(`${same}/${total} = ${(100 * same / total).toFixed(3)}%\n` + report.join('\n'));
}, 900_000);
