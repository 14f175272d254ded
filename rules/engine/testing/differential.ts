// The differential check: compileRuleSet(doc).evaluate(facts) against json-rules-engine on
// generated inputs — the shipped rule sets with generated facts, and generated rule sets.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { contracts } from '../../../schemas/decisions/index.js';
import type { DecisionName, RuleSetDocument } from '../../../schemas/rule-set.js';
import { defaultRuleSets } from '../../defaults/index.js';
import { compileRuleSet } from '../compile.js';
import { createSerialReference } from '../reference.js';
import type { CompiledRuleSet, Facts } from '../types.js';
import { explanationProblem } from './check-explanation.js';
import { factsFor } from './fact-arbitraries.js';
import { anyRuleSet } from './rule-set-arbitraries.js';

/** One shard's share of the work. */
export interface DifferentialPlan {
  /** Generated facts per shipped rule set. */
  readonly factsPerShippedSet: number;
  /** Generated rule sets, each evaluated on `factsPerGeneratedSet` generated facts. */
  readonly generatedSets: number;
  readonly factsPerGeneratedSet: number;
  /** Every how many inputs the explanation is checked too (1: all). */
  readonly explainEvery: number;
  readonly seed?: number;
}

export interface DifferentialCount {
  shipped: number;
  generated: number;
  explained: number;
}

const show = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (v === undefined ? '<undefined>' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));

/** Compares both engines on one input; throws with the whole case when they differ. */
async function compareOne(
  doc: RuleSetDocument,
  compiled: CompiledRuleSet,
  reference: ReturnType<typeof createSerialReference>,
  facts: Facts,
  explain: boolean,
): Promise<void> {
  const fast = compiled.evaluate(facts);
  const slow = await reference(facts);
  if (!isDeepStrictEqual(fast.fired, slow.result.fired)) {
    throw new Error(`compiled and json-rules-engine differ\ndoc: ${show(doc)}\nfacts: ${show(facts)}\ncompiled: ${show(fast)}\nreference: ${show(slow.result)}`);
  }
  if (explain) {
    const problem = explanationProblem(doc, facts, compiled.explain(facts), fast, slow.ruleResults);
    if (problem !== null) throw new Error(`explanation: ${problem}\ndoc: ${show(doc)}\nfacts: ${show(facts)}`);
  }
}

/** Runs a plan; resolves with how many inputs were compared, rejects with fast-check's report on the first difference. */
export async function runDifferential(plan: DifferentialPlan): Promise<DifferentialCount> {
  const count: DifferentialCount = { shipped: 0, generated: 0, explained: 0 };
  const seed = plan.seed === undefined ? {} : { seed: plan.seed };
  const tick = () => (count.shipped + count.generated) % plan.explainEvery === 0;

  for (const decision of Object.keys(defaultRuleSets) as DecisionName[]) {
    const doc = defaultRuleSets[decision] as RuleSetDocument;
    const compiled = compileRuleSet(doc);
    const reference = createSerialReference(doc);
    await fc.assert(
      fc.asyncProperty(factsFor(contracts[decision]), async (facts) => {
        const explain = tick();
        await compareOne(doc, compiled, reference, facts, explain);
        count.shipped++;
        if (explain) count.explained++;
      }),
      { numRuns: plan.factsPerShippedSet, ...seed },
    );
  }

  const cases = anyRuleSet.chain((doc) =>
    fc.tuple(fc.constant(doc), fc.array(factsFor(contracts[doc.decision]), { minLength: plan.factsPerGeneratedSet, maxLength: plan.factsPerGeneratedSet })),
  );
  await fc.assert(
    fc.asyncProperty(cases, async ([doc, inputs]) => {
      const compiled = compileRuleSet(doc);
      const reference = createSerialReference(doc);
      for (const facts of inputs) {
        const explain = tick();
        await compareOne(doc, compiled, reference, facts, explain);
        count.generated++;
        if (explain) count.explained++;
      }
    }),
    { numRuns: plan.generatedSets, ...seed },
  );
  return count;
}
