// The page interactive on a cold start in browser mode (bench/page-start.ts), in Chromium.
// Run: npm run build && node bench/page-start.mjs
import { spawnSync } from 'node:child_process';
import { bundleBench } from './bundle.mjs';

const outfile = await bundleBench('page-start');
process.exit(spawnSync(process.execPath, [outfile], { stdio: 'inherit' }).status ?? 1);
