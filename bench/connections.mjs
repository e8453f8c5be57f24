// Connect/disconnect cycles (bench/connections.ts) with the test harnesses. Run: npm run bench.
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('connections', ['--expose-gc']));
