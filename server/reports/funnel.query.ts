// The funnel (R10) from stage_events: distinct customers reaching each stage in the period, overall
// and per rep (the owner at the transition), with "pool" as the customers created in the period.
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

function withConversion(counts: Map<string, number>, stages: readonly FunnelStage[]): StageCount[] {
  return stages.map((stage, i) => {
    const customers = counts.get(stage) ?? 0;
    const previous = i === 0 ? null : (counts.get(stages[i - 1]!) ?? 0);
    return { stage, customers, conversion: previous ? customers / previous : null };
  });
}

export async function funnel(db: Kysely<Database>, period: Period, scope: ReportScope) {
  const inScope = scope.reps === null ? sql`true` : scope.reps.length === 0 ? sql`false` : sql`rep_id in (${sql.join(scope.reps)})`;
  // One pass over the (to_stage, at) index: per rep and stage, and per stage overall (a customer
  // claimed by two reps in the period counts once overall).
  const [rows, created] = await Promise.all([
    sql<{ rep_id: string | null; to_stage: string; n: string; overall: boolean }>`
      select rep_id, to_stage, count(distinct customer_id) as n, grouping(rep_id) = 1 as overall
      from stage_events
      where to_stage in (${sql.join(EVENT_STAGES)}) and at >= ${period.from} and at < ${period.to} and ${inScope}
      group by grouping sets ((to_stage), (rep_id, to_stage))`.execute(db),
    db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('created_at', '>=', period.from)
      .where('created_at', '<', period.to)
      .executeTakeFirstOrThrow(),
  ]);

  const overall = new Map<string, number>([['pool', Number(created.n)]]);
  const perRep = new Map<string, Map<string, number>>();
  for (const r of rows.rows) {
    if (r.overall) overall.set(r.to_stage, Number(r.n));
    else if (r.rep_id !== null) {
      const m = perRep.get(r.rep_id) ?? new Map<string, number>();
      m.set(r.to_stage, Number(r.n));
      perRep.set(r.rep_id, m);
    }
  }
  const repIds = scope.reps ?? [...perRep.keys()];
  const names = repIds.length
    ? new Map((await db.selectFrom('reps').select(['id', 'name']).where('id', 'in', repIds).execute()).map((r) => [r.id, r.name]))
    : new Map<string, string>();
  const reps: RepFunnel[] = repIds
    .filter((id) => names.has(id))
    .map((id) => ({ repId: id, name: names.get(id)!, stages: withConversion(perRep.get(id) ?? new Map(), EVENT_STAGES) }))
    .sort((a, b) => (b.stages[0]!.customers - a.stages[0]!.customers) || a.name.localeCompare(b.name));
  return { stages: withConversion(overall, FUNNEL_STAGES), reps };
}
