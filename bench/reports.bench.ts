// Report queries over 100,000 customers in Postgres: the funnel, workload against caps and reclaims
// over time, for the whole company, one team and one rep; ten runs each after one warm-up.
import { sql } from 'kysely';
import { openDatabase } from '../server/db/connect.js';
import { migrateOrThrow } from '../server/db/migrate.js';
import { funnel } from '../server/reports/funnel.query.js';
import { reclaims } from '../server/reports/reclaims.query.js';
import type { ReportScope } from '../server/reports/report-scope.js';
import { workload } from '../server/reports/workload.query.js';
import { createDecisions } from '../server/decisions/decider.js';
import { installDefaultRuleSets } from '../server/rules/defaults.js';
import { createScratchDatabase } from '../test/support/scratch-database.js';
import { seedCustomers } from '../test/support/seed.js';
import { seedReportEvents } from '../test/support/seed-reports.js';
import { adminDatabaseUrl } from './support/stack.js';
import { ms, percentile } from './support/table.js';

const DAY = 86_400_000;

export async function runReportsBench(customers = 100_000, repCount = 50, runs = 10) {
  const scratch = await createScratchDatabase(adminDatabaseUrl, 'hs_bench_rep');
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp', poolSize: 4 });
  const db = database.db;
  try {
    await migrateOrThrow(db);
    const now = new Date();
    await installDefaultRuleSets(db, now);
    const teams = ['east', 'west', 'north', 'south', 'central'];
    await db.insertInto('teams').values(teams.map((id) => ({ id, name: id, manager_id: null, created_at: now }))).execute();
    const reps = Array.from({ length: repCount }, (_, i) => `rep${i}`);
    await db
      .insertInto('reps')
      .values(reps.map((id, i) => ({ id, name: `Rep ${i}`, email: `${id}@bench.local`, role: 'rep' as const, team_id: teams[i % teams.length]!, hired_at: `20${18 + (i % 8)}-03-01`, tags: [], created_at: now, updated_at: now })))
      .execute();
    await seedCustomers(db, customers, (i) => ({
      created_at: new Date(now.getTime() - ((i * 7) % 90) * DAY - 3_600_000),
      ...(i % 5 < 2 ? { status: 'owned' as const, owner_id: reps[i % reps.length]!, key_customer: i % 17 === 0 } : i % 50 === 2 ? { status: 'won' as const, owner_id: reps[i % reps.length]! } : {}),
    }), 2000);
    const seeded = await seedReportEvents(db, reps);
    await sql`analyze`.execute(db);

    const period = { from: new Date(now.getTime() - 120 * DAY), to: now };
    const team = await db.selectFrom('reps').select('id').where('team_id', '=', 'east').execute();
    const scopes: { name: string; scope: ReportScope }[] = [
      { name: 'all reps', scope: { kind: 'all', teamId: null, reps: null } },
      { name: 'one team', scope: { kind: 'team', teamId: 'east', reps: team.map((r) => r.id) } },
      { name: 'one rep', scope: { kind: 'rep', teamId: 'east', reps: ['rep0'] } },
    ];
    const decisions = createDecisions();
    const reports: { name: string; run: (s: ReportScope) => Promise<unknown> }[] = [
      { name: 'funnel (120 days)', run: (s) => funnel(db, period, s) },
      { name: 'workload', run: (s) => workload(db, decisions, s, now) },
      { name: 'reclaims by day (120 days)', run: (s) => reclaims(db, period, s, 'day', 'Asia/Shanghai') },
      { name: 'reclaims by week (120 days)', run: (s) => reclaims(db, period, s, 'week', 'Asia/Shanghai') },
    ];

    const rows: Record<string, string | number>[] = [];
    for (const report of reports) {
      for (const { name, scope } of scopes) {
        await report.run(scope);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          await report.run(scope);
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        rows.push({
          report: report.name,
          scope: name,
          customers,
          'stage events': seeded.stageEvents,
          reclaims: seeded.reclaims,
          p50: ms(percentile(times, 50)),
          max: ms(times[times.length - 1]!),
          'under 1 s': times[times.length - 1]! < 1000 ? 'yes' : 'NO',
        });
      }
    }
    return rows;
  } finally {
    await database.close();
    await scratch.drop();
  }
}
