// `npm run build` step: writes the pre-built workflow bundle that production workers load.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildWorkflowBundle } from './bundle.js';

const out = path.resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
mkdirSync(path.dirname(out), { recursive: true });
const bundle = await buildWorkflowBundle();
writeFileSync(out, bundle.code);
console.log(`workflow bundle written to ${out} (${(bundle.code.length / 1024).toFixed(0)} KiB)`);
