// Simulation on live data: what a draft would change against the published version, with
// examples and explanations; sample and filter scopes; progress and cancel; nothing written.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../rules/defaults/index.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';
import { seedCustomers } from './support/seed.js';
import { failStaleSimulations } from '../server/simulation/simulations.repository.js';
import { createSimulations } from '../server/simulation/simulations.service.js';
import { systemClock } from '../server/clock.js';
import pino from 'pino';

let h: Harness;
const closeDays = [10, 60, 120, 400]; // shipped grading: A, B, C, D
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m' }) });
  await h.publishRuleSet(defaultRuleSets.grading as never);
  // 400 customers in region "sim", a quarter of each expected-close bucket.
  await seedCustomers(h.db, 400, (i) => ({ region: 'sim', expected_close_days: closeDays[i % 4]!, grade: (['A', 'B', 'C', 'D'] as const)[i % 4] }));
}, 120_000);
afterAll(() => h?.close());

const everyoneA = { decision: 'grading', hitPolicy: 'first', rules: [{ name: 'everyone A', conditions: { all: [] }, event: { type: 'grade', params: { grade: 'A' } } }] };

const counts = async () => {
  const out: Record<string, number> = {};
  for (const t of ['customers', 'decision_records', 'ownership_events', 'rule_sets', 'customer_activities'] as const) {
    out[t] = Number((await h.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  }
  return out;
};

describe('simulating a grading draft', () => {
  it('takes a filter as the customer lists do: "de", "Germany" and "德国" are DE, and an id that cannot be a pool or a rep is refused with its pointer', async () => {
    const run = (scope: Record<string, unknown>) => h.call(h.adminToken, 'POST', '/simulations', { document: everyoneA, scope: { kind: 'filter', region: 'sim', ...scope }, wait: true });
    const [upper, lower, english, chinese] = [await run({ country: 'DE' }), await run({ country: 'de' }), await run({ country: 'Germany' }), await run({ country: '德国' })];
    expect(upper.body.result.evaluated).toBeGreaterThan(0);
    for (const other of [lower, english, chinese]) expect(other.body.result.evaluated).toBe(upper.body.result.evaluated);
    for (const [field, value] of [['poolId', '../x'], ['ownerId', 'a b'], ['country', 'Atlantis']] as const) {
      const bad = await run({ [field]: value });
      expect([bad.status, bad.body.error.details.issues[0].pointer], field).toEqual([400, `/scope/${field}`]);
    }
  });

  it('counts the grade changes against the published version, with examples and explanations, writing nothing', async () => {
    const before = await counts();
    const res = await h.call(h.adminToken, 'POST', '/simulations', { document: everyoneA, scope: { kind: 'filter', region: 'sim' }, wait: true });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('done');
    const r = res.body.result;
    expect(r).toMatchObject({ decision: 'grading', evaluated: 400, changed: 300, unchanged: 100, changes: { grade: 300 } });
    expect(r.transitions).toEqual(expect.arrayContaining([{ change: 'B → A', count: 100 }, { change: 'C → A', count: 100 }, { change: 'D → A', count: 100 }]));
    expect(r.examples.length).toBe(10);
    const ex = r.examples[0];
    expect(ex.after).toBe('A');
    expect(ex.explanation.candidate.fired[0].name).toBe('everyone A');
    expect(ex.explanation.baseline.fired[0].name).toMatch(/^Close within/);
    // And as sentences (the unsaved candidate has no version number).
    expect(ex.sentences.candidate).toBe('Grade A, always (rule "everyone A")');
    expect(ex.sentences.baseline).toMatch(/^Grade [B-D], because expected close days \d+ ≤ \d+ \(rule "Close within \d months: [B-D]", v\d+\)$/);
    expect(await counts()).toEqual(before);
  });

  it('simulates a stored draft over a random sample', async () => {
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { document: everyoneA, comment: 'try' });
    const res = await h.call(h.adminToken, 'POST', '/simulations', { candidateRuleSetId: draft.body.id, scope: { kind: 'sample', size: 40 }, wait: true });
    expect(res.body.result.evaluated).toBe(40);
    expect(res.body.candidateRuleSetId).toBe(draft.body.id);
  });

  it('refuses an invalid document with pointers, and an unknown version with 404', async () => {
    const bad = await h.call(h.adminToken, 'POST', '/simulations', { document: { decision: 'grading', hitPolicy: 'first', rules: [{}] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toEqual(['/rules/0', '/rules/0/event']);
    expect((await h.call(h.adminToken, 'POST', '/simulations', { candidateRuleSetId: 'nope' })).status).toBe(404);
    expect((await h.call(h.adminToken, 'POST', '/simulations', { scope: { kind: 'all' } })).status).toBe(400);
  });

  it("words an invalid document's problems in the reader's language, as saving a draft does", async () => {
    const ask = async (language: string) =>
      ((await (
        await h.app.request('/simulations', {
          method: 'POST',
          headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': language },
          body: JSON.stringify({ document: { decision: 'grading', hitPolicy: 'first', rules: [{}] } }),
        })
      ).json()) as { error: { code: string; message: string; details: { location: string; issues: { pointer: string; code: string; message: string }[] } } }).error;
    const [en, zh] = [await ask('en'), await ask('zh-CN')];
    expect(zh.code).toBe('VALIDATION_FAILED');
    expect(zh.details.location).toBe('document');
    expect(zh.details.issues.map((i) => [i.pointer, i.code])).toEqual(en.details.issues.map((i) => [i.pointer, i.code]));
    expect(zh.message).toMatch(/^规则集有 2 处问题；第一处在 \/rules\/0：[^a-z]*[\u4e00-\u9fff]/);
    for (const i of zh.details.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
    expect(en.message).toMatch(/^The rule set has 2 problems; first: \/rules\/0 /);
    for (const i of en.details.issues) expect(i.message).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('other decisions', () => {
  it('reports deadline changes for owned customers', async () => {
    const rep = await h.createRep();
    for (let i = 0; i < 3; i++) await h.call(rep.token, 'POST', `/customers/${await h.createCustomer({ assign: false })}/claim`);
    const res = await h.call(h.adminToken, 'POST', '/simulations', { document: fastReclaim({ firstFollowUp: '1h' }), scope: { kind: 'filter', ownerId: rep.id }, wait: true });
    expect(res.body.result).toMatchObject({ evaluated: 3, changed: 3, changes: { deadline: 3 } });
    expect(res.body.result.examples[0].before).toMatch(/^first_follow_up by /);
  });

  it("counts working-day deadlines past the owner's holidays, as the lifecycle does", async () => {
    const rep = await h.createRep({ timeZone: 'Asia/Shanghai' });
    // The rep's calendar closes the next three weeks, weekdays included.
    const today = DateTime.now().setZone('Asia/Shanghai').startOf('day');
    const closed = Array.from({ length: 21 }, (_, i) => today.plus({ days: i }).toISODate()!);
    expect((await h.call(h.adminToken, 'PUT', '/holidays/SIM', { days: closed.map((day) => ({ day, name: 'Closed' })) })).status).toBe(200);
    expect((await h.call(h.adminToken, 'PUT', `/reps/${rep.id}/calendar`, { calendar: 'SIM' })).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${await h.createCustomer({ assign: false })}/claim`)).status).toBe(200);

    const draft = fastReclaim({ firstFollowUp: '2d' }) as unknown as { rules: { event: { params: Record<string, unknown> } }[] };
    draft.rules[1]!.event.params.workingDays = true;
    const res = await h.call(h.adminToken, 'POST', '/simulations', { document: draft, scope: { kind: 'filter', ownerId: rep.id }, wait: true });
    expect(res.body.result).toMatchObject({ evaluated: 1, changed: 1, changes: { deadline: 1 } });
    // Two working days: the first two days after the closed weeks (weekends skipped too).
    const due = /^first_follow_up by (\d{4}-\d{2}-\d{2}) /.exec(res.body.result.examples[0].after)?.[1];
    let expected = today.plus({ days: 21 });
    for (let worked = 0; ; expected = expected.plus({ days: 1 })) if (expected.weekday <= 5 && ++worked === 2) break;
    expect(due).toBe(expected.toISODate());
  });

  it('reports cap changes per rep', async () => {
    const res = await h.call(h.adminToken, 'POST', '/simulations', { document: defaultRuleSets.caps, wait: true });
    expect(res.body.result.evaluated).toBeGreaterThan(0);
    expect(res.body.result.changes.caps).toBe(res.body.result.evaluated);
  });

  it('reports approval changes for a given quote', async () => {
    const stricter = structuredClone(defaultRuleSets.approval) as { rules: { event: { params: { level: number } } }[] };
    stricter.rules.push({ name: 'everything', conditions: { all: [] }, event: { type: 'require_approval', params: { level: 3, role: 'admin', timeout: '1d' } } } as never);
    const res = await h.call(h.adminToken, 'POST', '/simulations', { document: stricter, scope: { kind: 'filter', region: 'sim' }, quote: { discountPct: 1 }, wait: true });
    expect(res.body.result).toMatchObject({ evaluated: 400, changed: 400 });
    expect(res.body.result.transitions[0]).toEqual({ change: 'no approval → L3 admin', count: 400 });
  });
});

describe('long runs', () => {
  it('report progress and stop when cancelled', async () => {
    await seedCustomers(h.db, 60_000, (i) => ({ region: 'big', expected_close_days: closeDays[i % 4]! }));
    const started = await h.call(h.adminToken, 'POST', '/simulations', { document: everyoneA });
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('running');
    const cancel = await h.call(h.adminToken, 'POST', `/simulations/${started.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    const final = await h.waitFor(async () => {
      const s = await h.call(h.adminToken, 'GET', `/simulations/${started.body.id}`);
      return s.body.status !== 'running' ? s.body : null;
    });
    expect(final.status).toBe('cancelled');
    expect(final.processed).toBeLessThan(final.total);
    expect(final.result.cancelled).toBe(true);
    expect((await h.call(h.adminToken, 'POST', `/simulations/${started.body.id}/cancel`)).status).toBe(409);

    const full = await h.call(h.adminToken, 'POST', '/simulations', { document: everyoneA });
    // While it runs, its process keeps its heartbeat fresh, so a sweep for stale runs leaves it alone.
    const beating = await h.waitFor(async () => {
      const row = await h.db.selectFrom('simulations').selectAll().where('id', '=', full.body.id).executeTakeFirstOrThrow();
      return row.status !== 'running' || (row.heartbeat_at && row.heartbeat_at > row.created_at) ? row : null;
    }, 60_000);
    expect(beating.heartbeat_at!.getTime()).toBeGreaterThan(beating.created_at.getTime());
    expect(await failStaleSimulations(h.db, { now: new Date(), staleAfterMs: 60_000 })).toEqual([]);
    const done = await h.waitFor(async () => {
      const s = await h.call(h.adminToken, 'GET', `/simulations/${full.body.id}`);
      return s.body.status === 'done' ? s.body : null;
    }, 60_000);
    expect(done.processed).toBe(done.total);
    expect(done.total).toBeGreaterThanOrEqual(60_400);
    expect(done.result.durationMs).toBeLessThan(20_000);
  }, 120_000);

  it('a start that waits answers within its bound with the running job, which goes on to finish', async () => {
    // Over the 60,000 customers above; the bound made short so the run outlasts it on any machine.
    const sims = createSimulations({ db: h.db, clock: systemClock, logger: pino({ level: 'silent' }), waitMs: 50 });
    const started = performance.now();
    const view = await sims.start({ document: everyoneA, scope: { kind: 'all' }, wait: true } as never, 'admin', 'en');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(view).toMatchObject({ status: 'running', result: null });
    const done = await h.waitFor(async () => {
      const s = await h.call(h.adminToken, 'GET', `/simulations/${view.id}`);
      return s.body.status === 'done' ? s.body : null;
    }, 60_000);
    expect(done.processed).toBe(done.total);
  }, 120_000);
});

describe('runs left behind by a stopped process', () => {
  it('are marked failed once their heartbeat is stale; live ones keep running', async () => {
    const now = new Date();
    const row = (id: string, heartbeat: Date) => ({
      id,
      decision: 'grading',
      candidate_document: JSON.stringify(everyoneA),
      scope: JSON.stringify({ kind: 'all' }),
      status: 'running' as const,
      created_at: new Date(heartbeat.getTime() - 1000),
      heartbeat_at: heartbeat,
    });
    await h.db
      .insertInto('simulations')
      .values([row('sim-orphaned', new Date(now.getTime() - 5 * 60_000)), row('sim-alive', new Date(now.getTime() - 5_000))])
      .execute();

    expect(await failStaleSimulations(h.db, { now, staleAfterMs: 60_000 })).toEqual(['sim-orphaned']);
    const orphaned = await h.call(h.adminToken, 'GET', '/simulations/sim-orphaned');
    expect(orphaned.body).toMatchObject({ status: 'failed', finishedAt: now.toISOString() });
    expect(orphaned.body.error).toMatch(/^interrupted: /);
    expect(orphaned.body.error).toMatch(/start it again/);
    expect((await h.call(h.adminToken, 'GET', '/simulations/sim-alive')).body.status).toBe('running');
    // Cancelling the failed one is refused like any finished run; a second sweep changes nothing.
    expect((await h.call(h.adminToken, 'POST', '/simulations/sim-orphaned/cancel')).status).toBe(409);
    expect(await failStaleSimulations(h.db, { now, staleAfterMs: 60_000 })).toEqual([]);
    await h.db.deleteFrom('simulations').where('id', 'in', ['sim-orphaned', 'sim-alive']).execute();
  });
});

describe('simulating a reclaim draft', () => {
  it('takes the deadline in force as what set it (a stage moved after the claim), not the claim', async () => {
    const from = new Date(Date.now() - 3_600_000);
    await seedCustomers(h.db, 1, () => ({
      region: 'sim-stage',
      status: 'owned',
      owner_id: 'admin',
      stage: 'sample',
      grade: 'C',
      follow_ups: 0,
      claimed_at: new Date(from.getTime() - 86_400_000),
      stage_at: from,
      deadline_trigger: 'stage_change',
      deadline_from: from,
    }));
    // The published C cadence is 6 s (fastReclaim); the draft's 3 h, both counted from the stage move.
    const draft = fastReclaim({ firstFollowUp: '10m', cadence: { A: '3s', B: '5s', C: '3h', D: '8s', E: '60s' } });
    const res = await h.call(h.adminToken, 'POST', '/simulations', { document: draft, scope: { kind: 'filter', region: 'sim-stage' }, wait: true });
    expect(res.body.status).toBe('done');
    expect(res.body.result).toMatchObject({ evaluated: 1, changed: 1 });
    const at = (ms: number) => DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm');
    expect(res.body.result.examples[0]).toMatchObject({ before: `follow_up by ${at(from.getTime() + 6_000)} UTC`, after: `follow_up by ${at(from.getTime() + 3 * 3_600_000)} UTC` });
  });
});
