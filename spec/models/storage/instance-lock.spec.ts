import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireInstanceLock, LOCK_FILE } from '../../../app/models/storage/instance-lock';
import { tempDir } from '../../support/backend';

describe('the instance lock: held by the OS for as long as the Tusk runs', () => {
  let dir: string;
  let sleeper: ChildProcess | undefined;
  beforeEach(() => {
    dir = tempDir('tusk-lock-');
  });
  afterEach(() => {
    sleeper?.kill('SIGKILL');
    sleeper = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('a tusk.lock naming a live process that is no Tusk (a reused pid) does not block the start', () => {
    sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    for (const pid of [sleeper.pid!, process.pid]) {
      writeFileSync(join(dir, LOCK_FILE), `${pid}\n`);
      const lock = acquireInstanceLock(dir);
      lock.release();
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    }
  });

  it('a second lock is refused naming the holder and saying how to free the folder', () => {
    const lock = acquireInstanceLock(dir);
    expect(statSync(lock.path).mode & 0o777).toBe(0o600);
    let refusal: unknown;
    try {
      acquireInstanceLock(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      kind: 'initialization',
      message: `Tusk is already running with the data folder ${dir} (process ${process.pid})`,
      hint: expect.stringMatching(/--data-dir.*process \d+ ends/),
    });
    // The refusal must not loosen the holder's lock.
    expect(() => acquireInstanceLock(dir)).toThrow('already running');
    lock.release();
    acquireInstanceLock(dir).release();
  });
});
