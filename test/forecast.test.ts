// The forecast of a draft, checked against a small case computed by hand: a rep in Shanghai with a
// holiday on Wednesday 2026-12-09, two customers followed up on Friday and on Monday morning, and a
// key customer; the published rules give 3 calendar days, the draft 3 working days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { createHarness, type Harness } from './support/harness.js';
import { seedCustomers } from './support/seed.js';

const NOW = new Date('2026-12-07T01:00:00Z'); // Monday 09:00 in Shanghai

const reclaimRules = (workingDays: boolean) =>
  ({
    decision: 'reclaim',
    hitPolicy: 'collect',
    rules: [
      {
        name: 'Follow up every 3 days',
        conditions: { all: [{ fact: 'customer', path: '$.keyCustomer', operator: 'equal', value: false }] },
        event: { type: 'deadline', params: { name: 'follow_up', duration: '3d', reason: 'no_follow_up', ...(workingDays ? { workingDays: true } : {}) } },
      },
      {
        name: 'Key customers: monthly',
        conditions: { all: [{ fact: 'customer', path: '$.keyCustomer', operator: 'equal', value: true }] },
        event: { type: 'deadline', params: { name: 'key_follow_up', duration: '30d', reason: 'key_no_follow_up' } },
      },
    ],
  }) as RuleSetDocument;

let h: Harness;
let rep: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness({ worker: false, clock: { now: () => NOW }, reclaim: reclaimRules(false) });
  rep = (await h.createRep({ id: 'shanghai', timeZone: 'Asia/Shanghai' })).id;
  await h.createRep({ id: 'other' });
  expect((await h.call(h.adminToken, 'PUT', '/holidays/CNX', { days: [{ day: '2026-12-09', name: 'Holiday' }] })).status).toBe(200);
  expect((await h.call(h.adminToken, 'PUT', `/reps/${rep}/calendar`, { calendar: 'CNX' })).status).toBe(200);
  const owned = (name: string, lastFollowUp: string, key = false) => ({
    company_name: name,
    status: 'owned' as const,
    stage: 'follow_up' as const,
    owner_id: rep,
    claimed_at: new Date('2026-12-01T02:00:00Z'),
    stage_at: new Date('2026-12-01T02:00:00Z'),
    last_follow_up_at: new Date(lastFollowUp),
    follow_ups: 1,
    key_customer: key,
  });
  const rows = [owned('Friday Co', '2026-12-04T02:00:00Z'), owned('Monday Co', '2026-12-07T00:00:00Z'), owned('Key Co', '2026-12-07T00:30:00Z', true)];
  const seeded = await seedCustomers(h.db, rows.length, (i) => rows[i]!);
  rows.forEach((r, i) => (ids[r.company_name] = seeded[i]!));
}, 120_000);
afterAll(() => h?.close());

const perDay = (series: { perDay: { date: string; count: number; customers: { name: string }[] }[] }) =>
  Object.fromEntries(series.perDay.filter((d) => d.count > 0).map((d) => [d.date, d.customers.map((c) => c.name)]));

