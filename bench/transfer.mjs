// Export and import through the real backend (bench/transfer.ts) with the test harnesses.
// Run: npm run bench (needs dist/: it builds first), or alone: node bench/transfer.mjs
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('transfer'));
