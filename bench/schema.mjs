// The schema cache on 20,000 tables × 10 columns (bench/schema.ts), with the test
// harnesses. Run: npm run build && node bench/schema.mjs
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('schema'));
