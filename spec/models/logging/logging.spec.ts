import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  configureLogging,
  getLogger,
  getLogLevel,
  LOG_LEVELS,
  setLogLevel,
  shutdownLogging,
} from '../../../app/models/logging/logging';
import { pruneOldLogs } from '../../../app/models/logging/log-retention';
import { rememberSecret } from '../../../app/models/errors/redact';
import { TuskError } from '../../../app/models/errors/errors';
import { tempDir } from '../../support/temp';

/** `yyyy-MM-dd` of a local date, as in the daily file names. */
function day(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Waits until today's log file contains `marker`; returns the whole file. */
async function waitForLine(logDir: string, marker: string): Promise<string> {
  const file = join(logDir, `tusk.${day(new Date())}.log`);
  const deadline = Date.now() + 5000;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text.includes(marker)) return text;
    if (Date.now() > deadline) throw new Error(`"${marker}" never reached ${file}:\n${text}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('logging to daily files', () => {
  let dir: string;
  let logDir: string;
  beforeEach(() => {
    dir = tempDir('tusk-logs-');
    logDir = join(dir, 'logs');
  });
  afterEach(async () => {
    await shutdownLogging();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes every level to today's file in logs/, and a run-time level change takes effect", async () => {
    const state = configureLogging({ logDir, level: 'trace' });
    expect(state).toEqual({ logDir, level: 'trace' });
    const log = getLogger('spec');
    for (const level of LOG_LEVELS) log[level](`marker-${level}`);
    log.info('end-1');
    const all = await waitForLine(logDir, 'end-1');
    for (const level of LOG_LEVELS) {
      expect(all).toMatch(new RegExp(`^\\S+ ${level.toUpperCase()} spec marker-${level}$`, 'm'));
    }
    expect(readdirSync(logDir)).toEqual([`tusk.${day(new Date())}.log`]);

    setLogLevel('warn');
    expect(getLogLevel()).toBe('warn');
    log.info('quiet-info');
    log.debug('quiet-debug');
    log.warn('loud-warn');
    log.error('end-2');
    const after = await waitForLine(logDir, 'end-2');
    expect(after).toContain('loud-warn');
    expect(after).not.toContain('quiet-info');
    expect(after).not.toContain('quiet-debug');

    setLogLevel('debug');
    log.debug('debug-again');
    await waitForLine(logDir, 'debug-again');
  });

  it('removes passwords, URL passwords, remembered secrets and passphrases, also inside error causes', async () => {
    configureLogging({ logDir, level: 'trace' });
    const log = getLogger('spec');
    rememberSecret('keychain-value-7731');
    const cause = new Error('connect to postgres://alice:url-pass-5521@db.example:5432/app failed');
    const error = new TuskError('connection', 'could not connect', { cause });
    log.error('failed', error);
    log.info('conninfo host=db password=conninfo-pass-9911 user=alice');
    log.info({ ssh: { passphrase: 'phrase-4410', host: 'bastion' } });
    log.warn('secret from keychain: keychain-value-7731, encoded keychain-value-7731');
    log.info('end');
    const text = await waitForLine(logDir, 'end');
    for (const secret of [
      'url-pass-5521',
      'conninfo-pass-9911',
      'phrase-4410',
      'keychain-value-7731',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('postgres://alice:[redacted]@db.example:5432/app');
    expect(text).toContain('host=db password=[redacted] user=alice');
    expect(text).toContain("host: 'bastion'");
  });

  it('deletes files older than the days kept and nothing else', async () => {
    mkdirSync(logDir);
    const now = new Date();
    const ago = (days: number) => `tusk.${day(new Date(now.getTime() - days * 86_400_000))}.log`;
    for (const name of [ago(1), ago(2), ago(3), ago(20), 'notes.txt', 'tusk.log.old']) {
      writeFileSync(join(logDir, name), 'x');
    }
    expect(pruneOldLogs(logDir, 'tusk', 3, now)).toEqual([ago(3), ago(20)].sort());
    expect(readdirSync(logDir).sort()).toEqual(
      [ago(1), ago(2), 'notes.txt', 'tusk.log.old'].sort(),
    );

    writeFileSync(join(logDir, ago(40)), 'x');
    configureLogging({ logDir, keepDays: 14 });
    expect(existsSync(join(logDir, ago(40)))).toBe(false);
    expect(existsSync(join(logDir, ago(2)))).toBe(true);
  });

  it('an unusable log folder means console only with a warning, never a throw', () => {
    writeFileSync(logDir, 'a file where the folder should be');
    const state = configureLogging({ logDir, level: 'info' });
    expect(state.logDir).toBeNull();
    expect(state.warning).toMatch(/^Cannot write logs to .*logs: .*Logging to the console only\.$/);
    expect(() => getLogger('spec').info('still fine')).not.toThrow();
  });
});
