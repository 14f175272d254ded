// Reports (R10): the funnel, workload against caps and reclaims over time, with their role scopes,
// and each answering from Postgres in under a second over 100,000 customers.
import { newId } from '../server/ids.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/database.js';
import { type Insertable, sql } from 'kysely';
import { createHarness, type Harness } from './support/harness.js';
import { seedCustomers } from './support/seed.js';
import { FUNNEL_SHARES, seedReportEvents } from './support/seed-reports.js';

let h: Harness;
let east1: { id: string; token: string };
let east2: { id: string; token: string };
let west1: { id: string; token: string };
let eastManager: { id: string; token: string };
const customers: string[] = [];

const FROM = '2026-01-01T00:00:00Z';
const TO = '2026-02-01T00:00:00Z';
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 0, day, hour));

function stage(customer: number, toStage: string, repId: string, day: number): Insertable<Database['stage_events']> {
  return { id: newId(), customer_id: customers[customer]!, to_stage: toStage, rep_id: repId, at: at(day) };
}
function reclaim(customer: number, repId: string, reason: string, when: Date): Insertable<Database['ownership_events']> {
  return { id: newId(), customer_id: customers[customer]!, kind: 'reclaimed', from_rep_id: repId, reason, at: when };
}

beforeAll(async () => {
  h = await createHarness();
  for (const team of ['east', 'west']) expect((await h.call(h.adminToken, 'POST', '/teams', { id: team, name: team })).status).toBe(201);
  east1 = await h.createRep({ id: 'east1', teamId: 'east', privateCap: 7, keyCap: 2 });
  east2 = await h.createRep({ id: 'east2', teamId: 'east' });
  west1 = await h.createRep({ id: 'west1', teamId: 'west' });
  eastManager = await h.createRep({ id: 'eastm', role: 'manager', teamId: 'east' });

  // Six customers created in January, one in December (outside the period).
  customers.push(...(await seedCustomers(h.db, 6, () => ({ created_at: at(2) }))));
  customers.push(...(await seedCustomers(h.db, 1, () => ({ created_at: new Date('2025-12-01T00:00:00Z') }))));
  await h.db
    .insertInto('stage_events')
    .values([
      stage(0, 'claimed', 'east1', 3), stage(0, 'inquiry', 'east1', 4), stage(0, 'quote', 'east1', 5),
      stage(1, 'claimed', 'east1', 3), stage(1, 'follow_up', 'east1', 4), stage(1, 'inquiry', 'east1', 6),
      stage(2, 'claimed', 'east2', 3),
      stage(3, 'claimed', 'west1', 3), stage(3, 'inquiry', 'west1', 4), stage(3, 'costing', 'west1', 5),
      stage(3, 'quote', 'west1', 6), stage(3, 'sample', 'west1', 7), stage(3, 'won', 'west1', 8),
      // Claimed by east1, reclaimed, then claimed by east2: once overall, once for each rep.
      stage(4, 'claimed', 'east1', 3), stage(4, 'claimed', 'east2', 20),
      // Outside the period.
      { ...stage(6, 'claimed', 'east1', 1), at: new Date('2025-12-02T00:00:00Z') },
      { ...stage(5, 'claimed', 'west1', 1), at: new Date('2026-02-01T00:00:00Z') },
    ])
    .execute();
  await h.db
    .insertInto('ownership_events')
    .values([
      reclaim(4, 'east1', 'no_follow_up', at(10, 1)),
      reclaim(4, 'east1', 'no_follow_up', at(10, 23)),
      reclaim(0, 'east2', 'no_deal', at(12)),
      reclaim(3, 'west1', 'no_follow_up', at(12)),
      reclaim(1, 'east1', 'no_follow_up', new Date('2026-02-03T00:00:00Z')),
    ])
    .execute();
}, 120_000);
afterAll(() => h?.close());

const stages = (s: { stage: string; customers: number }[]) => Object.fromEntries(s.map((x) => [x.stage, x.customers]));

