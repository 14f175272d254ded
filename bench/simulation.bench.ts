// Simulation over 100,000 customers in Postgres (read, evaluate both versions, diff), the same run
// with compiled rule sets and with json-rules-engine, side by side; the results must be identical.
import { sql } from 'kysely';
import { defaultRuleSets } from '../rules/defaults/index.js';
import type { CustomerField } from '../server/decisions/facts.js';
import { compileRuleSet, createSerialReference, evaluateReference } from '../rules/engine/index.js';
import { fieldsRead } from '../rules/simulate/fields-read.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { openDatabase } from '../server/db/connect.js';
import { migrateOrThrow } from '../server/db/migrate.js';
import { type Evaluators, runSimulation } from '../server/simulation/simulation.runner.js';
import { createScratchDatabase } from '../test/support/scratch-database.js';
import { seedCustomers } from '../test/support/seed.js';
import { adminDatabaseUrl } from './support/stack.js';

/** The shipped grading rules with the A/B boundary moved: a realistic edit to try before publishing. */
function candidateGrading(): RuleSetDocument {
  const doc = structuredClone(defaultRuleSets.grading) as RuleSetDocument;
  const rule = doc.rules.find((r) => r.name === 'Close within 1 month: A')!;
  (rule.conditions as { all: { value: number }[] }).all[0]!.value = 45;
  return doc;
}

const outcomeKey = (r: Awaited<ReturnType<typeof runSimulation>>) => JSON.stringify({ changed: r.changed, evaluated: r.evaluated, transitions: r.transitions });

export async function runSimulationBench(customers = 100_000) {
  const scratch = await createScratchDatabase(adminDatabaseUrl, 'hs_bench_sim');
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp', poolSize: 4 });
  try {
    await migrateOrThrow(database.db);
    const regions = ['EMEA', 'APAC', 'AMER', 'LATAM'];
    const sources = ['alibaba', 'trade_show', 'website', 'referral', 'made_in_china'];
    await seedCustomers(database.db, customers, (i) => ({
      region: regions[i % regions.length]!,
      source: sources[i % sources.length]!,
      country: ['DE', 'US', 'CN', 'BR', 'IN', 'FR'][i % 6]!,
      expected_close_days: i % 7 === 0 ? null : (i * 37) % 400,
      no_demand: i % 41 === 0,
      rep_grade: i % 11 === 0 ? (['A', 'B', 'C', 'D', 'E'] as const)[i % 5]! : null,
      grade: (['A', 'B', 'C', 'D', 'E'] as const)[i % 5]!,
      follow_ups: i % 9,
    }), 1500);
    await sql`analyze customers`.execute(database.db);

    const baseline = defaultRuleSets.grading as RuleSetDocument;
    const candidate = candidateGrading();
    const options = { decision: 'grading' as const, scope: { kind: 'all' as const }, now: new Date() };

    const compiledB = compileRuleSet(baseline);
    const compiledC = compileRuleSet(candidate);
    // Every run reads the same columns: those the two rule sets use.
    const customerFields = [...new Set([...fieldsRead(baseline, 'customer'), ...fieldsRead(candidate, 'customer')])] as CustomerField[];
    const compiled: Evaluators = { customerFields, candidate: (f) => compiledC.evaluate(f).fired, baseline: (f) => compiledB.evaluate(f).fired };
    const serialB = createSerialReference(baseline);
    const serialC = createSerialReference(candidate);
    const reused: Evaluators = { customerFields, candidate: async (f) => (await serialC(f)).result.fired, baseline: async (f) => (await serialB(f)).result.fired };
    const fresh: Evaluators = { customerFields, candidate: async (f) => (await evaluateReference(candidate, f)).fired, baseline: async (f) => (await evaluateReference(baseline, f)).fired };

    // Warm-up: the first read pays for connections and caches, whichever evaluator runs first.
    await runSimulation(database.db, compiled, { ...options, scope: { kind: 'sample', size: 2000 } });
    const runs = [
      { evaluator: 'compiled closures', result: await runSimulation(database.db, compiled, options) },
      { evaluator: 'json-rules-engine, reused Engine (serial)', result: await runSimulation(database.db, reused, options) },
      { evaluator: 'json-rules-engine, Engine per evaluation', result: await runSimulation(database.db, fresh, options) },
    ];
    const base = runs[0]!.result;
    return runs.map(({ evaluator, result }) => ({
      evaluator,
      customers: result.evaluated,
      'grade changes': result.changed,
      'total time': `${(result.durationMs / 1000).toFixed(2)} s`,
      'customers/s': Math.round(result.evaluated / (result.durationMs / 1000)),
      'vs compiled': evaluator === 'compiled closures' ? '1×' : `${(result.durationMs / base.durationMs).toFixed(0)}× slower`,
      'same result': outcomeKey(result) === outcomeKey(base) ? 'yes' : 'NO',
    }));
  } finally {
    await database.close();
    await scratch.drop();
  }
}
