// Workload per rep (R10, R2): owned, key and won customers against the caps the caps rules give.
import type { Kysely } from 'kysely';
import { decideCaps } from '../decisions/caps.js';
import type { Database } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import type { ReportScope } from './report-scope.js';

export async function workload(db: Kysely<Database>, decisions: Decisions, scope: ReportScope, now: Date) {
  // Admins own no customers (nothing is given to them): no workload against caps to show.
  let repsQuery = db.selectFrom('reps').selectAll().where('active', '=', true).where('role', '!=', 'admin').orderBy('name').orderBy('id');
  if (scope.reps !== null) repsQuery = scope.reps.length ? repsQuery.where('id', 'in', scope.reps) : repsQuery.where('id', '=', '');
  const reps = await repsQuery.execute();
  if (reps.length === 0) return { reps: [] };

  // One grouped read over the customers_owner index, whatever the number of reps.
  const counts = await db
    .selectFrom('customers')
    .select((eb) => [
      'owner_id',
      eb.fn.countAll<string>().filterWhere('status', '=', 'owned').as('owned'),
      eb.fn.countAll<string>().filterWhere((w) => w.and([w('status', '=', 'owned'), w('key_customer', '=', true)])).as('key'),
      eb.fn.countAll<string>().filterWhere('status', '=', 'won').as('won'),
    ])
    .where('owner_id', 'in', reps.map((r) => r.id))
    .groupBy('owner_id')
    .execute();
  const byRep = new Map(counts.map((r) => [r.owner_id, r]));
  const caps = await Promise.all(reps.map((r) => decideCaps(decisions, db, r, now)));

  return {
    reps: reps.map((rep, i) => {
      const row = byRep.get(rep.id);
      const decided = caps[i]!;
      const owned = Number(row?.owned ?? 0);
      return {
        repId: rep.id,
        name: rep.name,
        teamId: rep.team_id,
        owned,
        key: Number(row?.key ?? 0),
        won: Number(row?.won ?? 0),
        caps: {
          privateMax: decided.outcome.privateMax,
          keyMax: decided.outcome.keyMax,
          dailyClaimMax: decided.outcome.dailyClaimMax,
          rule: decided.outcome.rule,
          ruleSetVersion: decided.ruleSet?.version ?? null,
        },
        utilisation: decided.outcome.privateMax > 0 ? owned / decided.outcome.privateMax : null,
      };
    }),
  };
}
