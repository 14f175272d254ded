import { readFileSync } from 'node:fs';
import { parseRules } from './rules/dsl/index.js';
import { analyzeRuleSet } from './rules/analyze/index.js';
import { contracts } from './schemas/decisions/index.js';
const src = readFileSync(process.argv[2]!, 'utf8');
const r: any = parseRules(src);
if (!r.document) { console.log(JSON.stringify(r, null, 1)); process.exit(); }
for (const w of analyzeRuleSet(r.document, contracts[r.document.decision as 'reclaim'])) console.log(w.code, w.pointer, w.message);
