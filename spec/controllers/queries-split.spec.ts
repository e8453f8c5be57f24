import { startTestBackend, type TestBackend } from '../support/backend';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

describe('queries.split: what a run must know, in one answer per text', () => {
  let backend: TestBackend;
  let socket: TestSocket;

  beforeAll(async () => {
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
  });
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
  });

  it('each statement with its range, kind, whether it writes and the parameters it needs', async () => {
    const lines = [
      "SELECT $2::int + $1::int AS total, '$9' AS not_one;",
      'UPDATE t SET a = $1 WHERE b = $3;',
      'PREPARE p (int) AS SELECT $1;',
      'SELEC $4 FRM t;',
      '\\d t',
    ];
    const sql = `${lines[0]} -- $8\n${lines.slice(1).join('\n')}`;
    // Code points: the text is ASCII, so they are its indexes.
    const at = (i: number) => ({
      start: sql.indexOf(lines[i]!),
      end: sql.indexOf(lines[i]!) + lines[i]!.length,
    });
    const statements = await socket.call('queries.split', { sql });
    expect(statements).toEqual([
      { ...at(0), kind: 'select', writes: false, params: 2 },
      { ...at(1), kind: 'dml', writes: true, params: 3 },
      { ...at(2), kind: 'utility', writes: false, params: 0 },
      { ...at(3), kind: 'unknown', writes: false, params: 4, broken: true },
      {
        ...at(4),
        kind: 'psql',
        writes: false,
        params: 0,
        refusal: expect.objectContaining({ message: expect.stringContaining('\\d') }),
      },
    ]);
  });

  it('an empty text has no statements; a text over the limit is refused', async () => {
    expect(await socket.call('queries.split', { sql: '  -- nothing\n' })).toEqual([]);
    await expect(
      socket.call('queries.split', { sql: 'x'.repeat(1_000_001) }),
    ).rejects.toMatchObject({ info: { kind: 'validation' } });
  });
});
