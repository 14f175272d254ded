// `npm run build` step: copies what tsc does not emit but the server reads at run time into the
// build: the shipped rule sets' sources (rules/defaults/*.rules, installed with their text).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const outDir = path.resolve(process.argv[2] ?? 'dist');
const from = path.resolve('rules/defaults');
const to = path.join(outDir, 'rules', 'defaults');
mkdirSync(to, { recursive: true });
const sources = readdirSync(from).filter((f) => f.endsWith('.rules'));
for (const f of sources) copyFileSync(path.join(from, f), path.join(to, f));
console.log(`${sources.length} rule-set sources copied to ${to}`);
