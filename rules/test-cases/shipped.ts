// The test cases shipped with the default rule sets (rules/defaults/<decision>.tests.json), checked
// like cases written through the API: their shape, and their facts against the decision's contract.
import { z } from 'zod';
import type { DecisionName } from '../../schemas/rule-set.js';
import { TestCaseWrite } from '../../schemas/test-cases.js';
import { defaultTestCases } from '../defaults/index.js';
import { checkCaseFacts } from './case-facts.js';

export function shippedTestCases(decision: DecisionName): TestCaseWrite[] {
  const parsed = z.array(TestCaseWrite).safeParse(defaultTestCases[decision]);
  if (!parsed.success) throw new Error(`rules/defaults/${decision}.tests.json is invalid: ${parsed.error.message}`);
  for (const c of parsed.data) {
    const issues = checkCaseFacts(decision, c.facts);
    if (issues.length > 0) throw new Error(`rules/defaults/${decision}.tests.json, case "${c.name}": ${JSON.stringify(issues)}`);
  }
  return parsed.data;
}
