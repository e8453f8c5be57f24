import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { startDebianPg, type DebianPg } from '../support/debian-pg';
import { fromSlashCopy, normalised, psqlLogStatements, runLikePsql } from '../support/psql-compare';
import type { Supervised } from '../support/supervised';

const run = promisify(execFile);
const CACHE = join(__dirname, '../../node_modules/.cache/tusk-regress');

/**
 * Issue 23: PostgreSQL's own regression suite (Debian's postgresql-15 source, fetched by
 * `npm test`'s set-up) run through psql (`-L`: every statement it sent) and through Tusk's
 * reading of scripts, each on its own Debian PostgreSQL 15 server, file by file in the
 * schedule's order; the statements must agree.
 */
describe("PostgreSQL's regression suite: Tusk splits it as psql does", () => {
  let a: Supervised<DebianPg>;
  let b: Supervised<DebianPg>;
  let build = '';

  beforeAll(async () => {
    [a, b] = await Promise.all([startDebianPg(), startDebianPg()]);
    build = mkdtempSync(join(tmpdir(), 'tusk-regress-'));
    mkdirSync(join(build, 'results'));
    // The servers write COPY TO files there (as the postgres user).
    chmodSync(build, 0o777);
    chmodSync(join(build, 'results'), 0o777);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(build, { recursive: true, force: true });
  });

  it('≥ 99.9 % of the statements psql sent are sent by Tusk, and none of those that split differently', async () => {
    const version = readdirSync(CACHE).find((d) => existsSync(join(CACHE, d, 'parallel_schedule')));
    expect(version).toBeDefined();
    const src = join(CACHE, version!);
    const files = readFileSync(join(src, 'parallel_schedule'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('test:'))
      .flatMap((line) => line.slice(5).trim().split(/\s+/))
      .filter((name) => existsSync(join(src, 'sql', `${name}.sql`)));
    const env = {
      PG_ABS_SRCDIR: src,
      PG_ABS_BUILDDIR: build,
      PG_LIBDIR: '/usr/lib/postgresql/15/lib',
      PG_DLSUFFIX: '.so',
    };
    const psqlArgs = (server: DebianPg, ...rest: string[]) => [
      '-X',
      '-q',
      '-h',
      server.host,
      '-p',
      String(server.port),
      '-U',
      'postgres',
      ...rest,
    ];
    for (const server of [a.info, b.info]) {
      await run(`${server.bin}/psql`, psqlArgs(server, '-c', 'CREATE DATABASE regression'));
    }
    // psql runs the whole schedule on server a, then Tusk on server b (one after the other:
    // the other test files running meanwhile keep a core).
    const logs = join(build, 'logs');
    mkdirSync(logs);
    await (async () => {
      for (const name of files) {
        await run(
          `${a.info.bin}/psql`,
          psqlArgs(
            a.info,
            '-d',
            'regression',
            '-v',
            'HIDE_TABLEAM=on',
            '-v',
            'HIDE_TOAST_COMPRESSION=on',
            '-L',
            join(logs, `${name}.log`),
            '-f',
            join(src, 'sql', `${name}.sql`),
          ),
          { env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 64 * 2 ** 20 },
        ).catch(() => undefined); // its errors are the suite's own
      }
    })();
    const vars = new Map([
      ['HIDE_TABLEAM', 'on'],
      ['HIDE_TOAST_COMPRESSION', 'on'],
    ]);
    const ours = new Map<string, string[]>();
    for (const name of files) {
      // A session per file, as psql -f opens one per file.
      const sql = postgres({
        host: b.info.host,
        port: b.info.port,
        user: 'postgres',
        database: 'regression',
        max: 1,
        onnotice: () => undefined,
      });
      const text = readFileSync(join(src, 'sql', `${name}.sql`), 'utf8');
      ours.set(name, await runLikePsql(sql, text, env, vars));
      await sql.end();
    }

    let total = 0;
    let same = 0;
    const report: string[] = [];
    const splitWrong: string[] = [];
    for (const name of files) {
      const theirs = psqlLogStatements(readFileSync(join(logs, `${name}.log`), 'utf8'))
        .filter((s) => !fromSlashCopy(s))
        .map(normalised);
      const pool = new Map<string, number>();
      for (const s of ours.get(name)!.map(normalised)) pool.set(s, (pool.get(s) ?? 0) + 1);
      const missing = theirs.filter((s) => {
        const left = pool.get(s) ?? 0;
        if (left > 0) pool.set(s, left - 1);
        return left === 0;
      });
      total += theirs.length;
      same += theirs.length - missing.length;
      report.push(`${name}\t${theirs.length - missing.length}/${theirs.length}`);
      for (const s of missing) {
        // A statement psql sent that Tusk split otherwise: several actions of a rule, a
        // `\;` group, COPY data, or a string holding a line that starts with a backslash.
        if (
          /^CREATE (OR REPLACE )?RULE\b[\s\S]*\(|\\;|^COPY\b[\s\S]*\bFROM stdin\b|'\n?\\/i.test(s)
        ) {
          splitWrong.push(`${name}: ${s.slice(0, 160)}`);
        }
      }
    }
    writeFileSync(join(__dirname, '../../dist/regress-split.txt'), `${report.join('\n')}\n`);
    const agreement = same / total;
    console.log(
      `psql sent ${total} statements in ${files.length} files; Tusk sent ${same} of them (${(agreement * 100).toFixed(3)} %); per file: dist/regress-split.txt`,
    );
    expect(splitWrong).toEqual([]);
    expect(agreement).toBeGreaterThanOrEqual(0.999);
  }, 600_000);
});
