// Run → first rows painted in the grid (bench/first-rows.ts) in Chromium, with the test
// harnesses. Run: npm run build && node bench/first-rows.mjs
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('first-rows'));
