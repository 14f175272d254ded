import { describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../defaults/index.js';
import { validateRuleSet } from '../validate/index.js';
import { DecisionName, type RuleSetDocument } from '../../schemas/rule-set.js';
import { runTestCases } from './run.js';
import { shippedTestCases } from './shipped.js';

const shipped = (decision: DecisionName): RuleSetDocument => {
  const result = validateRuleSet(defaultRuleSets[decision]);
  if (!result.ok) throw new Error(`shipped ${decision} invalid`);
  return result.document;
};

const run = (document: RuleSetDocument) =>
  runTestCases(document, shippedTestCases(document.decision).map((c) => ({ ...c, id: null })), { version: 1, language: 'en' });

describe('the shipped test cases', () => {
  it.each(DecisionName.options)('every %s case passes against the shipped %s rule set', (decision) => {
    const results = run(shipped(decision));
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('encode the source numbers: B weekly becoming every 8 days fails the B case', () => {
    const document = structuredClone(shipped('reclaim'));
    const b = document.rules.find((r) => r.name === 'B: follow up weekly')!;
    b.event.params = { ...b.event.params, duration: '8d' };
    const failed = run(document).filter((r) => !r.passed);
    expect(failed.map((f) => f.name)).toEqual(['Grade B: follow up weekly', 'Inquiry: a quote within 7 days']);
    expect(failed[0]!.actual.fired[0]).toMatchObject({ name: 'B: follow up weekly', params: { duration: '8d' } });
    expect(failed[0]!.sentence).toContain('B: follow up weekly');
  });

  it('encode the caps by seniority: senior reps from 25 months fails the 24-month case', () => {
    const document = structuredClone(shipped('caps'));
    const senior = document.rules.find((r) => r.name === 'Senior reps (2 years or more)')!;
    senior.conditions = { all: [{ fact: 'rep', path: '$.seniorityMonths', operator: 'greaterThanInclusive', value: 25 }] };
    expect(run(document).filter((r) => !r.passed).map((f) => f.name)).toEqual(['Senior rep (24 months): 150 customers, 20 key, 30 claims a day']);
  });
});
