// A 500-node plan computed and drawn (bench/plan.ts) in Chromium, with the test harnesses.
// Run: npm run build && node bench/plan.mjs
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('plan'));
