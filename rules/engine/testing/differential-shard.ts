// Child-process entry of the differential test: runs one shard's plan (JSON on stdin) and
// prints its count (JSON on stdout), so shards use every core while vitest runs one worker.
import { type DifferentialPlan, runDifferential } from './differential.js';

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
try {
  const count = await runDifferential(JSON.parse(input) as DifferentialPlan);
  process.stdout.write(JSON.stringify({ ok: true, count }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) }));
}
process.exit(0);
