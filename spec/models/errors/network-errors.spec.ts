import { readFileSync } from 'node:fs';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { refusedPort, silentServer } from '../../support/net';
import { fromNetworkError } from '../../../app/models/errors/network-errors';
import { serverAcceptsTls, tlsNotSupported } from '../../../app/models/connections/tls-probe';
import {
  sharedPgServer,
  startPgServer,
  superuserSql,
  type PgServerInfo,
} from '../../support/postgres';
import type { Supervised } from '../../support/supervised';

/** Connects with postgres.js and returns the mapped ErrorInfo of the failure. */
async function failureOf(server: PgServerInfo, options: Parameters<typeof superuserSql>[1] = {}) {
  const sql = superuserSql(server, { connect_timeout: 1, ...options });
  const error = await sql`SELECT 1`.then(
    () => undefined,
    (e: unknown) => e,
  );
  await sql.end({ timeout: 1 });
  const mapped = fromNetworkError(error, { host: server.host, port: server.port, timeoutMs: 1000 });
  expect(mapped).toBeDefined();
  return mapped!.toErrorInfo();
}

describe('network and TLS failures through to ErrorInfo (real sockets and servers)', () => {
  const shared = sharedPgServer();
  let plain: Supervised<PgServerInfo>;
  beforeAll(async () => {
    plain = await startPgServer('off');
  }, 60_000);
  afterAll(() => plain?.stop());

  it('refused port', async () => {
    const port = await refusedPort();
    expect(await failureOf({ ...shared, port })).toMatchObject({
      kind: 'connection',
      stage: 'tcp',
      message: `Connection refused by 127.0.0.1:${port}`,
      hint: expect.stringContaining('PostgreSQL is running'),
    });
  });

  it('unknown host', async () => {
    expect(await failureOf({ ...shared, host: 'no-such-host.invalid' })).toMatchObject({
      kind: 'connection',
      stage: 'dns',
      message: 'Unknown host "no-such-host.invalid"',
      hint: expect.stringContaining('host name'),
    });
  });

  it('a host that accepts but never answers times out, saying how long and that it can be retried', async () => {
    const silent = await silentServer();
    const port = silent.port;
    const info = await failureOf({ ...shared, port });
    silent.close();
    expect(info).toMatchObject({
      kind: 'connection',
      stage: 'tcp',
      message: `No answer from 127.0.0.1:${port} after 1 s`,
    });
    expect(info.hint).toMatch(/retry/);
  });

  it('TLS required by the client, plain server: found by probing before connecting', async () => {
    expect(await serverAcceptsTls(plain.info)).toBe(false);
    expect(await serverAcceptsTls(shared)).toBe(true);
    expect(tlsNotSupported(plain.info).toErrorInfo()).toMatchObject({
      kind: 'tls',
      stage: 'tls',
      hint: expect.stringContaining('Enable ssl on the server'),
    });
    // Why the probe: postgres.js starts TLS even after the server's "no", and the
    // failure it reports says nothing about TLS.
    expect(await failureOf(plain.info, { ssl: 'require' })).toMatchObject({
      kind: 'connection',
      message: expect.stringMatching(/was closed$/),
    });
  });

  it('certificate from an untrusted CA', async () => {
    expect(
      await failureOf(shared, {
        ssl: { ca: readFileSync(shared.otherCaCert!), rejectUnauthorized: true },
      }),
    ).toMatchObject({
      kind: 'tls',
      stage: 'tls',
      message: expect.stringMatching(/^The server's certificate is not trusted/),
      hint: expect.stringContaining('CA certificate'),
    });
  });

  it('host name mismatch (the certificate names 127.0.0.1 and localhost, not 127.0.0.2)', async () => {
    // postgres.js passes no servername for an IP host, so Node checks the certificate
    // against "localhost": Tusk's pool must check the real host itself, as here.
    const ssl = {
      ca: readFileSync(shared.caCert!),
      rejectUnauthorized: true,
      checkServerIdentity: (_host: string, cert: PeerCertificate) =>
        checkServerIdentity('127.0.0.2', cert),
    };
    const info = await failureOf({ ...shared, host: '127.0.0.2' }, { ssl });
    expect(info).toMatchObject({
      kind: 'tls',
      stage: 'tls',
      message: `The server's certificate does not name "127.0.0.2"`,
      hint: expect.stringContaining('verify-ca'),
    });
  });

  it('leaves errors it does not know to the caller', () => {
    expect(fromNetworkError(new Error('something else'), { host: 'h', port: 1 })).toBeUndefined();
    expect(fromNetworkError('not an error', { host: 'h', port: 1 })).toBeUndefined();
  });
});
