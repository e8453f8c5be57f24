import { rmSync } from 'node:fs';
import { getLogLevel } from '../../app/models/logging/logging';
import { startTestBackend, tempDir, type TestBackend } from '../support/backend';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

const DEFAULTS = {
  theme: 'system',
  editorFontSize: 14,
  statementTimeoutMs: 30_000,
  poolSize: 4,
  rowCap: 0,
  resultMemoryMb: 512,
  resultsTotalMemoryMb: 1536,
  tabSessionsPerConnection: 8,
  tabIdleInTransactionMs: 0,
  historyRetentionDays: 90,
  logLevel: 'info',
};

describe('preferences.get / preferences.set', () => {
  let dataDir: string;
  let backend: TestBackend;
  let socket: TestSocket;
  const start = async () => {
    backend = await startTestBackend({ dataDir });
    socket = await openSocket(socketUrl(backend.port, backend.token));
  };
  const stop = async () => {
    socket.close();
    await backend.stop();
  };
  beforeAll(async () => {
    dataDir = tempDir('tusk-prefs-');
    await start();
  });
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with the defaults', async () => {
    expect(await socket.request('preferences.get', {})).toMatchObject({ result: DEFAULTS });
  });

  it('bad values are a validation error naming each field, and nothing is saved', async () => {
    const reply = await socket.request('preferences.set', {
      values: { editorFontSize: 18, poolSize: 99, theme: 'purple' },
    });
    expect(reply['error']).toMatchObject({
      kind: 'validation',
      detail: expect.stringMatching(/poolSize[\s\S]*theme|theme[\s\S]*poolSize/),
    });
    expect(await socket.request('preferences.get', {})).toMatchObject({ result: DEFAULTS });
    const unknown = await socket.request('preferences.set', { values: { fontColour: 'red' } });
    expect(unknown['error']).toMatchObject({
      kind: 'validation',
      detail: expect.stringContaining('fontColour'),
    });
  });

  it('saved values come back after a restart, and the log level applies at once', async () => {
    const changed = { editorFontSize: 18, theme: 'dark', poolSize: 8, logLevel: 'debug' };
    expect(await socket.request('preferences.set', { values: changed })).toMatchObject({
      result: { ...DEFAULTS, ...changed },
    });
    expect(getLogLevel()).toBe('debug');
    await stop();
    await start();
    expect(await socket.request('preferences.get', {})).toEqual({
      id: expect.any(String),
      result: { ...DEFAULTS, ...changed },
    });
    expect(getLogLevel()).toBe('debug');
  });

  it('a save of one preference leaves every other stored one as it was (issue 22, item 1)', async () => {
    await socket.request('preferences.set', { values: { theme: 'dark', editorFontSize: 18 } });
    await socket.request('preferences.set', { values: { statementTimeoutMs: 50_000 } });
    const after = await socket.request('preferences.set', { values: { theme: 'light' } });
    expect(after['result']).toMatchObject({
      theme: 'light',
      editorFontSize: 18,
      statementTimeoutMs: 50_000,
    });
    expect((await socket.request('preferences.get', {}))['result']).toMatchObject({
      theme: 'light',
      editorFontSize: 18,
      statementTimeoutMs: 50_000,
    });
  });
});
