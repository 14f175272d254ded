// The default rule sets shipped with highseas, installed as version 1 of each decision on first start,
// and the test cases that come with them (<decision>.tests.json).
import type { DecisionName } from '../../schemas/rule-set.js';
import approval from './approval.json' with { type: 'json' };
import approvalTests from './approval.tests.json' with { type: 'json' };
import assignment from './assignment.json' with { type: 'json' };
import assignmentTests from './assignment.tests.json' with { type: 'json' };
import caps from './caps.json' with { type: 'json' };
import capsTests from './caps.tests.json' with { type: 'json' };
import grading from './grading.json' with { type: 'json' };
import gradingTests from './grading.tests.json' with { type: 'json' };
import reclaim from './reclaim.json' with { type: 'json' };
import reclaimTests from './reclaim.tests.json' with { type: 'json' };

/** Raw JSON; run it through the validator before trusting its shape. */
export const defaultRuleSets: Record<DecisionName, unknown> = { assignment, grading, caps, approval, reclaim };

/** The test cases shipped with each default rule set (facts in, expected outcome out), raw JSON. */
export const defaultTestCases: Record<DecisionName, unknown> = {
  assignment: assignmentTests,
  grading: gradingTests,
  caps: capsTests,
  approval: approvalTests,
  reclaim: reclaimTests,
};
