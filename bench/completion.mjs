// Bundles bench/completion.ts (it uses the app's models) and runs it. Run: npm run bench.
import { spawnSync } from 'node:child_process';
import { bundleBench } from './bundle.mjs';

const outfile = await bundleBench('completion');
const result = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
process.exit(result.status ?? 1);
