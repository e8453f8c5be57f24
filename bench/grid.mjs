// Scrolling a 1M-row result in the grid (bench/grid.ts) in Chromium, with the test harnesses.
// Run: npm run build && node bench/grid.mjs
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('grid'));
