import { spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { DifferentialCount, DifferentialPlan } from './testing/differential.js';

// json-rules-engine manages about 12,000 evaluations a second here (it deep-clones every rule on
// every run), so a million comparisons take about 85 s of CPU. Vitest gives the unit project one
// worker on a 2-core machine, so the comparisons run in one child process per core instead,
// each with its own share and its own random seed (fast-check prints it with any failure).
const SHIPPED_PER_SET = 100_000; // × 5 shipped rule sets
const GENERATED_SETS = 2_500; // × 200 facts each
const FACTS_PER_GENERATED_SET = 200;
const REQUIRED = 1_000_000;

const shards = Math.max(1, Math.min(4, os.availableParallelism()));

function runShard(plan: DifferentialPlan): Promise<DifferentialCount> {
  const script = fileURLToPath(new URL('./testing/differential-shard.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        const report = JSON.parse(out) as { ok: true; count: DifferentialCount } | { ok: false; error: string };
        if (report.ok) resolve(report.count);
        else reject(new Error(report.error));
      } catch {
        reject(new Error(`differential shard exited ${code} without a report: ${out.slice(0, 2000)}`));
      }
    });
    child.stdin.end(JSON.stringify(plan));
  });
}

describe('compiled rule sets against json-rules-engine', () => {
  test(
    `agree on at least ${REQUIRED.toLocaleString('en')} generated inputs (shipped rule sets × generated facts, generated rule sets × generated facts)`,
    async () => {
      const started = performance.now();
      const plan: DifferentialPlan = {
        factsPerShippedSet: Math.ceil(SHIPPED_PER_SET / shards),
        generatedSets: Math.ceil(GENERATED_SETS / shards),
        factsPerGeneratedSet: FACTS_PER_GENERATED_SET,
        explainEvery: 5,
      };
      const counts = await Promise.all(Array.from({ length: shards }, () => runShard(plan)));
      const total = counts.reduce((sum, c) => ({ shipped: sum.shipped + c.shipped, generated: sum.generated + c.generated, explained: sum.explained + c.explained }));
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `differential: ${(total.shipped + total.generated).toLocaleString('en')} inputs compared ` +
          `(${total.shipped.toLocaleString('en')} on the 5 shipped rule sets, ${total.generated.toLocaleString('en')} on generated rule sets; ` +
          `${total.explained.toLocaleString('en')} explanations checked) in ${seconds.toFixed(1)} s on ${shards} process(es)`,
      );
      expect(total.shipped).toBeGreaterThanOrEqual(5 * SHIPPED_PER_SET);
      expect(total.generated).toBeGreaterThanOrEqual(GENERATED_SETS * FACTS_PER_GENERATED_SET);
      expect(total.shipped + total.generated).toBeGreaterThanOrEqual(REQUIRED);
    },
    900_000,
  );
});
