// Disputes per rule (issue 15 §2): which rule-set version and rule the disputed decisions came
// from, and how many were filed, are open, upheld or reassigned, so admins see which rules cause quarrels.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Period } from './period.js';
import type { ReportScope } from './report-scope.js';

export async function disputesPerRule(db: Kysely<Database>, period: Period, scope: ReportScope) {
  let q = db
    .selectFrom('disputes')
    .select([
      'decision',
      'rule_set_id',
      'rule_set_version',
      'rule_name',
      sql<string>`count(*)`.as('filed'),
      sql<string>`count(*) filter (where status = 'open')`.as('open'),
      sql<string>`count(*) filter (where status = 'upheld')`.as('upheld'),
      sql<string>`count(*) filter (where status = 'reassigned')`.as('reassigned'),
    ])
    .where('filed_at', '>=', period.from)
    .where('filed_at', '<', period.to)
    .groupBy(['decision', 'rule_set_id', 'rule_set_version', 'rule_name']);
  if (scope.reps !== null) {
    if (scope.reps.length === 0) return { rules: [], totals: { filed: 0, open: 0, upheld: 0, reassigned: 0 } };
    q = q.where('rep_id', 'in', scope.reps);
  }
  const rows = await q.execute();
  const rules = rows
    .map((r) => ({
      decision: r.decision,
      ruleSetId: r.rule_set_id,
      ruleSetVersion: r.rule_set_version,
      ruleName: r.rule_name,
      filed: Number(r.filed),
      open: Number(r.open),
      upheld: Number(r.upheld),
      reassigned: Number(r.reassigned),
    }))
    .sort((a, b) => b.filed - a.filed || b.reassigned - a.reassigned || a.decision.localeCompare(b.decision) || (a.ruleName ?? '').localeCompare(b.ruleName ?? ''));
  const totals = rules.reduce((t, r) => ({ filed: t.filed + r.filed, open: t.open + r.open, upheld: t.upheld + r.upheld, reassigned: t.reassigned + r.reassigned }), { filed: 0, open: 0, upheld: 0, reassigned: 0 });
  return { rules, totals };
}
