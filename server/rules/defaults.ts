// Installs the shipped default rule sets on first start, validated like any other document.
import type { Kysely } from 'kysely';
import { defaultRuleSets } from '../../rules/defaults/index.js';
import { validateRuleSet } from '../../rules/validate/index.js';
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import type { Database } from '../db/database.js';
import { installDefaults } from './rule-sets.repository.js';

export function validatedDefaults(): Record<DecisionName, RuleSetDocument> {
  const out = {} as Record<DecisionName, RuleSetDocument>;
  for (const [decision, raw] of Object.entries(defaultRuleSets) as [DecisionName, unknown][]) {
    const result = validateRuleSet(raw);
    if (!result.ok) throw new Error(`the shipped ${decision} rule set is invalid: ${JSON.stringify(result.issues)}`);
    out[decision] = result.document;
  }
  return out;
}

export function installDefaultRuleSets(db: Kysely<Database>, now: Date): Promise<DecisionName[]> {
  return installDefaults(db, validatedDefaults(), now);
}
