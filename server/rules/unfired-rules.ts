// Rules that fired for no customer and no test case: known once the exact document (comments aside)
// was simulated over all customers (the latest finished run counts) and its decision's test cases were run.
import stableStringify from 'fast-json-stable-stringify';
import type { Kysely } from 'kysely';
import { type RuleSetDocument, withoutComments } from '../../schemas/rule-set.js';
import type { TestCaseResult } from '../../schemas/test-cases.js';
import type { Database } from '../db/database.js';

const RUNS_LOOKED_AT = 20;

export async function unfiredRules(db: Kysely<Database>, document: RuleSetDocument, tests: readonly TestCaseResult[]) {
  // What is evaluated: a comment edit since the simulation keeps its findings.
  const same = (doc: unknown) => stableStringify(withoutComments(doc as RuleSetDocument)) === stableStringify(withoutComments(document));
  const runs = await db
    .selectFrom('simulations')
    .leftJoin('rule_sets', 'rule_sets.id', 'simulations.candidate_rule_set_id')
    .select(['simulations.candidate_document', 'rule_sets.document as stored', 'simulations.result', 'simulations.scope', 'simulations.finished_at'])
    .where('simulations.decision', '=', document.decision)
    .where('simulations.status', '=', 'done')
    .orderBy('simulations.finished_at', 'desc')
    .limit(RUNS_LOOKED_AT)
    .execute();
  const run = runs.find((r) => r.scope.kind === 'all' && r.result?.firedRules && same(r.candidate_document ?? r.stored));
  if (!run) return [];
  const fired = new Set(run.result!.firedRules);
  const inTests = new Set(tests.flatMap((t) => t.actual.fired.map((f) => f.name)));
  const customers = run.result!.evaluated;
  return document.rules.flatMap((rule, i) => {
    if (fired.has(i) || (rule.name !== undefined && inTests.has(rule.name))) return [];
    const name = rule.name ?? `#${i + 1}`;
    return [
      {
        pointer: `/rules/${i}`,
        code: 'analysis.unfired',
        message: `Rule "${name}" fired for none of the ${customers} customers of the last simulation and for no test case; check its conditions, or add a test case for it.`,
        zh: `规则「${name}」在最近一次模拟的 ${customers} 个客户中一次也没有命中，也没有测试用例命中它；请检查它的条件，或为它添加测试用例。`,
      },
    ];
  });
}
