// Test helper: evaluates with both engines, insists they agree, and returns the answer.
import { expect } from 'vitest';
import type { Rule, RuleSetDocument } from '../../../schemas/rule-set.js';
import { compileRuleSet } from '../compile.js';
import { evaluateReference } from '../reference.js';
import type { EvaluationResult, Facts } from '../types.js';

export async function both(doc: RuleSetDocument, facts: unknown): Promise<EvaluationResult> {
  const compiled = compileRuleSet(doc).evaluate(facts as Facts);
  const reference = await evaluateReference(doc, facts as Facts);
  expect(compiled).toEqual(reference);
  return compiled;
}

/** The indexes of the fired rules. */
export async function firedIndexes(doc: RuleSetDocument, facts: unknown): Promise<number[]> {
  return (await both(doc, facts)).fired.map((f) => f.index);
}

/** A document around some rules; events are named after their position. */
export function ruleSet(rules: Omit<Rule, 'event'>[], options: Partial<Omit<RuleSetDocument, 'rules'>> = {}): RuleSetDocument {
  return {
    decision: 'grading',
    hitPolicy: 'collect',
    ...options,
    rules: rules.map((r, i) => ({ ...r, event: { type: `e${i}` } })),
  };
}
