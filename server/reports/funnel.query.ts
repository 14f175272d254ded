// The funnel (R10) from stage_events: distinct customers reaching each stage (or one after it) in the
// period, overall and per rep (the owner at the transition), with "pool" as the customers created in
// the period; every conversion is a share, 0–1.
import { type Kysely, sql } from 'kysely';
import { FUNNEL_STAGES, type FunnelStage } from '../../schemas/vocabulary.js';
import type { Database } from '../db/database.js';
import type { Period } from './period.js';
import type { ReportScope } from './report-scope.js';

const EVENT_STAGES = FUNNEL_STAGES.filter((s) => s !== 'pool');

export interface StageCount {
  stage: FunnelStage;
  customers: number;
  /** Share of the previous stage's customers, 0–1; null for the first stage or an empty previous one. */
  conversion: number | null;
}

interface RepFunnel {
  repId: string;
  name: string;
  stages: StageCount[];
}

/**
 * Counts per stage from how many customers reached each rank at most (`tops`): a customer counts in
 * every stage up to the furthest it reached, so one won straight from inquiry counts in quote and
 * sample too, and no stage ever holds more customers than the one before it.
 */
function cumulative(tops: Map<number, number>, stages: readonly FunnelStage[], first: number): Map<string, number> {
  const counts = new Map<string, number>();
  let running = 0;
  for (let i = stages.length - 1; i >= 0; i--) {
    running += tops.get(first + i) ?? 0;
    counts.set(stages[i]!, running);
  }
  return counts;
}

function withConversion(counts: Map<string, number>, stages: readonly FunnelStage[], firstConversion?: number | null): StageCount[] {
  return stages.map((stage, i) => {
    const customers = counts.get(stage) ?? 0;
    const previous = i === 0 ? null : (counts.get(stages[i - 1]!) ?? 0);
    const conversion = i === 1 && firstConversion !== undefined ? firstConversion : previous ? customers / previous : null;
    return { stage, customers, conversion };
  });
}

export async function funnel(db: Kysely<Database>, period: Period, scope: ReportScope) {
  const inScope = scope.reps === null ? sql`true` : scope.reps.length === 0 ? sql`false` : sql`rep_id in (${sql.join(scope.reps)})`;
  // Each customer's furthest stage in the period (its rank: 1 claimed … 5 won), overall and per rep
  // (the owner at the transition; a customer claimed by two reps counts once overall), over the
  // (to_stage, at) index; then how many customers stopped at each rank, and of those overall how
  // many were created in the period (the pool's conversion is theirs).
  const [rows, created] = await Promise.all([
    sql<{ rep_id: string | null; top: number; n: string; fresh: string; overall: boolean }>`
      with tops as (
        select customer_id, rep_id, grouping(rep_id) = 1 as overall,
          max(array_position(array[${sql.join(EVENT_STAGES)}]::text[], to_stage)) as top
        from stage_events
        where to_stage in (${sql.join(EVENT_STAGES)}) and at >= ${period.from} and at < ${period.to} and ${inScope}
        group by grouping sets ((customer_id), (customer_id, rep_id))
      )
      select t.rep_id, t.overall, t.top, count(*) as n,
        count(*) filter (where t.overall and c.created_at >= ${period.from} and c.created_at < ${period.to}) as fresh
      from tops t join customers c on c.id = t.customer_id
      group by t.overall, t.rep_id, t.top`.execute(db),
    db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('created_at', '>=', period.from)
      .where('created_at', '<', period.to)
      .executeTakeFirstOrThrow(),
  ]);

  const overallTops = new Map<number, number>();
  const perRepTops = new Map<string, Map<number, number>>();
  let freshClaimed = 0;
  for (const r of rows.rows) {
    if (r.overall) {
      overallTops.set(r.top, Number(r.n));
      freshClaimed += Number(r.fresh);
    } else if (r.rep_id !== null) {
      const m = perRepTops.get(r.rep_id) ?? new Map<number, number>();
      m.set(r.top, Number(r.n));
      perRepTops.set(r.rep_id, m);
    }
  }
  const pool = Number(created.n);
  const overall = new Map<string, number>([['pool', pool], ...cumulative(overallTops, EVENT_STAGES, 1)]);
  const repIds = scope.reps ?? [...perRepTops.keys()];
  const names = repIds.length
    ? new Map((await db.selectFrom('reps').select(['id', 'name']).where('id', 'in', repIds).execute()).map((r) => [r.id, r.name]))
    : new Map<string, string>();
  const reps: RepFunnel[] = repIds
    .filter((id) => names.has(id))
    .map((id) => ({ repId: id, name: names.get(id)!, stages: withConversion(cumulative(perRepTops.get(id) ?? new Map(), EVENT_STAGES, 1), EVENT_STAGES) }))
    .sort((a, b) => (b.stages[0]!.customers - a.stages[0]!.customers) || a.name.localeCompare(b.name));
  // Claimed customers may have been created before the period: the pool's conversion counts only
  // those created in it, so it stays a share (0–1) of the pool.
  return { stages: withConversion(overall, FUNNEL_STAGES, pool ? freshClaimed / pool : null), reps };
}
