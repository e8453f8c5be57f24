// Random run/cancel cycles under CPU load (bench/cancel-soak.ts) with the test harnesses.
// Run: npm run bench (needs dist/: it builds first), or alone: node bench/cancel-soak.mjs
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('cancel-soak'));
