// Runs a decision's test cases against one rule-set document with the compiled engine; each answer
// says whether it passed, what was expected, what happened, and why in one sentence.
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import type { ExpectedOutcome, TestCaseResult } from '../../schemas/test-cases.js';
import { compileRuleSet } from '../engine/index.js';
import { type Language, explanationSentence } from '../explain/sentence.js';
import { actualOutcome, outcomeMatches } from './compare.js';

export interface RunnableCase {
  id: string | null;
  name: string;
  facts: Record<string, unknown>;
  expected: ExpectedOutcome;
}

export function runTestCases(document: RuleSetDocument, cases: readonly RunnableCase[], options: { version: number | null; language: Language }): TestCaseResult[] {
  if (cases.length === 0) return [];
  const compiled = compileRuleSet(document);
  return cases.map((c) => {
    const explanation = compiled.explain(c.facts);
    const actual = actualOutcome(explanation.fired);
    return {
      id: c.id,
      name: c.name,
      passed: outcomeMatches(c.expected, actual),
      expected: c.expected,
      actual,
      sentence: explanationSentence({ explanation, version: options.version, language: options.language, document }),
    };
  });
}

/** { passed, failed } as validation and publishing report them. */
export function summarize(results: readonly TestCaseResult[]) {
  return { passed: results.filter((r) => r.passed).length, failed: results.filter((r) => !r.passed) };
}
