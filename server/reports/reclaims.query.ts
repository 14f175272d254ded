// Reclaims over time by reason (R10, R5), from ownership_events (kind 'reclaimed'), bucketed by day
// or ISO week in one time zone; empty buckets are listed so a chart's axis has no gaps.
import { type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../db/database.js';
import type { Period } from './period.js';
import type { ReportScope } from './report-scope.js';

export type Bucket = 'day' | 'week';

export async function reclaims(db: Kysely<Database>, period: Period, scope: ReportScope, bucket: Bucket, timeZone: string) {
  const inScope = scope.reps === null ? sql`true` : scope.reps.length === 0 ? sql`false` : sql`from_rep_id in (${sql.join(scope.reps)})`;
  const unit = bucket === 'week' ? sql.lit('week') : sql.lit('day');
  const { rows } = await sql<{ bucket: string; reason: string; n: string }>`
    select to_char(date_trunc(${unit}, at at time zone ${timeZone}), 'YYYY-MM-DD') as bucket,
           coalesce(reason, 'unknown') as reason, count(*) as n
    from ownership_events
    where kind = 'reclaimed' and at >= ${period.from} and at < ${period.to} and ${inScope}
    group by 1, 2`.execute(db);

  const buckets = new Map<string, Record<string, number>>();
  const end = DateTime.fromJSDate(period.to, { zone: timeZone });
  for (let d = DateTime.fromJSDate(period.from, { zone: timeZone }).startOf(bucket); d < end; d = d.plus(bucket === 'week' ? { weeks: 1 } : { days: 1 })) {
    buckets.set(d.toISODate()!, {});
  }
  const totals = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.n);
    const counts = buckets.get(r.bucket) ?? {};
    counts[r.reason] = n;
    buckets.set(r.bucket, counts);
    totals.set(r.reason, (totals.get(r.reason) ?? 0) + n);
  }
  return {
    bucket,
    timeZone,
    reasons: [...totals].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
    total: [...totals.values()].reduce((a, b) => a + b, 0),
    series: [...buckets].sort(([a], [b]) => a.localeCompare(b)).map(([start, counts]) => ({ start, counts })),
  };
}
