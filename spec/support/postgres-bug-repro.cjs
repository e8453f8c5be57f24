// Reproduces one known postgres.js 3.4.9 bug against a real server, in its own process so
// an uncaught exception or a hang is seen as such: node postgres-bug-repro.cjs CASE URL
// Prints one JSON line {case, outcome, ...}; outcome "uncaught" / "hung" means the bug bit.
// It may use postgres.js directly (specs are outside the driver door); each case is written
// up for upstream, with its fix and a pull-request text, in patches/upstream/.
// Cases (github.com/porsager/postgres issues):
//   1119  rows counter kept after a query fails mid-stream (sequential queries)
//   1181  the same with a pipelined query behind the failing one
//   1154  an idle reserved connection closed by the server (idle_session_timeout)
//   1208  a reserved connection whose backend is terminated, then two queries
//   begin-no-pipeline  sql.begin() with max_pipeline 0 (found here: TypeError, crash)
//   begin-terminated   a backend terminated inside sql.begin(); then a query on the pool
//                      (found here: the dead session's FATAL fails the next query)
//   onauth             URL of a role the server asks for a cleartext password: postgres.js
//                      answers by itself and tells no one which method was asked (hook
//                      added here: onauth(method) hears it first and may refuse, sending
//                      nothing)
//   datarows           a select through the dataRows hook: the DataRow messages handed
//                      out whole, as (buffer, start, end) where they lie in the socket's
//                      read (a run of them back to back), with the columns, their type
//                      modifiers kept (postgres.js hands out neither: hook added here)
//   onready            BEGIN, a failing statement, ROLLBACK: the transaction status of
//                      each ReadyForQuery (postgres.js reads it only internally: hook
//                      added here)
//   cancel-landed      query.cancel() through a proxy that holds CancelRequests 300 ms
//                      (found here: it returns null, so nobody can wait for the request
//                      to land, and it cancels whatever runs next)
//   cancel-at-login    a first query cancelled while its connection logs in, then another
//                      (found here: the connection never leaves "connecting"; the second
//                      query waits forever)
//   copy-bad-data      COPY … FROM STDIN whose data the server rejects after the stream
//                      was ended (found here: the stream's end never comes, no error is
//                      told: the copy hangs)
//   copy-refused       COPY … FROM STDIN (FREEZE) the server refuses right after its
//                      CopyInResponse (found here: the stream is destroyed before anyone
//                      can listen: an uncaught 'error' ends the process)
//   copy-bad-line      COPY … FROM STDIN (FORMAT csv) written line by line, a bad value on
//                      line 3 of 4, then end(): the error must reach the end callback and
//                      the 'error' event, with the server's CONTEXT (line 3), nothing copied
//   copy-count         COPY … FROM STDIN and COPY … TO STDOUT (HEADER): the `COPY n` tag
//                      (found here: lost, the query was resolved with the stream; hook
//                      added here: query.oncopyend(error, count))
//   copy-out-cancel    query.cancel() during COPY … TO STDOUT of 5M rows, the stream
//                      destroyed (found here: the cancel never resolves and sends nothing,
//                      `active` is false once CopyOut starts; the COPY ran to its end)
//   copy-in-cancel     COPY … FROM STDIN whose stream is destroyed halfway (CopyFail): the
//                      server rolls it back and the session runs the next query
'use strict';
const net = require('node:net');
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

/**
 * A TCP proxy to the server at `url` that holds each CancelRequest `delayMs` before passing
 * it on, and closes the client's side only once the server has closed its own (as a slow
 * network would). Resolves with the URL through it and a close function.
 */
