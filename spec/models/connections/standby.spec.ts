import { startTestBackend, type TestBackend } from '../../support/backend';
import { startPgServer, startStandby, type PgServerInfo } from '../../support/postgres';
import { runQuery } from '../../support/queries';
import { openSocket, socketUrl, type TestSocket } from '../../support/socket';
import type { Supervised } from '../../support/supervised';

describe('a hot standby is reported read-only (issue 14)', () => {
  let primary: Supervised<PgServerInfo>;
  let standby: PgServerInfo;
  let backend: TestBackend;
  let socket: TestSocket;
  const ids = { primary: '', standby: '' };

  /** The superuser login of `server` (a dedicated harness without TLS). */
  const login = (server: PgServerInfo) => ({
    host: server.host,
    port: server.port,
    database: server.database,
    username: server.username,
    password: server.password,
    sslMode: 'disable' as const,
  });
  /** Saves a connection to `server` with its password remembered, connects it: its id. */
  const open = async (name: string, server: PgServerInfo) => {
    const saved = await socket.call('connections.save', {
      name,
      ...login(server),
      rememberPasswords: true,
    });
    await socket.call('connections.connect', { id: saved.id });
    return saved.id as string;
  };

  beforeAll(async () => {
    // Its own server: making the standby stops it for a moment.
    primary = await startPgServer('off');
    standby = await startStandby(primary);
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
    ids.primary = await open('primary', primary.info);
    ids.standby = await open('standby', standby);
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
    await primary?.stop();
  });

  it('connections.status: the standby is read-only and a standby, its primary neither', async () => {
    const status = (await socket.call('connections.status', {})) as { id: string }[];
    expect(status.find((s) => s.id === ids.standby)).toMatchObject({
      readOnly: true,
      standby: true,
      transactionPooler: false,
      tls: false,
      serverVersion: expect.stringMatching(/^\d+\.\d+/),
    });
    expect(status.find((s) => s.id === ids.primary)).toMatchObject({
      readOnly: false,
      standby: false,
      transactionPooler: false,
    });
    expect(status).toHaveLength(2);
  });

  it('connections.test says the same before anything is saved', async () => {
    expect(await socket.call('connections.test', login(standby))).toMatchObject({
      readOnly: true,
      standby: true,
      transactionPooler: false,
    });
    expect(await socket.call('connections.test', login(primary.info))).toMatchObject({
      readOnly: false,
      standby: false,
      transactionPooler: false,
    });
  });

  it('a write on the standby fails as read-only (25006); the same write works on its primary', async () => {
    const sql = 'CREATE TABLE tusk_standby_write (id int)';
    const { end } = await runQuery(socket, ids.standby, sql);
    expect(end).toMatchObject({
      event: 'query.failed',
      payload: {
        error: {
          kind: 'database',
          code: '25006',
          message: 'cannot execute CREATE TABLE in a read-only transaction',
          hint: expect.stringContaining('hot standby'),
        },
      },
    });
    expect((await runQuery(socket, ids.primary, sql)).end.event).toBe('query.completed');
  });
});
