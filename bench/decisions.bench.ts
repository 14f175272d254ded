// Decisions per second: rule sets compiled to closures against json-rules-engine, side by side
// on the same inputs, with every output compared (mismatches must be 0).
import { isDeepStrictEqual } from 'node:util';
import { defaultRuleSets } from '../rules/defaults/index.js';
import { compileRuleSet, createSerialReference, evaluateReference } from '../rules/engine/index.js';
import type { EvaluationResult, Facts } from '../rules/engine/index.js';
import { assignmentFacts, thirtyRuleAssignment } from '../rules/engine/testing/assignment-fixtures.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';

interface Workload {
  name: string;
  doc: RuleSetDocument;
  inputs: Facts[];
}

/** Repeats `run` over the inputs until `minMs` has passed; decisions per second. */
async function rate(inputs: Facts[], minMs: number, run: (facts: Facts) => unknown): Promise<number> {
  let done = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const facts of inputs) await run(facts);
    done += inputs.length;
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  return (done / elapsed) * 1000;
}

/** Synchronous twin of `rate` for the compiled engine, so no promise per decision is measured. */
function rateSync(inputs: Facts[], minMs: number, run: (facts: Facts) => EvaluationResult): number {
  let done = 0;
  let fired = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const facts of inputs) fired += run(facts).fired.length;
    done += inputs.length;
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  if (fired < 0) console.log(fired); // keeps the loop's result alive
  return (done / elapsed) * 1000;
}

const ROUNDS = 5;
const ROUND_MS = 600;

const perSecond = (n: number) => Math.round(n).toLocaleString('en');
const times = (n: number) => `${Math.round(n).toLocaleString('en')}×`;

async function measure(w: Workload): Promise<Record<string, string | number>[]> {
  const compiled = compileRuleSet(w.doc);
  const reused = createSerialReference(w.doc);

  // Every output of every engine on every input, compared before anything is timed.
  let mismatches = 0;
  for (const facts of w.inputs) {
    const ours = compiled.evaluate(facts);
    const fresh = await evaluateReference(w.doc, facts);
    const serial = (await reused(facts)).result;
    if (!isDeepStrictEqual(ours.fired, fresh.fired) || !isDeepStrictEqual(ours.fired, serial.fired)) mismatches++;
  }

  // Warm-up, then rounds taking turns between the engines; each engine's best round counts, so
  // a collection of another engine's garbage does not land on one engine's only measurement.
  rateSync(w.inputs, 300, compiled.evaluate);
  let compiledRate = 0;
  let freshRate = 0;
  let reusedRate = 0;
  for (let round = 0; round < ROUNDS; round++) {
    compiledRate = Math.max(compiledRate, rateSync(w.inputs, ROUND_MS, compiled.evaluate));
    freshRate = Math.max(freshRate, await rate(w.inputs, ROUND_MS, (facts) => evaluateReference(w.doc, facts)));
    reusedRate = Math.max(reusedRate, await rate(w.inputs, ROUND_MS, reused));
  }
  const row = (engine: string, r: number, ratio: string) => ({
    'rule set': w.name,
    engine,
    'decisions/s': perSecond(r),
    'compiled is': ratio,
    'inputs compared': w.inputs.length,
    mismatches,
  });
  return [
    row('compiled closures', compiledRate, '—'),
    row('json-rules-engine, new Engine per decision', freshRate, `${times(compiledRate / freshRate)} faster`),
    row('json-rules-engine, one Engine reused serially', reusedRate, `${times(compiledRate / reusedRate)} faster`),
  ];
}

/**
 * Benchmarks the shipped assignment rule set (3 rules) and a realistic 30-rule assignment set,
 * each on 2,000 deterministic customers: the compiled engine, json-rules-engine as production
 * must run it (a new Engine per decision, since a shared one is unsafe under concurrency), and
 * json-rules-engine reusing one Engine serially (its best case).
 *
 * @example
 * console.log(markdownTable(await runDecisionBench()));
 */
export async function runDecisionBench(): Promise<Record<string, string | number>[]> {
  const inputs = assignmentFacts(2_000, 20_260_101);
  const workloads: Workload[] = [
    { name: 'assignment (shipped, 3 rules)', doc: defaultRuleSets.assignment as RuleSetDocument, inputs },
    { name: 'assignment (30 rules)', doc: thirtyRuleAssignment(), inputs },
  ];
  const rows: Record<string, string | number>[] = [];
  for (const w of workloads) rows.push(...(await measure(w)));
  return rows;
}
