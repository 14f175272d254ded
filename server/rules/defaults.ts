// Installs the shipped default rule sets on first start, validated like any other document, each
// with its readable source (rules/defaults/<decision>.rules), which must say exactly what the JSON says,
// and the shipped test cases (rules/defaults/<decision>.tests.json).
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { defaultRuleSets } from '../../rules/defaults/index.js';
import { parseRules } from '../../rules/dsl/index.js';
import { validateRuleSet } from '../../rules/validate/index.js';
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import type { Database } from '../db/database.js';
import { runTestCases } from '../../rules/test-cases/run.js';
import { shippedTestCases } from '../../rules/test-cases/shipped.js';
import { findPublished, installDefaults } from './rule-sets.repository.js';
import { everHadCases, installShippedCases } from './test-cases.repository.js';

export function validatedDefaults(): Record<DecisionName, RuleSetDocument> {
  const out = {} as Record<DecisionName, RuleSetDocument>;
  for (const [decision, raw] of Object.entries(defaultRuleSets) as [DecisionName, unknown][]) {
    const result = validateRuleSet(raw);
    if (!result.ok) throw new Error(`the shipped ${decision} rule set is invalid: ${JSON.stringify(result.issues)}`);
    out[decision] = result.document;
  }
  return out;
}

/** The shipped source of a decision's default rule set, checked against its JSON document. */
export function shippedSource(decision: DecisionName, document: RuleSetDocument): string {
  const source = readFileSync(new URL(`../../rules/defaults/${decision}.rules`, import.meta.url), 'utf8');
  const parsed = parseRules(source).document;
  const checked = parsed && validateRuleSet(parsed);
  if (!checked?.ok || !isDeepStrictEqual(checked.document, document)) throw new Error(`rules/defaults/${decision}.rules does not say what ${decision}.json says`);
  return source;
}

/**
 * First start: the shipped rule sets, and with them (unless `testCases: false`) the shipped test
 * cases of each decision that never had a case. A deployment whose published rules differ from the
 * shipped ones gets only the cases its published version passes, so they never block a publish for
 * a reason nobody wrote.
 */
export async function installDefaultRuleSets(db: Kysely<Database>, now: Date, options: { testCases?: boolean } = {}): Promise<DecisionName[]> {
  const defaults = Object.fromEntries(
    Object.entries(validatedDefaults()).map(([decision, document]) => [decision, { document, source: shippedSource(decision as DecisionName, document) }]),
  ) as Record<DecisionName, { document: RuleSetDocument; source: string }>;
  const installed = await installDefaults(db, defaults, now);
  if (options.testCases !== false) await installDefaultTestCases(db, now);
  return installed;
}

async function installDefaultTestCases(db: Kysely<Database>, now: Date): Promise<void> {
  for (const decision of Object.keys(defaultRuleSets) as DecisionName[]) {
    const published = await findPublished(db, decision);
    if (!published || (await everHadCases(db, decision))) continue;
    const cases = shippedTestCases(decision);
    const results = runTestCases(published.document as RuleSetDocument, cases.map((c) => ({ ...c, id: null })), { version: published.version, language: 'en' });
    await installShippedCases(db, decision, cases.filter((_, i) => results[i]!.passed), now);
  }
}
