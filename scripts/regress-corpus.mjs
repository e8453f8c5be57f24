// PostgreSQL's own regression suite (src/test/regress of Debian's source package
// postgresql-15): the corpus the psql-fidelity test runs through Tusk and through psql.
// Fetched at test set-up like the Debian packages (never committed), into
// node_modules/.cache/tusk-regress/<version>/, from a deb-src entry for the same archive
// the machine already uses.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './setup.mjs';

const CACHE = join(root, 'node_modules', '.cache', 'tusk-regress');
const SOURCES = '/etc/apt/sources.list.d/tusk-deb-src.sources';

/** The folder holding `sql/`, `data/` and `parallel_schedule`, when it was fetched. */
export function regressCorpus() {
  if (!existsSync(CACHE)) return null;
  const found = readdirSync(CACHE).find((d) => existsSync(join(CACHE, d, 'parallel_schedule')));
  return found ? join(CACHE, found) : null;
}

/** The deb-src twin of each `Types: deb` stanza of the machine's apt sources. */
function debSrcEntries() {
  const dir = '/etc/apt/sources.list.d';
  const stanzas = readdirSync(dir)
    .filter((f) => f.endsWith('.sources') && join(dir, f) !== SOURCES)
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/))
    .filter((s) => /^Types:\s*deb\s*$/m.test(s));
  return stanzas.map((s) => s.replace(/^Types:\s*deb\s*$/m, 'Types: deb-src')).join('\n\n');
}

/**
 * Fetches the corpus when it is missing: as root, adds the deb-src entry, updates apt's
 * lists and downloads the source package (the installed version first, else any other
 * the archive has); as another user, names the step and throws.
 */
export function ensureRegressCorpus() {
  if (regressCorpus()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `PostgreSQL's regression suite is missing (${CACHE}).\n  As root, npm test fetches it: a deb-src entry, apt-get update, apt-get source --download-only postgresql-15.`,
    );
  }
  console.log("Fetching PostgreSQL's regression suite (apt-get source postgresql-15)…");
  if (!existsSync(SOURCES)) writeFileSync(SOURCES, `${debSrcEntries()}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  const installed = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'postgresql-15']).toString();
  const listed = execFileSync('apt-cache', ['showsrc', 'postgresql-15'])
    .toString()
    .split('\n')
    .filter((l) => l.startsWith('Version: '))
    .map((l) => l.slice(9).trim());
  const work = join(CACHE, 'download');
  mkdirSync(work, { recursive: true });
  for (const version of [installed, ...listed.filter((v) => v !== installed).reverse()]) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    try {
      execFileSync('apt-get', ['source', '--download-only', '-qq', `postgresql-15=${version}`], {
        cwd: work,
        env,
        stdio: 'pipe',
      });
    } catch {
      continue; // not in the archive's pool (seen for a security update): try another
    }
    const tarball = readdirSync(work).find((f) => /\.orig\.tar\.(bz2|gz|xz)$/.test(f));
    if (!tarball) continue;
    const upstream = version.replace(/-.*$/, '');
    const target = join(CACHE, upstream);
    mkdirSync(target, { recursive: true });
    const inside = `postgresql-${upstream}/src/test/regress`;
    execFileSync('tar', [
      'xf',
      join(work, tarball),
      '-C',
      target,
      '--strip-components=4',
      `${inside}/sql`,
      `${inside}/data`,
      `${inside}/parallel_schedule`,
    ]);
    rmSync(work, { recursive: true, force: true });
    return;
  }
  throw new Error('apt-get source postgresql-15 found no version to download');
}
