import { testConnection } from '../../../app/models/connections/connection-test';
import type { ErrorInfo } from '../../../app/models/errors/error-info';
import { TuskError } from '../../../app/models/errors/errors';
import { SSL_MODES, type SslMode } from '../../../app/models/connections/server-login';
import { sharedPgServer, startPgServer, type PgServerInfo } from '../../support/postgres';
import type { Supervised } from '../../support/supervised';

type Server = 'plain' | 'tls' | 'tls-only';
/** What libpq does: connect encrypted, connect in plain text, or fail at a stage. */
type Outcome = 'tls' | 'plain' | (Pick<ErrorInfo, 'kind' | 'stage'> & { code?: string });

const refusedTls = { kind: 'tls', stage: 'tls' } as const;
const hbaRefusesPlain = { kind: 'authentication', stage: 'authentication', code: '28000' } as const;

/** libpq's table (https://www.postgresql.org/docs/current/libpq-ssl.html), per server kind. */
const EXPECTED: Record<Server, Record<SslMode, Outcome>> = {
  plain: {
    disable: 'plain',
    prefer: 'plain',
    require: refusedTls,
    'verify-ca': refusedTls,
    'verify-full': refusedTls,
  },
  tls: {
    disable: 'plain',
    prefer: 'tls',
    require: 'tls',
    'verify-ca': 'tls',
    'verify-full': 'tls',
  },
  'tls-only': {
    disable: hbaRefusesPlain,
    prefer: 'tls',
    require: 'tls',
    'verify-ca': 'tls',
    'verify-full': 'tls',
  },
};

describe('SSL modes behave as libpq documents (plain, TLS and TLS-only servers)', () => {
  const servers: Partial<Record<Server, PgServerInfo>> = { tls: sharedPgServer() };
  const started: Supervised<PgServerInfo>[] = [];
  beforeAll(async () => {
    const [plain, only] = await Promise.all([startPgServer('off'), startPgServer('required')]);
    started.push(plain, only);
    servers.plain = plain.info;
    servers['tls-only'] = only.info;
  }, 90_000);
  afterAll(async () => {
    for (const server of started) await server.stop();
  });

  const cases = (Object.keys(EXPECTED) as Server[]).flatMap((server) =>
    SSL_MODES.map((mode) => [server, mode, EXPECTED[server][mode]] as const),
  );

  it.each(cases)('%s server, sslmode=%s', async (server, mode, expected) => {
    const info = servers[server]!;
    const outcome = await testConnection({
      host: info.host,
      port: info.port,
      username: info.username,
      password: info.password,
      database: info.database,
      sslMode: mode,
      ...(info.caCert ? { sslRootCert: info.caCert } : {}),
      connectTimeoutMs: 5000,
    }).then(
      (result) => (result.tls ? 'tls' : 'plain'),
      (error: unknown) => {
        expect(error).toBeInstanceOf(TuskError);
        return (error as TuskError).toErrorInfo();
      },
    );
    if (typeof expected === 'string') expect(outcome).toBe(expected);
    else expect(outcome).toMatchObject({ ...expected, hint: expect.any(String) });
  });
});
