import { randomUUID } from 'node:crypto';
import { buildConnectionConfig } from '../../../app/models/connections/connection-config';
import { LiveConnections } from '../../../app/models/connections/live-connections';
import { CredentialService } from '../../../app/models/credentials/credentials';
import { TabSessions } from '../../../app/models/sessions/tab-sessions';
import { ImportService } from '../../../app/models/transfer/import-service';
import { sharedPgServer, superuserSql } from '../../support/postgres';
import { createLoginRole, type TestRole } from '../../support/secrets';
import { waitUntil } from '../../support/wait';

/** The service alone: an import nobody uploads to is abandoned, its session given back. */
describe('ImportService: abandoned uploads', () => {
  const pg = sharedPgServer();
  const live = new LiveConnections({ onDrop: () => undefined });
  const tabs = new TabSessions({
    live,
    limits: () => ({ perConnection: 4, idleInTransactionMs: 0 }),
    onLost: () => undefined,
  });
  const events: { event: string; payload: unknown }[] = [];
  let user: TestRole;
  let table = '';
  const connectionId = randomUUID();
  const admin = async (sql: string) => {
    const superuser = superuserSql(pg);
    try {
      return [...(await superuser.unsafe(sql))];
    } finally {
      await superuser.end();
    }
  };

  beforeAll(async () => {
    user = await createLoginRole(pg, 'tusk_import_idle');
    table = `idle_${user.suffix}`;
    await admin(`CREATE TABLE ${table} (id int); GRANT ALL ON ${table} TO ${user.role}`);
    const config = {
      ...buildConnectionConfig({
        name: `import ${user.suffix}`,
        host: pg.host,
        port: pg.port,
        database: pg.database,
        username: user.role,
        sslMode: 'disable',
      }),
      id: connectionId,
    };
    const credentials = await CredentialService.start();
    await live.connect(
      config,
      credentials,
      { password: user.password },
      {
        poolSize: 1,
        statementTimeoutMs: 30_000,
      },
    );
  }, 60_000);
  afterAll(async () => {
    await tabs.closeAll();
    await live.closeAll();
    await admin(`DROP TABLE IF EXISTS ${table}`);
    await user?.drop();
  });

  it('no part within idleMs: rolled back as IMPORT_CANCELLED, its session back in the pool, a late part refused', async () => {
    const imports = new ImportService({
      live,
      tabs,
      emit: (event, payload) => events.push({ event, payload }),
      uploadPath: (id) => `/token/imports/${id}`,
      idleMs: 300,
    });
    const { importId, uploadUrl } = await imports.start({
      connectionId,
      table: { schema: 'public', name: table },
      columns: [{ source: 0, target: 'id' }],
      options: { format: 'csv', header: false },
    });
    expect(uploadUrl).toBe(`/token/imports/${importId}`);
    const failed = () =>
      events.find(
        (e) =>
          e.event === 'import.failed' && (e.payload as { importId: string }).importId === importId,
      );
    await waitUntil(() => failed() !== undefined, 3000);
    expect(failed()?.payload).toMatchObject({
      error: {
        code: 'IMPORT_CANCELLED',
        detail: 'No part of the file came for 0.3 s: the upload was abandoned.',
      },
    });
    // The pool's only session is free again: a query runs at once.
    const pool = live.pool(connectionId)!;
    expect(await pool.run((s) => s.query<{ x: number }>('SELECT 1 AS x'))).toEqual([{ x: 1 }]);
    async function* part() {
      yield Buffer.from('1\n');
    }
    await expect(imports.upload(importId, 0, true, part())).rejects.toMatchObject({
      code: 'IMPORT_CANCELLED',
    });
    expect(await admin(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 0 }]);
  });
});