describe('the funnel report', () => {
  it('counts distinct customers per stage in the period, with the conversion from the stage before', async () => {
    const res = await h.call(h.adminToken, 'GET', `/reports/funnel?from=${FROM}&to=${TO}`);
    expect(res.status).toBe(200);
    expect(stages(res.body.stages)).toEqual({ pool: 6, claimed: 5, inquiry: 3, quote: 2, sample: 1, won: 1 });
    const conversion = Object.fromEntries(res.body.stages.map((x: { stage: string; conversion: number | null }) => [x.stage, x.conversion]));
    expect(conversion).toEqual({ pool: null, claimed: 5 / 6, inquiry: 3 / 5, quote: 2 / 3, sample: 1 / 2, won: 1 });
  });

  it('gives each rep their own funnel from the claim on, by the owner at each transition', async () => {
    const res = await h.call(h.adminToken, 'GET', `/reports/funnel?from=${FROM}&to=${TO}`);
    const byRep = Object.fromEntries(res.body.reps.map((r: { repId: string; stages: never[] }) => [r.repId, stages(r.stages)]));
    expect(byRep.east1).toEqual({ claimed: 3, inquiry: 2, quote: 1, sample: 0, won: 0 });
    expect(byRep.east2).toEqual({ claimed: 2, inquiry: 0, quote: 0, sample: 0, won: 0 });
    expect(byRep.west1).toEqual({ claimed: 1, inquiry: 1, quote: 1, sample: 1, won: 1 });
    const east1Inquiry = res.body.reps.find((r: { repId: string }) => r.repId === 'east1').stages[1];
    expect(east1Inquiry).toEqual({ stage: 'inquiry', customers: 2, conversion: 2 / 3 });
  });

  it('counts a customer in every stage up to its furthest, so no stage converts more than 100%', async () => {
    // March: one customer won straight from inquiry, one through every stage, one created in
    // February and claimed in March (claimed, but not one of March's pool).
    const march = (day: number) => new Date(Date.UTC(2026, 2, day, 12));
    const [skipper, full] = await seedCustomers(h.db, 2, () => ({ created_at: march(1) }));
    const [older] = await seedCustomers(h.db, 1, () => ({ created_at: new Date(Date.UTC(2026, 1, 10)) }));
    const event = (customerId: string, toStage: string, day: number) => ({ id: newId(), customer_id: customerId, to_stage: toStage, rep_id: 'west1', at: march(day) });
    await h.db
      .insertInto('stage_events')
      .values([
        event(skipper!, 'claimed', 2), event(skipper!, 'inquiry', 3), event(skipper!, 'won', 4),
        event(full!, 'claimed', 2), event(full!, 'inquiry', 3), event(full!, 'quote', 4), event(full!, 'sample', 5), event(full!, 'won', 6),
        event(older!, 'claimed', 2),
      ])
      .execute();
    const res = await h.call(h.adminToken, 'GET', '/reports/funnel?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z');
    expect(stages(res.body.stages)).toEqual({ pool: 2, claimed: 3, inquiry: 2, quote: 2, sample: 2, won: 2 });
    const conversion = Object.fromEntries(res.body.stages.map((x: { stage: string; conversion: number | null }) => [x.stage, x.conversion]));
    expect(conversion).toEqual({ pool: null, claimed: 1, inquiry: 2 / 3, quote: 1, sample: 1, won: 1 });
    const west = res.body.reps.find((r: { repId: string }) => r.repId === 'west1');
    expect(stages(west.stages)).toEqual({ claimed: 3, inquiry: 2, quote: 2, sample: 2, won: 2 });
    for (const s of [...res.body.stages, ...res.body.reps.flatMap((r: { stages: unknown[] }) => r.stages)]) expect(s.conversion ?? 0).toBeLessThanOrEqual(1);
  });

  it('limits a team to its reps for admins and managers, and a rep to themselves', async () => {
    const team = await h.call(h.adminToken, 'GET', `/reports/funnel?from=${FROM}&to=${TO}&teamId=east`);
    expect(stages(team.body.stages)).toMatchObject({ claimed: 4, inquiry: 2, quote: 1, won: 0 });
    expect(team.body.reps.map((r: { repId: string }) => r.repId).sort()).toEqual(['east1', 'east2', 'eastm']);

    const manager = await h.call(eastManager.token, 'GET', `/reports/funnel?from=${FROM}&to=${TO}`);
    expect(manager.body.scope).toEqual({ kind: 'team', teamId: 'east' });
    expect(stages(manager.body.stages)).toEqual(stages(team.body.stages));

    const rep = await h.call(west1.token, 'GET', `/reports/funnel?from=${FROM}&to=${TO}`);
    expect(rep.body.scope.kind).toBe('rep');
    expect(rep.body.reps.map((r: { repId: string }) => r.repId)).toEqual(['west1']);
    expect(stages(rep.body.stages)).toMatchObject({ claimed: 1, won: 1 });
  });

  it('refuses another team to a manager, any team to a rep, and a backwards period', async () => {
    expect((await h.call(eastManager.token, 'GET', '/reports/funnel?teamId=west')).body.error.code).toBe('FORBIDDEN');
    expect((await h.call(east1.token, 'GET', '/reports/funnel?teamId=east')).body.error.code).toBe('FORBIDDEN');
    const backwards = await h.call(h.adminToken, 'GET', `/reports/funnel?from=${TO}&to=${FROM}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.issues[0].pointer).toBe('/from');
    expect((await h.call(h.adminToken, 'GET', '/reports/funnel?teamId=nope')).body.error.details.issues[0].pointer).toBe('/teamId');
    expect((await h.call(null, 'GET', '/reports/funnel')).status).toBe(401);
  });
});

describe('the workload report', () => {
  it('shows owned, key and won customers against the caps the caps rules give each rep', async () => {
    await seedCustomers(h.db, 5, (i) => ({
      status: i < 4 ? 'owned' : 'won',
      owner_id: 'east1',
      key_customer: i === 0,
      created_at: at(2),
    }));
    const res = await h.call(h.adminToken, 'GET', '/reports/workload?teamId=east');
    expect(res.status).toBe(200);
    const east = res.body.reps.find((r: { repId: string }) => r.repId === 'east1');
    expect(east).toMatchObject({ owned: 4, key: 1, won: 1, caps: { privateMax: 7, keyMax: 2 } });
    expect(east.utilisation).toBeCloseTo(4 / 7);
    expect(east.caps.rule).not.toBeNull();
    expect(res.body.reps.map((r: { repId: string }) => r.repId).sort()).toEqual(['east1', 'east2', 'eastm']);

    // Admins own no customers: they have no workload to show against caps.
    const all = await h.call(h.adminToken, 'GET', '/reports/workload');
    expect(all.body.reps.map((r: { repId: string }) => r.repId)).not.toContain('admin');
    expect(all.body.reps.map((r: { repId: string }) => r.repId)).toContain('east1');

    const own = await h.call(east2.token, 'GET', '/reports/workload');
    expect(own.body.reps).toEqual([expect.objectContaining({ repId: 'east2', owned: 0, caps: expect.objectContaining({ privateMax: 50 }) })]);
  });
});

describe('the reclaims report', () => {
  it('counts reclaims by reason per day, listing the empty days, in the time zone asked for', async () => {
    const res = await h.call(h.adminToken, 'GET', `/reports/reclaims?from=${FROM}&to=${TO}&bucket=day`);
    expect(res.status).toBe(200);
    expect(res.body.series).toHaveLength(31);
    expect(res.body.total).toBe(4);
    expect(res.body.reasons).toEqual([{ reason: 'no_follow_up', count: 3 }, { reason: 'no_deal', count: 1 }]);
    const day = (d: string) => res.body.series.find((s: { start: string }) => s.start === d).counts;
    expect(day('2026-01-10')).toEqual({ no_follow_up: 2 });
    expect(day('2026-01-12')).toEqual({ no_deal: 1, no_follow_up: 1 });
    expect(day('2026-01-11')).toEqual({});

    // 23:00 UTC on the 10th is the 11th in Shanghai.
    const shanghai = await h.call(h.adminToken, 'GET', `/reports/reclaims?from=${FROM}&to=${TO}&timeZone=Asia/Shanghai`);
    const sh = (d: string) => shanghai.body.series.find((s: { start: string }) => s.start === d)?.counts;
    expect(sh('2026-01-10')).toEqual({ no_follow_up: 1 });
    expect(sh('2026-01-11')).toEqual({ no_follow_up: 1 });
  });

  it('buckets by ISO week (Mondays) and scopes to the former owner', async () => {
    const res = await h.call(eastManager.token, 'GET', `/reports/reclaims?from=${FROM}&to=${TO}&bucket=week`);
    expect(res.body.series.map((s: { start: string }) => s.start)).toEqual(['2025-12-29', '2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
    expect(res.body.series[1].counts).toEqual({ no_follow_up: 2 });
    expect(res.body.series[2].counts).toEqual({ no_deal: 1 });
    expect(res.body.total).toBe(3);
    expect((await h.call(h.adminToken, 'GET', '/reports/reclaims?bucket=month')).status).toBe(400);
  });
});

describe('reports over 100,000 customers', () => {
  it('each answers, and counts every customer', async () => {
    const reps = Array.from({ length: 50 }, (_, i) => `load${i}`);
    const now = new Date();
    await h.db
      .insertInto('reps')
      .values(reps.map((id, i) => ({ id, name: `Load ${i}`, email: `${id}@test.local`, role: 'rep' as const, team_id: i % 2 ? 'east' : 'west', hired_at: '2024-01-01', tags: [], created_at: now, updated_at: now })))
      .execute();
    const DAY = 86_400_000;
    await seedCustomers(h.db, 100_000, (i) => ({
      created_at: new Date(now.getTime() - ((i * 7) % 90) * DAY - 3_600_000),
      ...(i % 5 < 2 ? { status: 'owned' as const, owner_id: reps[i % reps.length]!, key_customer: i % 17 === 0 } : {}),
    }), 2000);
    const seeded = await seedReportEvents(h.db, reps);
    // As autovacuum would soon after such a load (it would otherwise run beside the timed queries).
    await sql`vacuum (analyze) customers, stage_events, ownership_events`.execute(h.db);
    expect(seeded.stageEvents).toBeGreaterThan(100_000);
    expect(seeded.reclaims).toBeGreaterThan(25_000);

    const from = new Date(now.getTime() - 120 * DAY).toISOString();
    // How fast they answer is measured by `npm run bench -- reports` (README), not asserted here.
    const urls = [`/reports/funnel?from=${from}`, `/reports/funnel?from=${from}&teamId=east`, '/reports/workload', `/reports/reclaims?from=${from}&bucket=day`, `/reports/reclaims?from=${from}&bucket=week`];
    for (const url of urls) expect((await h.call(h.adminToken, 'GET', url)).status, url).toBe(200);

    const funnel = await h.call(h.adminToken, 'GET', `/reports/funnel?from=${from}`);
    expect(stages(funnel.body.stages).claimed).toBeGreaterThanOrEqual(100_000 * (FUNNEL_SHARES.claimed / 100) - 10);
  }, 300_000);
});
