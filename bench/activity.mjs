// Server activity (bench/activity.ts): a sample with 500 sessions, and a watch's cost, with
// the test harnesses. Run: npm run build && node bench/activity.mjs
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('activity'));
