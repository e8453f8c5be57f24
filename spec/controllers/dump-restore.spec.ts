import { execFileSync } from 'node:child_process';
import { DEMO_SCHEMA_SQL } from '../../app/models/app/demo-schema';
import { startTestBackend, type TestBackend } from '../support/backend';
import { startDebianPg, type DebianPg } from '../support/debian-pg';
import { runQuery } from '../support/queries';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import type { Supervised } from '../support/supervised';

/**
 * Issue 23: a plain-format pg_dump file, opened in a tab and run, restores as psql would
 * restore it (Debian's PostgreSQL 15 and its own pg_dump; COPY data, \restrict, SETs).
 */
describe('a pg_dump file run as a script (Debian PostgreSQL 15)', () => {
  let pg: Supervised<DebianPg>;
  let backend: TestBackend;
  let socket: TestSocket;

  const psql = (database: string, sql: string) =>
    execFileSync(
      `${pg.info.bin}/psql`,
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        pg.info.host,
        '-p',
        String(pg.info.port),
        '-U',
        'postgres',
        '-d',
        database,
        '-c',
        sql,
      ],
      { encoding: 'utf8' },
    );
  /** The database dumped as pg_dump writes it (the per-dump \restrict key taken out). */
  const dump = (database: string) =>
    execFileSync(
      `${pg.info.bin}/pg_dump`,
      [
        '--format=plain',
        '-h',
        pg.info.host,
        '-p',
        String(pg.info.port),
        '-U',
        'postgres',
        database,
      ],
      { encoding: 'utf8' },
    );
  const comparable = (text: string) => text.replace(/^\\(un)?restrict \S+$/gm, '\\$1restrict');

  beforeAll(async () => {
    pg = await startDebianPg();
    psql('postgres', 'CREATE DATABASE shop');
    psql('postgres', 'CREATE DATABASE restored');
    psql('shop', DEMO_SCHEMA_SQL);
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
    await pg?.stop();
  });

  it('restores into an empty database, and the dumps of both compare equal', async () => {
    const original = dump('shop');
    expect(original).toMatch(/^COPY public\.customers .* FROM stdin;$/m);
    const saved = await socket.call('connections.save', {
      name: 'Debian 15',
      host: pg.info.host,
      port: pg.info.port,
      database: 'restored',
      username: 'postgres',
      sslMode: 'disable',
    });
    await socket.call('connections.connect', { id: saved.id });
    const { end } = await runQuery(socket, saved.id, original);
    expect(end.payload.error).toBeUndefined();
    expect(end.event).toBe('query.completed');
    const copies = end.payload.results.filter((r: { command: string }) => r.command === 'COPY');
    expect(copies.length).toBeGreaterThanOrEqual(4);
    expect(comparable(dump('restored'))).toBe(comparable(original));
  }, 60_000);
});
