import { randomBytes } from 'node:crypto';
import { refusedPort, silentServer, stallingServer } from '../support/net';
import { startTestBackend } from '../support/backend';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import {
  sharedPgServer,
  startPgServer,
  superuserSql,
  type PgServerInfo,
} from '../support/postgres';
import type { Supervised } from '../support/supervised';

describe('connections.test: every connection and authentication failure says what to do (SC-004)', () => {
  const pg = sharedPgServer();
  const role = `tusk_nologin_${randomBytes(3).toString('hex')}`;
  let plain: Supervised<PgServerInfo>;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let socket: TestSocket;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let stallsTls: Awaited<ReturnType<typeof stallingServer>>;
  let stallsLogin: Awaited<ReturnType<typeof stallingServer>>;
  let refused = 0;
  const login = () => ({
    host: pg.host,
    port: pg.port,
    username: pg.username,
    password: pg.password,
    database: pg.database,
  });

  beforeAll(async () => {
    plain = await startPgServer('off');
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
    silent = await silentServer();
    stallsTls = await stallingServer('S');
    stallsLogin = await stallingServer('N');
    refused = await refusedPort();
    const sql = superuserSql(pg);
    await sql.unsafe(`CREATE ROLE ${role} NOLOGIN PASSWORD 'irrelevant'`);
    await sql.end();
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
    await plain?.stop();
    silent?.close();
    stallsTls?.close();
    stallsLogin?.close();
    const sql = superuserSql(pg);
    await sql.unsafe(`DROP ROLE IF EXISTS ${role}`);
    await sql.end();
  });

  async function testWith(params: Record<string, unknown>) {
    return socket.request('connections.test', params);
  }

  it('a good login reports the server, the user and that TLS is on', async () => {
    expect(await testWith({ ...login(), sslMode: 'verify-full', sslRootCert: pg.caCert })).toEqual({
      id: expect.any(String),
      result: {
        serverVersion: expect.stringMatching(/^\d+\.\d+/),
        user: pg.username,
        database: pg.database,
        tls: true,
        standby: false,
        transactionPooler: false,
        readOnly: false,
        elapsedMs: expect.any(Number),
      },
    });
  });

  it('a URL works too, with the fields of the form winning over it', async () => {
    const url = `postgres://${pg.username}:${encodeURIComponent(pg.password)}@${pg.host}:${pg.port}/no_such_db?sslmode=disable`;
    const reply = await testWith({ url, database: pg.database });
    expect(reply['result']).toMatchObject({ database: pg.database, tls: false });
  });

  const failures: [string, () => Record<string, unknown>, Record<string, unknown>][] = [
    [
      'wrong password',
      () => ({ ...login(), password: 'not-the-password' }),
      {
        kind: 'authentication',
        stage: 'authentication',
        code: 'PASSWORD_REFUSED',
        sqlState: '28P01',
        hint: expect.stringContaining('Check the password and the user name'),
      },
    ],
    [
      'unknown role (the server answers as for a wrong password)',
      () => ({ ...login(), username: 'no_such_role_x' }),
      {
        kind: 'authentication',
        stage: 'authentication',
        code: 'PASSWORD_REFUSED',
        sqlState: '28P01',
        message: 'password authentication failed for user "no_such_role_x"',
        hint: expect.stringContaining('the user does not exist'),
      },
    ],
    [
      'role that may not log in',
      () => ({ ...login(), username: role, password: 'irrelevant' }),
      {
        kind: 'authentication',
        stage: 'authentication',
        code: '28000',
        hint: expect.stringContaining('check the user name'),
      },
    ],
    [
      'unknown database',
      () => ({ ...login(), database: 'no_such_db' }),
      {
        kind: 'connection',
        stage: 'database',
        code: '3D000',
        hint: expect.stringContaining('Check the database name'),
      },
    ],
    [
      'refused port',
      () => ({ ...login(), port: refused }),
      { kind: 'connection', stage: 'tcp', hint: expect.stringContaining('PostgreSQL is running') },
    ],
    [
      'unknown host',
      () => ({ ...login(), host: 'no-such-host.invalid' }),
      { kind: 'connection', stage: 'dns', message: 'Unknown host "no-such-host.invalid"' },
    ],
    [
      'silent host (timeout)',
      () => ({ ...login(), port: silent.port, connectTimeoutMs: 1000 }),
      {
        kind: 'connection',
        stage: 'tcp',
        message: expect.stringMatching(/^No answer from 127\.0\.0\.1:\d+ after 1 s$/),
        hint: expect.stringContaining('retry'),
      },
    ],
    [
      'TLS handshake that never ends (timeout)',
      () => ({ ...login(), port: stallsTls.port, sslMode: 'require', connectTimeoutMs: 1000 }),
      {
        kind: 'connection',
        stage: 'tls',
        message: expect.stringMatching(
          /^127\.0\.0\.1:\d+ did not finish the TLS handshake and login within 1 s$/,
        ),
        hint: expect.stringContaining('connect timeout'),
      },
    ],
    [
      'login that never ends (timeout)',
      () => ({ ...login(), port: stallsLogin.port, sslMode: 'prefer', connectTimeoutMs: 1000 }),
      {
        kind: 'connection',
        stage: 'authentication',
        message: expect.stringMatching(/^127\.0\.0\.1:\d+ did not finish the login within 1 s$/),
      },
    ],
    [
      'TLS required by the client, plain server',
      () => ({
        ...login(),
        port: plain.info.port,
        password: plain.info.password,
        sslMode: 'require',
      }),
      { kind: 'tls', stage: 'tls', hint: expect.stringContaining('Enable ssl on the server') },
    ],
    [
      'untrusted CA',
      () => ({ ...login(), sslMode: 'verify-ca', sslRootCert: pg.otherCaCert }),
      { kind: 'tls', stage: 'tls', hint: expect.stringContaining('CA certificate') },
    ],
    [
      'hostname mismatch',
      () => ({ ...login(), host: '127.0.0.2', sslMode: 'verify-full', sslRootCert: pg.caCert }),
      {
        kind: 'tls',
        stage: 'tls',
        message: 'The server\'s certificate does not name "127.0.0.2"',
        hint: expect.stringContaining('verify-ca'),
      },
    ],
    [
      'unreadable CA file',
      () => ({ ...login(), sslMode: 'verify-ca', sslRootCert: '/no/such/ca.crt' }),
      {
        kind: 'tls',
        stage: 'tls',
        message: 'Cannot read the CA certificate file /no/such/ca.crt: it does not exist',
      },
    ],
    [
      'a URL with a bad port',
      () => ({ url: 'postgres://alice:pw-in-url-77@db:notaport/app' }),
      { kind: 'validation', message: 'This is not a connection URL' },
    ],
    [
      'no user name',
      () => ({ host: pg.host }),
      { kind: 'validation', message: 'The user name is missing' },
    ],
  ];

  it.each(failures)('%s', async (_name, params, expected) => {
    const started = Date.now();
    const reply = await testWith(params());
    // Every stage counts against one connect timeout (1 s in the timeout cases).
    expect(Date.now() - started).toBeLessThan(2500);
    expect(reply['error']).toMatchObject({ message: expect.any(String), ...expected });
    expect(JSON.stringify(reply)).not.toContain('not-the-password');
    expect(JSON.stringify(reply)).not.toContain('pw-in-url-77');
  });
});
