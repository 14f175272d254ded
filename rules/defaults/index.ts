// The default rule sets shipped with highseas, installed as version 1 of each decision on first start.
import type { DecisionName } from '../../schemas/rule-set.js';
import approval from './approval.json' with { type: 'json' };
import assignment from './assignment.json' with { type: 'json' };
import caps from './caps.json' with { type: 'json' };
import grading from './grading.json' with { type: 'json' };
import reclaim from './reclaim.json' with { type: 'json' };

/** Raw JSON; run it through the validator before trusting its shape. */
export const defaultRuleSets: Record<DecisionName, unknown> = { assignment, grading, caps, approval, reclaim };
