// Contributions per rep (issue 15 §1): the splits recorded in the period (customers won, joint
// follow-ups closed), what each rep did in them and the sum of their shares.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Period } from './period.js';
import type { ReportScope } from './report-scope.js';

export async function contributionsPerRep(db: Kysely<Database>, period: Period, scope: ReportScope) {
  if (scope.reps !== null && scope.reps.length === 0) return { reps: [] };
  let q = db
    .selectFrom('contributions as c')
    .innerJoin('reps as r', 'r.id', 'c.rep_id')
    .select([
      'c.rep_id',
      'r.name',
      sql<string>`count(*)`.as('customers'),
      sql<string>`count(*) filter (where c.role = 'collaborator')`.as('as_collaborator'),
      sql<string>`sum(c.follow_ups)`.as('follow_ups'),
      sql<string>`sum(c.stages)`.as('stages'),
      sql<string>`sum(c.approved_quotes)`.as('approved_quotes'),
      sql<string>`sum(c.share)`.as('share_sum'),
    ])
    .where('c.recorded_at', '>=', period.from)
    .where('c.recorded_at', '<', period.to)
    .groupBy(['c.rep_id', 'r.name']);
  if (scope.reps !== null) q = q.where('c.rep_id', 'in', scope.reps);
  const rows = await q.execute();
  return {
    reps: rows
      .map((r) => ({
        repId: r.rep_id,
        name: r.name,
        customers: Number(r.customers),
        asCollaborator: Number(r.as_collaborator),
        followUps: Number(r.follow_ups),
        stages: Number(r.stages),
        approvedQuotes: Number(r.approved_quotes),
        shareSum: Math.round(Number(r.share_sum) * 10_000) / 10_000,
      }))
      .sort((a, b) => b.shareSum - a.shareSum || a.repId.localeCompare(b.repId)),
  };
}
