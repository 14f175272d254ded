// Bulk stage and reclaim events for the report tests and benchmarks, written by set-based SQL over
// the customers already seeded (deterministic: the same customers give the same events).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/db/database.js';

/** Share of customers (in %) reaching each stage; every stage implies the ones before it. */
export const FUNNEL_SHARES = { claimed: 60, inquiry: 30, quote: 15, sample: 8, won: 3 } as const;
const RECLAIM_REASONS = ['no_follow_up', 'no_first_follow_up', 'no_deal'] as const;

/**
 * For every customer: stage events owned by one of `reps` (by the customer's rank), each a day after
 * the previous, starting an hour after the customer was created; 25 % of customers were reclaimed
 * 1–20 days after creation, by one of three reasons.
 */
export async function seedReportEvents(db: Kysely<Database>, reps: string[]): Promise<{ stageEvents: number; reclaims: number }> {
  const stages = Object.entries(FUNNEL_SHARES).map(([stage, pct], k) => sql`(${stage}, ${pct}::int, ${k}::int)`);
  const ranked = sql`(select id, created_at, row_number() over (order by id) as i from customers)`;
  const stageEvents = await sql`
    insert into stage_events (id, customer_id, from_stage, to_stage, rep_id, at)
    select gen_random_uuid()::text, c.id, null, s.stage, (${reps}::text[])[1 + c.i % ${reps.length}],
           c.created_at + interval '1 hour' + s.k * interval '1 day'
    from ${ranked} c join (values ${sql.join(stages)}) as s(stage, pct, k) on (c.i * 7919) % 100 < s.pct`.execute(db);
  const reclaims = await sql`
    insert into ownership_events (id, customer_id, kind, from_rep_id, to_rep_id, reason, at)
    select gen_random_uuid()::text, c.id, 'reclaimed', (${reps}::text[])[1 + c.i % ${reps.length}], null,
           (${[...RECLAIM_REASONS]}::text[])[1 + c.i % ${RECLAIM_REASONS.length}], c.created_at + (1 + c.i % 20) * interval '1 day'
    from ${ranked} c where (c.i * 31) % 100 < 25`.execute(db);
  await sql`analyze stage_events`.execute(db);
  await sql`analyze ownership_events`.execute(db);
  await sql`analyze customers`.execute(db);
  return { stageEvents: Number(stageEvents.numAffectedRows ?? 0), reclaims: Number(reclaims.numAffectedRows ?? 0) };
}
