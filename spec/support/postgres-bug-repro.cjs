// Reproduces one known postgres.js 3.4.9 bug against a real server, in its own process so
// an uncaught exception or a hang is seen as such: node postgres-bug-repro.cjs CASE URL
// Prints one JSON line {case, outcome, ...}; outcome "uncaught" / "hung" means the bug bit.
// Cases (github.com/porsager/postgres issues):
//   1119  rows counter kept after a query fails mid-stream (sequential queries)
//   1181  the same with a pipelined query behind the failing one
//   1154  an idle reserved connection closed by the server (idle_session_timeout)
//   1208  a reserved connection whose backend is terminated, then two queries
//   begin-no-pipeline  sql.begin() with max_pipeline 0 (found here: TypeError, crash)
//   begin-terminated   a backend terminated inside sql.begin(); then a query on the pool
//                      (found here: the dead session's FATAL fails the next query)
'use strict';
const postgres = require('postgres');

const [name, url] = process.argv.slice(2);
const report = (fields) => {
  process.stdout.write(`${JSON.stringify({ case: name, ...fields })}\n`);
  process.exit(0);
};
process.on('uncaughtException', (error) => report({ outcome: 'uncaught', message: error.message }));
process.on('unhandledRejection', (error) =>
  report({ outcome: 'uncaught', message: String(error?.message ?? error) }),
);
setTimeout(() => report({ outcome: 'hung' }), 8000).unref();
const codeOf = (error) => error?.code ?? String(error);
const shape = (rows) => ({ length: rows.length, count: rows.count, first: rows[0] ?? null });
const options = { ssl: false, onnotice: () => undefined };

const cases = {
  async 1119() {
    const sql = postgres(url, { ...options, max: 1, max_pipeline: 0 });
    const failed = await sql`SELECT i, 1 / (4 - i) AS boom FROM generate_series(1, 10) i`.catch(
      codeOf,
    );
    const next = await sql`SELECT x FROM generate_series(1, 5) x`;
    await sql.end();
    return { failed, next: shape(next) };
  },
  async 1181() {
    const sql = postgres(url, { ...options, max: 1 });
    const first = sql`SELECT i, 1 / (4 - i) AS boom FROM generate_series(1, 10) i`.catch(codeOf);
    const second = sql`SELECT x FROM generate_series(1, 5) x`;
    const [failed, next] = await Promise.all([first, second]);
    await sql.end();
    return { failed, next: shape(next) };
  },
  async 1154() {
    const sql = postgres(url, { ...options, max: 2 });
    const reserved = await sql.reserve();
    await reserved`SET idle_session_timeout = '200ms'`;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const first = await reserved`SELECT 1 AS x`.then(() => 'ok', codeOf);
    const second = await reserved`SELECT 2 AS x`.then(() => 'ok', codeOf);
    reserved.release();
    const after = await sql`SELECT 3 AS x`;
    await sql.end({ timeout: 1 });
    return { first, second, after: after[0].x };
  },
  async 1208() {
    const sql = postgres(url, { ...options, max: 2 });
    const killer = postgres(url, { ...options, max: 1 });
    const reserved = await sql.reserve();
    const [{ pid }] = await reserved`SELECT pg_backend_pid() AS pid`;
    await killer`SELECT pg_terminate_backend(${pid})`;
    const first = await reserved`SELECT 1 AS x`.then(() => 'ok', codeOf);
    const second = await reserved`SELECT 2 AS x`.then(() => 'ok', codeOf);
    reserved.release();
    const after = await sql`SELECT 3 AS x`;
    await Promise.all([sql.end({ timeout: 1 }), killer.end()]);
    return { first, second, after: after[0].x };
  },
  async 'begin-no-pipeline'() {
    const sql = postgres(url, { ...options, max: 1, max_pipeline: 0 });
    const result = await sql.begin(async (tx) => (await tx`SELECT 1 AS x`)[0].x);
    await sql.end();
    return { result };
  },
  async 'begin-terminated'() {
    const sql = postgres(url, { ...options, max: 1, max_pipeline: 0 });
    const killer = postgres(url, { ...options, max: 1 });
    const failed = await sql
      .begin(async (tx) => {
        const [{ pid }] = await tx`SELECT pg_backend_pid() AS pid`;
        await killer`SELECT pg_terminate_backend(${pid})`;
        await tx`SELECT 1`;
        await tx`SELECT 2`;
      })
      .then(() => 'committed', codeOf);
    const after = await sql`SELECT 3 AS x`.then((rows) => rows[0].x, codeOf);
    await Promise.all([sql.end({ timeout: 1 }), killer.end()]);
    return { failed, after };
  },
};

if (!cases[name]) throw new Error(`unknown case ${name}; known: ${Object.keys(cases).join(', ')}`);
cases[name]().then(
  (result) => report({ outcome: 'done', ...result }),
  (error) => report({ outcome: 'failed', message: error.message, code: error.code }),
);
