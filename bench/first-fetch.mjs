// The first big fetch after start against the fifth (bench/first-fetch.ts), with the test
// harnesses. Run: npm run build && node bench/first-fetch.mjs
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('first-fetch'));
