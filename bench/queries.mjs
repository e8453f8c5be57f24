// Queries through the real backend (bench/queries.ts) with the test harnesses.
// Run: npm run bench (needs dist/: it builds first).
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('queries'));