function delayingProxy(url, delayMs) {
  const target = new URL(url);
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: target.hostname, port: Number(target.port) });
    client.once('data', (head) => {
      const cancel = head.length >= 8 && head.readInt32BE(4) === 80877102;
      setTimeout(
        () => {
          upstream.write(head);
          client.pipe(upstream);
          upstream.pipe(client);
        },
        cancel ? delayMs : 0,
      );
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const through = new URL(url);
      through.host = `127.0.0.1:${server.address().port}`;
      resolve({ url: through.toString(), close: () => server.close() });
    }),
  );
}

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
  async onauth() {
    const password = decodeURIComponent(new URL(url).password);
    // Every byte this process writes to a socket, to see whether the password left it.
    const written = [];
    const write = net.Socket.prototype.write;
    net.Socket.prototype.write = function (chunk, ...rest) {
      written.push(Buffer.from(chunk));
      return write.call(this, chunk, ...rest);
    };
    const methods = [];
    const refuse = (method) => {
      methods.push(method);
      throw Object.assign(new Error(`refused: ${method}`), { code: 'REFUSED_BY_ONAUTH' });
    };
    const sql = postgres(url, { ...options, max: 1, onauth: refuse });
    const result = await sql`SELECT 1 AS x`.then((rows) => rows[0].x, codeOf);
    await sql.end({ timeout: 1 });
    return { methods, result, passwordSent: Buffer.concat(written).includes(password) };
  },
  async datarows() {
    const sql = postgres(url, { ...options, max: 1 });
    const messages = [];
    let columns = [];
    const query = sql.unsafe(
      "SELECT x::numeric(12,2) AS price, n::text AS nothing, w AS word FROM (VALUES (1.5, NULL, 'é'), (2, 'x', 'y')) v(x, n, w)",
    );
    if (typeof query.dataRows !== 'function') return { hook: false };
    const result = await query.dataRows((buffer, start, end, described) => {
      // One or more messages back to back: each one's length follows its type byte.
      for (let at = start; at < end; at += 1 + buffer.readUInt32BE(at + 1))
        messages.push(buffer.toString('hex', at, at + 1 + buffer.readUInt32BE(at + 1)));
      columns = described.map((c) => ({ name: c.name, type: c.type, modifier: c.modifier }));
    });
    await sql.end({ timeout: 1 });
    return { hook: true, messages, columns, command: result.command, rows: result.length };
  },
  async onready() {
    const seen = [];
    const sql = postgres(url, { ...options, max: 1, onready: (status) => seen.push(status) });
    await sql`SELECT 1`;
    const before = seen.length;
    await sql.unsafe('BEGIN');
    await sql.unsafe('SELECT 1 / 0').catch(() => undefined);
    await sql.unsafe('ROLLBACK');
    await sql.end({ timeout: 1 });
    return { statuses: seen.slice(before) };
  },
  async 'cancel-landed'() {
    const proxy = await delayingProxy(url, 300);
    const sql = postgres(proxy.url, { ...options, max: 1, max_pipeline: 0 });
    await sql`SELECT 1`;
    const query = sql`SELECT pg_sleep(0.05)`;
    const settled = query.then(() => 'completed', codeOf);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    const returned = query.cancel();
    const promise = typeof returned?.then === 'function';
    if (promise) await returned;
    const waitedMs = Date.now() - started;
    const first = await settled;
    // The next query starts only once the cancel has landed: the signal must not reach it.
    const next = await sql`SELECT pg_sleep(0.4), 2 AS x`.then((rows) => rows[0].x, codeOf);
    await sql.end({ timeout: 1 });
    proxy.close();
    return { promise, landedAfter300ms: waitedMs >= 280, first, next };
  },
  async 'cancel-at-login'() {
    const sql = postgres(url, { ...options, max: 1, max_pipeline: 0 });
    const first = sql`SELECT 1 AS x`;
    const firstOutcome = first.then(() => 'completed', codeOf);
    first.execute();
    await first.cancel();
    const next = await Promise.race([
      sql`SELECT 2 AS x`.then((rows) => rows[0].x, codeOf),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3000)),
    ]);
    await sql.end({ timeout: 1 });
    return { first: await firstOutcome, next };
  },
  async 'copy-bad-data'() {
    const sql = postgres(url, { ...options, max: 1 });
    await sql`CREATE TEMP TABLE copied (id int)`;
    const stream = await sql.unsafe('COPY copied FROM STDIN').writable();
    const outcome = await Promise.race([
      new Promise((resolve) => {
        stream.once('error', (error) => resolve(error.code));
        stream.end(Buffer.from('not a number\n'), (error) =>
          resolve(error ? error.code : 'finished'),
        );
      }),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3000)),
    ]);
    const next = await sql`SELECT 2 AS x`.then((rows) => rows[0].x, codeOf);
    await sql.end({ timeout: 1 });
    return {
      outcome: outcome === 'still waiting after 3 s' ? 'hung' : 'done',
      error: outcome,
      next,
    };
  },
  async 'copy-refused'() {
    const sql = postgres(url, { ...options, max: 1 });
    await sql`CREATE TABLE IF NOT EXISTS copy_refused (id int)`;
    await sql.unsafe('BEGIN');
    const stream = await sql.unsafe('COPY copy_refused FROM STDIN (FREEZE)').writable();
    // The refusal comes in the same read as the CopyInResponse, or just after: wait for it
    // (unpatched, its 'error' event has no listener and ends the process).
    for (let waited = 0; !stream.errored && waited < 2000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const error = stream.errored?.code ?? null;
    if (!stream.destroyed) await new Promise((resolve) => stream.end(resolve));
    await sql.unsafe('ROLLBACK').catch(() => undefined);
    await sql`DROP TABLE copy_refused`;
    await sql.end({ timeout: 1 });
    return { error };
  },
  async 'copy-bad-line'() {
    const sql = postgres(url, { ...options, max: 1 });
    await sql`CREATE TEMP TABLE copied (id int, word text)`;
    const stream = await sql.unsafe('COPY copied FROM STDIN (FORMAT csv)').writable();
    const seen = { events: [], endError: null, where: null };
    stream.on('error', (error) => {
      seen.events.push('error');
      seen.where = error.where ?? null;
    });
    stream.on('finish', () => seen.events.push('finish'));
    for (const line of ['1,a\n', '2,b\n', 'three,c\n', '4,d\n']) stream.write(line);
    await Promise.race([
      new Promise((resolve) =>
        stream.end((error) => resolve((seen.endError = error ? (error.code ?? 'error') : null))),
      ),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [{ n }] = await sql`SELECT count(*)::int AS n FROM copied`;
    await sql.end({ timeout: 1 });
    return { ...seen, copied: n };
  },
  async 'copy-count'() {
    const sql = postgres(url, { ...options, max: 1 });
    await sql`CREATE TEMP TABLE counted (id int)`;
    const into = sql.unsafe('COPY counted FROM STDIN');
    const inCount = new Promise(
      (resolve) => (into.oncopyend = (error, count) => resolve(error ? error.code : count)),
    );
    const writable = await into.writable();
    writable.end(Buffer.from('1\n2\n3\n'));
    const copiedIn = await inCount;
    const out = sql.unsafe('COPY counted TO STDOUT (FORMAT csv, HEADER)');
    const outCount = new Promise(
      (resolve) => (out.oncopyend = (error, count) => resolve(error ? error.code : count)),
    );
    const readable = await out.readable();
    let bytes = 0;
    for await (const chunk of readable) bytes += chunk.length;
    const result = { copiedIn, copiedOut: await outCount, bytes };
    await sql.end({ timeout: 1 });
    return result;
  },
  async 'copy-out-cancel'() {
    const sql = postgres(url, { ...options, max: 1, max_pipeline: 0 });
    const query = sql.unsafe(
      'COPY (SELECT i, md5(i::text) FROM generate_series(1, 5000000) i) TO STDOUT',
    );
    const ended = new Promise(
      (resolve) =>
        (query.oncopyend = (error, count) => resolve(error ? error.code : `copied ${count}`)),
    );
    const stream = await query.readable();
    await new Promise((resolve) => stream.once('data', resolve));
    const started = Date.now();
    const cancelled = await Promise.race([
      query.cancel().then(() => 'landed'),
      new Promise((resolve) => setTimeout(() => resolve('never landed'), 3000)),
    ]);
    stream.destroy();
    const outcome = await Promise.race([
      ended,
      new Promise((resolve) => setTimeout(() => resolve('still copying after 5 s'), 5000)),
    ]);
    const stoppedWithin2s = Date.now() - started < 2000;
    const next = await sql`SELECT 2 AS x`.then((rows) => rows[0].x, codeOf);
    await sql.end({ timeout: 1 });
    return { cancelled, ended: outcome, stoppedWithin2s, next };
  },
  async 'copy-in-cancel'() {
    const sql = postgres(url, { ...options, max: 1 });
    await sql`CREATE TEMP TABLE halfway (id int)`;
    const query = sql.unsafe('COPY halfway FROM STDIN');
    const ended = new Promise(
      (resolve) =>
        (query.oncopyend = (error, count) => resolve(error ? error.code : `copied ${count}`)),
    );
    const stream = await query.writable();
    stream.write(Buffer.from('1\n2\n'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    stream.destroy(new Error('stopped by the user'));
    const outcome = await Promise.race([
      ended,
      new Promise((resolve) => setTimeout(() => resolve('hung'), 3000)),
    ]);
    const [{ n }] = await sql`SELECT count(*)::int AS n FROM halfway`;
    await sql.end({ timeout: 1 });
    return { ended: outcome, copied: n };
  },
};

if (!cases[name]) throw new Error(`unknown case ${name}; known: ${Object.keys(cases).join(', ')}`);
cases[name]().then(
  (result) => report({ outcome: 'done', ...result }),
  (error) => report({ outcome: 'failed', message: error.message, code: error.code }),
);
