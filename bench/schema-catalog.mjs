// The schema catalog at 20,000 tables (bench/schema-catalog.ts) with the test harnesses.
import { runWithHarnesses } from './with-harnesses.mjs';

process.exit(await runWithHarnesses('schema-catalog'));
