// The activity view's cost in the page (bench/activity-page.ts) in Chromium, with the test
// harnesses. Run: npm run build && node bench/activity-page.mjs
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('activity-page'));
