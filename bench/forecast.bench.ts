// The forecast of a draft over 100,000 open tenures in Postgres: 50 reps in Shanghai on a holiday
// calendar, the shipped reclaim, assignment and caps rules published; reclaim drafts over 7, 14 and
// 30 days (working days instead of calendar days for follow-ups), an assignment draft and a caps
// draft over 30 days, side by side. Target: under 5 s each.
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { defaultRuleSets } from '../rules/defaults/index.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { openDatabase } from '../server/db/connect.js';
import { migrateOrThrow } from '../server/db/migrate.js';
import { runForecast } from '../server/forecast/forecast.runner.js';
import { createScratchDatabase } from '../test/support/scratch-database.js';
import { seedCustomers } from '../test/support/seed.js';
import { adminDatabaseUrl } from './support/stack.js';

/** The shipped reclaim rules with every follow-up cadence counted in working days. */
function workingDayReclaim(): RuleSetDocument {
  const doc = structuredClone(defaultRuleSets.reclaim) as RuleSetDocument;
  for (const r of doc.rules) if (r.event.type === 'deadline' && r.event.params?.name === 'follow_up') r.event.params.workingDays = true;
  return doc;
}

export async function runForecastBench(customers = 100_000) {
  const scratch = await createScratchDatabase(adminDatabaseUrl, 'hs_bench_forecast');
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp', poolSize: 4 });
  const db = database.db;
  try {
    await migrateOrThrow(db);
    const now = new Date();
    const today = DateTime.fromJSDate(now, { zone: 'Asia/Shanghai' }).startOf('day');
    await db.insertInto('holidays').values([3, 4, 10].map((d) => ({ calendar: 'CN', day: today.plus({ days: d }).toISODate()!, name: 'Holiday' }))).execute();
    const reps = Array.from({ length: 50 }, (_, i) => `rep${i}`);
    await db
      .insertInto('reps')
      .values(reps.map((id, i) => ({ id, name: `Rep ${i}`, email: `${id}@bench.local`, role: 'rep' as const, time_zone: 'Asia/Shanghai', calendar: 'CN', hired_at: `20${18 + (i % 8)}-03-01`, tags: [], created_at: now, updated_at: now })))
      .execute();
    const hours = (h: number) => new Date(now.getTime() - h * 3_600_000);
    await seedCustomers(db, customers, (i) => ({
      status: 'owned',
      stage: (['follow_up', 'inquiry', 'quote', 'sample'] as const)[i % 4]!,
      owner_id: reps[i % reps.length]!,
      grade: (['A', 'B', 'C', 'D', 'E'] as const)[i % 5]!,
      key_customer: i % 23 === 0,
      claimed_at: hours(24 * (i % 60) + 5),
      stage_at: hours(24 * (i % 20) + 3),
      last_follow_up_at: i % 3 === 0 ? null : hours(i % 400),
      follow_ups: i % 3 === 0 ? 0 : 1 + (i % 5),
      expected_close_days: (i * 37) % 400,
    }), 1500);
    await sql`analyze customers`.execute(db);

    const published = {
      reclaim: defaultRuleSets.reclaim as RuleSetDocument,
      assignment: defaultRuleSets.assignment as RuleSetDocument,
      caps: defaultRuleSets.caps as RuleSetDocument,
    };
    const assignmentDraft = structuredClone(defaultRuleSets.assignment) as RuleSetDocument;
    assignmentDraft.rules = [{ name: 'everyone to rep0', priority: 1000, conditions: { all: [] }, event: { type: 'assign', params: { rep: 'rep0', strategy: 'direct' } } }, ...assignmentDraft.rules];
    const capsDraft = structuredClone(defaultRuleSets.caps) as RuleSetDocument;
    capsDraft.rules = [{ name: 'everyone 1500', priority: 1000, conditions: { all: [] }, event: { type: 'cap', params: { privateMax: 1500, keyMax: 100, dailyClaimMax: 20 } } }, ...capsDraft.rules];

    // Warm-up: connections and caches.
    await runForecast(db, { decision: 'reclaim', candidate: workingDayReclaim(), published, days: 7, now, teamId: null, timeZone: 'UTC' });
    const cases = [
      { draft: 'reclaim: follow-ups in working days', decision: 'reclaim' as const, candidate: workingDayReclaim(), days: 7 },
      { draft: 'reclaim: follow-ups in working days', decision: 'reclaim' as const, candidate: workingDayReclaim(), days: 14 },
      { draft: 'reclaim: follow-ups in working days', decision: 'reclaim' as const, candidate: workingDayReclaim(), days: 30 },
      { draft: 'assignment: everyone to rep0', decision: 'assignment' as const, candidate: assignmentDraft, days: 30 },
      { draft: 'caps: everyone 1,500', decision: 'caps' as const, candidate: capsDraft, days: 30 },
    ];
    const rows = [];
    for (const c of cases) {
      const r = await runForecast(db, { decision: c.decision, candidate: c.candidate, published, days: c.days, now, teamId: null, timeZone: 'UTC' });
      rows.push({
        draft: c.draft,
        days: c.days,
        'open tenures': r.evaluated,
        'reclaims (published → draft)': `${r.reclaims.baseline.total} → ${r.reclaims.candidate.total}`,
        'deadlines moved later': r.deadlines ? r.deadlines.later : '—',
        'reps at cap (published → draft)': r.caps ? `${r.caps.filter((x) => x.baseline.atCap).length} → ${r.caps.filter((x) => x.candidate.atCap).length}` : '—',
        time: `${(r.durationMs / 1000).toFixed(2)} s`,
        'under 5 s': r.durationMs < 5000 ? 'yes' : 'NO',
      });
    }
    return rows;
  } finally {
    await database.close();
    await scratch.drop();
  }
}
