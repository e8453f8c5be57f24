// Memory given back after results are closed (bench/idle-memory.ts) with the test harnesses.
// Run: npm run bench (needs dist/: it builds first), or alone: node bench/idle-memory.mjs
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('idle-memory'));
