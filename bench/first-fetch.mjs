// The first big fetch after start against the fifth (bench/first-fetch.ts), with the test
// harnesses. Run: npm run build && node bench/first-fetch.mjs [--debian-pg]
// --debian-pg: against Debian's PostgreSQL 15 (package postgresql-15) instead of the embedded
// PostgreSQL of the tests.
import { runWithHarnesses } from './with-harnesses.mjs';

const debianPg = process.argv.includes('--debian-pg');
process.exit(await runWithHarnesses('first-fetch', [], { debianPg }));