describe('forecast of a draft', () => {
  it('counts reclaims per day in the owner’s time zone, under both versions, with working days past the holiday', async () => {
    const res = await h.call(h.adminToken, 'POST', '/forecasts', { document: reclaimRules(true), days: 7 });
    expect(res.status).toBe(200);
    // Seven days where the admin reads (UTC): today and the six after it, until midnight after the last.
    expect(res.body).toMatchObject({ decision: 'reclaim', days: 7, from: NOW.toISOString(), until: '2026-12-14T00:00:00.000Z', evaluated: 3 });
    // Published: Friday 10:00 + 3 days = Monday 10:00; Monday 08:00 + 3 days = Thursday 08:00.
    expect(perDay(res.body.reclaims.baseline)).toEqual({ '2026-12-07': ['Friday Co'], '2026-12-10': ['Monday Co'] });
    // Draft: Friday + 3 working days = Mon, Tue, (Wed holiday), Thu 10:00; Monday + 3 = Tue, Thu, Fri.
    expect(perDay(res.body.reclaims.candidate)).toEqual({ '2026-12-10': ['Friday Co'], '2026-12-11': ['Monday Co'] });
    expect(res.body.reclaims.candidate.perDay.map((d: { date: string }) => d.date)).toEqual([
      '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13',
    ]);
    expect(res.body.reclaims.baseline.perRep).toEqual([{ repId: rep, name: `Rep ${rep}`, count: 2 }]);
    expect(res.body.reclaims.candidate.perReason).toEqual([{ reason: 'no_follow_up', count: 2 }]);
    // The key customer's monthly deadline is the same in both and outside the horizon.
    expect(res.body.deadlines).toEqual({ earlier: 0, later: 2, same: 1, added: 0, removed: 0 });
    expect(res.body.assignments).toBeNull();
    expect(res.body.caps).toBeNull();

    // Two days ahead, only Friday Co is reclaimed, and only under the published rules.
    const short = await h.call(h.adminToken, 'POST', '/forecasts', { document: reclaimRules(true), days: 2 });
    expect(short.body.reclaims.baseline.total).toBe(1);
    expect(short.body.reclaims.candidate.total).toBe(0);
  });

  it('says where an assignment draft would send the customers reclaimed in the horizon', async () => {
    const draft = { decision: 'assignment', hitPolicy: 'first', rules: [{ name: 'all to other', conditions: { all: [] }, event: { type: 'assign', params: { rep: 'other', strategy: 'direct' } } }] };
    const res = await h.call(h.adminToken, 'POST', '/forecasts', { document: draft, days: 7 });
    expect(res.status).toBe(200);
    expect(res.body.assignments).toEqual({ baseline: [{ target: 'pool default', count: 2 }], candidate: [{ target: 'rep other', count: 2 }] });
    expect(res.body.deadlines).toBeNull();
  });

  const capsDraft = (n: number) => ({ format: 'dsl', source: `decision caps\nhit policy first\nrule "${n} each" priority 1\n  when always\n  then cap privateMax ${n} keyMax 1 dailyClaimMax 1\n`, days: 7 });

  it('says which reps are at or over a caps draft’s cap now, and where they stand at the end of the horizon', async () => {
    const res = await h.call(h.adminToken, 'POST', '/forecasts', capsDraft(1));
    expect(res.status).toBe(200);
    expect(res.body.caps).toContainEqual({
      repId: rep,
      name: `Rep ${rep}`,
      owned: 3,
      reclaimed: 2,
      ownedAfter: 1,
      baseline: { privateMax: expect.any(Number), atCap: false, over: 0, end: { privateMax: expect.any(Number), atCap: false, over: 0 } },
      // Over the draft's cap by 2 today; after the two reclaims, exactly at it.
      candidate: { privateMax: 1, atCap: true, over: 2, end: { privateMax: 1, atCap: true, over: 0 } },
    });
    expect(res.body.caps.find((c: { repId: string }) => c.repId === 'other')).toMatchObject({ owned: 0, ownedAfter: 0, candidate: { atCap: false, over: 0, end: { atCap: false } } });
  });

  it('a rep over the draft’s cap today counts as at the cap, even when the reclaims ahead bring them under it', async () => {
    const res = await h.call(h.adminToken, 'POST', '/forecasts', capsDraft(2));
    expect(res.body.caps[0]).toMatchObject({ repId: rep, owned: 3, ownedAfter: 1, candidate: { privateMax: 2, atCap: true, over: 1, end: { privateMax: 2, atCap: false, over: 0 } } });
  });

  it('forecasts the deadline in force from what set it: a stage moved after the claim, not the claim', async () => {
    // Claimed Saturday, no follow-up, then moved to samples on Sunday 10:00 Shanghai: the 3 days run from the move.
    const [id] = await seedCustomers(h.db, 1, () => ({
      company_name: 'Stage Co',
      status: 'owned',
      stage: 'sample',
      owner_id: rep,
      claimed_at: new Date('2026-12-05T02:00:00Z'),
      stage_at: new Date('2026-12-06T02:00:00Z'),
      follow_ups: 0,
      deadline_trigger: 'stage_change',
      deadline_from: new Date('2026-12-06T02:00:00Z'),
      deadline: new Date('2026-12-09T02:00:00Z'),
      deadline_kind: 'follow_up',
    }));
    try {
      const res = await h.call(h.adminToken, 'POST', '/forecasts', { document: reclaimRules(false), days: 7 });
      const days = perDay(res.body.reclaims.baseline);
      expect(Object.entries(days).filter(([, names]) => names.includes('Stage Co'))).toEqual([['2026-12-09', expect.arrayContaining(['Stage Co'])]]);
    } finally {
      await h.db.deleteFrom('customers').where('id', '=', id!).execute();
    }
  });

  it("lists the days from today where the reader is: the time zone sent, else the caller's", async () => {
    // NOW is Monday 01:00 UTC: still Sunday in Los Angeles, Monday in Shanghai.
    const first = async (extra: Record<string, unknown>, token = h.adminToken) => (await h.call(token, 'POST', '/forecasts', { document: reclaimRules(true), days: 7, ...extra })).body.reclaims.baseline.perDay[0].date;
    expect(await first({ timeZone: 'America/Los_Angeles' })).toBe('2026-12-06');
    expect(await first({ timeZone: 'Asia/Shanghai' })).toBe('2026-12-07');
    expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'fc-west', name: 'West' })).status).toBe(201);
    const westManager = await h.createRep({ role: 'manager', teamId: 'fc-west', timeZone: 'America/Los_Angeles' });
    expect(await first({}, westManager.token)).toBe('2026-12-06');
    const bad = await h.call(h.adminToken, 'POST', '/forecasts', { document: reclaimRules(true), days: 7, timeZone: 'Mars/Olympus' });
    expect([bad.status, bad.body.error.details.issues[0].pointer]).toEqual([400, '/timeZone']);
  });

  it("covers a manager's own team only: its tenures, its reps against the caps, never another team's", async () => {
    expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'fc-east', name: 'East' })).status).toBe(201);
    const manager = await h.createRep({ id: 'fc-manager', role: 'manager', teamId: 'fc-east' });
    await h.createRep({ id: 'fc-east-rep', teamId: 'fc-east' });
    await seedCustomers(h.db, 1, () => ({
      company_name: 'East Co',
      status: 'owned' as const,
      stage: 'follow_up' as const,
      owner_id: 'fc-east-rep',
      claimed_at: new Date('2026-12-01T02:00:00Z'),
      stage_at: new Date('2026-12-01T02:00:00Z'),
      last_follow_up_at: new Date('2026-12-05T02:00:00Z'),
      follow_ups: 1,
    }));
    const everyone = await h.call(h.adminToken, 'POST', '/forecasts', { document: reclaimRules(true), days: 7 });
    expect(everyone.body).toMatchObject({ teamId: null });
    const everyoneNames = everyone.body.reclaims.baseline.perDay.flatMap((d: { customers: { name: string }[] }) => d.customers.map((c) => c.name));
    expect(everyoneNames).toEqual(expect.arrayContaining(['East Co', 'Friday Co']));

    const team = await h.call(manager.token, 'POST', '/forecasts', { document: reclaimRules(true), days: 7 });
    expect(team.status).toBe(200);
    expect(team.body).toMatchObject({ teamId: 'fc-east', evaluated: 1 });
    const seen = JSON.stringify(team.body);
    expect(seen).toContain('East Co');
    for (const hidden of ['Friday Co', 'Monday Co', 'Key Co', rep]) expect(seen).not.toContain(hidden);
    const caps = await h.call(manager.token, 'POST', '/forecasts', capsDraft(1));
    expect(caps.body.caps.map((c: { repId: string }) => c.repId).sort()).toEqual(['fc-east-rep', 'fc-manager']);

    // A manager who leads no team has no tenures to forecast.
    const teamless = await h.createRep({ role: 'manager' });
    expect((await h.call(teamless.token, 'POST', '/forecasts', { document: reclaimRules(true), days: 7 })).body.error.code).toBe('FORBIDDEN');
  });

  it('refuses a draft of another decision, and a rep', async () => {
    const grading = await h.call(h.adminToken, 'POST', '/forecasts', { document: { decision: 'grading', hitPolicy: 'first', rules: [{ name: 'all B', conditions: { all: [] }, event: { type: 'grade', params: { grade: 'B' } } }] }, days: 7 });
    expect(grading.status).toBe(400);
    expect(grading.body.error.details.issues[0].pointer).toBe('/document/decision');
    const repToken = (await h.createRep()).token;
    expect((await h.call(repToken, 'POST', '/forecasts', { document: reclaimRules(true) })).status).toBe(403);
    expect((await h.call(h.adminToken, 'POST', '/forecasts', { candidateRuleSetId: 'nope' })).status).toBe(404);
  });
});
