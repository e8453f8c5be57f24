import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appFolders, projectRoot } from '../../../app/models/app/app-info';
import { configureLogging, getLogger, shutdownLogging } from '../../../app/models/logging/logging';
import { locateDataDir, PORTABLE_FOLDER } from '../../../app/models/storage/data-dir';
import { makePrivate } from '../../../app/models/storage/file-modes';
import { tempDir } from '../../support/backend';

describe('portable mode: where the data folder is', () => {
  let root: string;
  let app: string;
  let exeDir: string;
  const env = { HOME: '/home/someone', XDG_DATA_HOME: '/xdg' };
  beforeEach(() => {
    root = tempDir('tusk-portable-');
    app = join(root, 'stick', 'Tusk', 'package.nw');
    exeDir = join(root, 'stick', 'Tusk');
    mkdirSync(app, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('no tusk-data and no flag: TUSK_DATA_DIR, else the OS folder', () => {
    expect(locateDataDir({ appDirs: [exeDir, app], env })).toEqual({
      dir: '/xdg/tusk',
      portable: false,
    });
    expect(
      locateDataDir({ appDirs: [exeDir, app], env: { ...env, TUSK_DATA_DIR: '/elsewhere' } }),
    ).toEqual({ dir: '/elsewhere', portable: false });
  });

  it("a tusk-data folder next to the app is used, before TUSK_DATA_DIR; the executable's folder first", () => {
    mkdirSync(join(app, PORTABLE_FOLDER));
    const withEnv = { ...env, TUSK_DATA_DIR: '/elsewhere' };
    expect(locateDataDir({ appDirs: [exeDir, app], env: withEnv })).toEqual({
      dir: join(app, 'tusk-data'),
      portable: true,
    });
    mkdirSync(join(exeDir, PORTABLE_FOLDER));
    expect(locateDataDir({ appDirs: [exeDir, app], env: withEnv })).toEqual({
      dir: join(exeDir, 'tusk-data'),
      portable: true,
    });
  });

  it('a file named tusk-data does not count', () => {
    writeFileSync(join(exeDir, PORTABLE_FOLDER), 'not a folder');
    expect(locateDataDir({ appDirs: [exeDir, app], env }).portable).toBe(false);
  });

  it('--portable without the folder: tusk-data in the first app folder (made at start)', () => {
    expect(locateDataDir({ portable: true, appDirs: [exeDir, app], env })).toEqual({
      dir: join(exeDir, 'tusk-data'),
      portable: true,
    });
    expect(existsSync(join(exeDir, 'tusk-data'))).toBe(false);
  });

  it('--data-dir wins over --portable and over a tusk-data folder', () => {
    mkdirSync(join(exeDir, PORTABLE_FOLDER));
    expect(
      locateDataDir({ explicit: join(root, 'mine'), portable: true, appDirs: [exeDir], env }),
    ).toEqual({ dir: join(root, 'mine'), portable: false });
  });

  it('"next to the app": the NW.js executable\'s folder (macOS: the folder holding Tusk.app), then package.json\'s', () => {
    expect(appFolders('/usr/bin/node', false)).toEqual([projectRoot()]);
    expect(appFolders('/media/stick/Tusk/Tusk', true)).toEqual([
      '/media/stick/Tusk',
      projectRoot(),
    ]);
    expect(
      appFolders('/Volumes/STICK/Apps/Tusk.app/Contents/Frameworks/nwjs Helper.app/x', true),
    ).toEqual(['/Volumes/STICK/Apps', projectRoot()]);
  });
});

describe('file modes where chmod fails', () => {
  let dir: string;
  afterEach(async () => {
    await shutdownLogging();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never throws and logs the first failure once at info (the kernel refuses chmod on /proc/self, EPERM as on FAT)', async () => {
    dir = tempDir('tusk-modes-');
    const logDir = join(dir, 'logs');
    configureLogging({ logDir, level: 'info' });
    for (let i = 0; i < 5; i++) {
      expect(() => makePrivate('/proc/self', 'dir')).not.toThrow();
      expect(() => makePrivate('/proc/self/status')).not.toThrow();
    }
    makePrivate(join(dir, 'missing')); // ENOENT: skipped, not logged
    getLogger('spec').info('end-of-modes');
    const deadline = Date.now() + 5000;
    let text = '';
    while (!text.includes('end-of-modes') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      const file = readdirSync(logDir)[0];
      text = file ? readFileSync(join(logDir, file), 'utf8') : '';
    }
    const lines = text.split('\n').filter((l) => l.includes('cannot make'));
    expect(lines).toEqual([
      expect.stringMatching(/INFO storage cannot make \/proc\/self private \(EPERM\)/),
    ]);
  });
});
