// Assignment by the assignment rules (R6): on create and after a reclaim; direct, round robin,
// least loaded; ineligible reps skipped; nobody eligible means the pool, with the reason recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../rules/defaults/index.js';
import { AppError, ErrorCode } from '../server/errors.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m' }), assignment: 'shipped' });
});
afterAll(() => h?.close());

const monthsAgo = (n: number) => new Date(Date.now() - n * 30.5 * 86_400_000).toISOString().slice(0, 10);
let team = 0;

/** Each test works in its own team so earlier reps do not compete. */
async function freshTeam() {
  const id = `t${++team}`;
  await h.call(h.adminToken, 'POST', '/teams', { id, name: `Team ${id}` });
  return id;
}

async function deactivateEveryone() {
  await h.db.updateTable('reps').set({ active: false }).where('role', '!=', 'admin').execute();
}

const create = async (fields: Record<string, unknown> = {}) =>
  (await h.call(h.adminToken, 'POST', '/customers', { companyName: `Assign ${Math.random().toString(36).slice(2)} Co`, ...fields })).body;

describe('the shipped assignment rules', () => {
  beforeEach(async () => {
    await h.publishRuleSet(defaultRuleSets.assignment as never);
    await deactivateEveryone();
  });

  it('give new customers to new hires first, in rotation', async () => {
    const t = await freshTeam();
    const n1 = await h.createRep({ id: `${t}-new1`, teamId: t, hiredAt: monthsAgo(1) });
    const n2 = await h.createRep({ id: `${t}-new2`, teamId: t, hiredAt: monthsAgo(2) });
    await h.createRep({ id: `${t}-old`, teamId: t, hiredAt: monthsAgo(40) });
    const owners = [];
    for (let i = 0; i < 4; i++) {
      const c = await create();
      expect(c.assignment.status).toBe('assigned');
      // The new-customer notice names the rep it went to, beside the id.
      expect(c.assignment).toMatchObject({ repId: c.ownerId, repName: `Rep ${c.ownerId}` });
      expect(c.ownerName).toBe(`Rep ${c.ownerId}`);
      owners.push(c.ownerId);
    }
    expect(owners.sort()).toEqual([n1.id, n1.id, n2.id, n2.id]);
    const record = (await h.call(h.adminToken, 'GET', `/customers/${(await create()).id}/decisions`)).body.items.find((r: { decision: string }) => r.decision === 'assignment');
    expect(record).toMatchObject({ trigger: 'create', fired: [{ name: 'New customers favour new hires' }], outcome: { strategy: 'round_robin', preferNewHires: true } });
    expect([n1.id, n2.id]).toContain(record.outcome.picked);
  });

  it('give A-grade customers to the least-loaded senior rep', async () => {
    const t = await freshTeam();
    const busy = await h.createRep({ id: `${t}-busy`, teamId: t, hiredAt: monthsAgo(60) });
    const idle = await h.createRep({ id: `${t}-idle`, teamId: t, hiredAt: monthsAgo(30) });
    await h.createRep({ id: `${t}-junior`, teamId: t, hiredAt: monthsAgo(6) });
    for (let i = 0; i < 2; i++) expect((await h.call(busy.token, 'POST', `/customers/${(await create({ assign: false })).id}/claim`)).status).toBe(200);
    const a = await create({ grade: 'A' });
    expect(a.grade).toBe('A');
    expect(a.assignment).toMatchObject({ status: 'assigned', repId: idle.id });
    expect(a.ownerId).toBe(idle.id);
  });

  it('skip inactive reps, reps at their cap and reps in cooldown; with nobody left the customer stays in the pool with the reason', async () => {
    const t = await freshTeam();
    const capped = await h.createRep({ id: `${t}-capped`, teamId: t, privateCap: 1 });
    const leaving = await h.createRep({ id: `${t}-leaving`, teamId: t });
    expect((await h.call(capped.token, 'POST', `/customers/${(await create({ assign: false })).id}/claim`)).status).toBe(200);
    await h.call(h.adminToken, 'PATCH', `/reps/${leaving.id}`, { active: false });

    const c = await create();
    expect(c.status).toBe('pool');
    expect(c.assignment).toMatchObject({ status: 'pool', repId: null });
    expect(c.assignment.reason).toMatch(/no eligible rep for any rep: .*inactive.*1 at their cap/);
    const record = (await h.call(h.adminToken, 'GET', `/customers/${c.id}/decisions`)).body.items.find((r: { decision: string }) => r.decision === 'assignment');
    expect(record.outcome).toMatchObject({ picked: null, reason: c.assignment.reason });
    // Told in the request's language: why nobody got it, and why a customer created with "assign": false stays.
    const zh = async (body: Record<string, unknown>) =>
      (await (await h.app.request('/customers', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify({ companyName: `Assign ${Math.random().toString(36).slice(2)} Co`, ...body }) })).json()) as { assignment: { reason: string } };
    expect((await zh({})).assignment.reason).toMatch(/^没有可分配的业务员（任何业务员）：.*人已停用.*1 人私海已满/);
    expect((await zh({ assign: false })).assignment.reason).toMatch(/^创建时选择不分配/);
  });
});

describe('custom assignment rules', () => {
  it('route by country to a team (round robin) or straight to a rep (direct)', async () => {
    await deactivateEveryone();
    const emea = await freshTeam();
    const e1 = await h.createRep({ id: `${emea}-e1`, teamId: emea });
    const e2 = await h.createRep({ id: `${emea}-e2`, teamId: emea });
    const usRep = await h.createRep({ id: 'us-direct' });
    await h.publishRuleSet({
      decision: 'assignment',
      hitPolicy: 'first',
      rules: [
        { name: 'Germany to EMEA', priority: 10, conditions: { all: [{ fact: 'customer', path: '$.country', operator: 'in', value: ['DE', 'FR'] }] }, event: { type: 'assign', params: { team: emea, strategy: 'round_robin' } } },
        { name: 'US direct', priority: 10, conditions: { all: [{ fact: 'customer', path: '$.country', operator: 'equal', value: 'US' }] }, event: { type: 'assign', params: { rep: usRep.id, strategy: 'direct' } } },
        { name: 'rest: pool', conditions: { all: [] }, event: { type: 'assign', params: { pool: 'default', reason: 'no territory' } } },
      ],
    } as never);
    const de = [await create({ country: 'DE' }), await create({ country: 'FR' }), await create({ country: 'DE' })];
    expect(de.map((c) => c.ownerId)).toEqual([e1.id, e2.id, e1.id]);
    expect((await create({ country: 'US' })).ownerId).toBe(usRep.id);
    const jp = await create({ country: 'JP' });
    expect(jp.assignment).toEqual({ status: 'pool', repId: null, repName: null, reason: 'no territory', refusal: null });
  });

  it('name the picked rep who could not take the customer (their cap filled meanwhile) in either language', async () => {
    await deactivateEveryone();
    const t = await freshTeam();
    const only = await h.createRep({ id: `${t}-only`, teamId: t });
    await h.publishRuleSet({
      decision: 'assignment',
      hitPolicy: 'first',
      rules: [{ name: 'all to one', conditions: { all: [] }, event: { type: 'assign', params: { rep: only.id, strategy: 'direct' } } }],
    } as never);
    // The assignment is refused, as when the rep filled up between the pick and the assignment.
    const app = h.newApp({ lifecycle: { ...h.lifecycle, assign: () => Promise.reject(new AppError(ErrorCode.CAP_REACHED, 'Private cap reached (50 of 50).')) } });
    const post = async (language: string) =>
      (await (await app.request('/customers', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify({ companyName: `Assign ${Math.random().toString(36).slice(2)} Co` }) })).json()) as { assignment: { status: string; reason: string } };
    expect((await post('en')).assignment).toMatchObject({ status: 'pool', reason: `Rep ${only.id} (${only.id}) could not take it: Private cap reached (50 of 50).` });
    expect((await post('zh-CN')).assignment.reason).toBe(`Rep ${only.id}（${only.id}） 无法接收（私海已满），客户留在公海`);
  });

  it('hand a reclaimed customer straight to another rep, never back to the former owner', async () => {
    await deactivateEveryone();
    const t = await freshTeam();
    const first = await h.createRep({ id: `${t}-first`, teamId: t });
    const second = await h.createRep({ id: `${t}-second`, teamId: t });
    await h.publishRuleSet({
      decision: 'assignment',
      hitPolicy: 'first',
      rules: [
        { name: 'reclaimed: rotate', priority: 10, conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'equal', value: 'reclaim' }] }, event: { type: 'assign', params: { team: t, strategy: 'round_robin' } } },
        { name: 'new: pool', conditions: { all: [] }, event: { type: 'assign', params: { pool: 'default' } } },
      ],
    } as never);
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '2s' }));
    const id = (await create()).id;
    expect((await h.call(first.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);

    const row = await h.waitFor(async () => {
      const r = await h.customerRow(id);
      return r.owner_id === second.id ? r : null;
    });
    expect(row).toMatchObject({ status: 'owned', previous_owner_id: first.id, stage: 'claimed' });
    const events = await h.db.selectFrom('ownership_events').select(['kind', 'to_rep_id', 'from_rep_id', 'reason']).where('customer_id', '=', id).orderBy('at').execute();
    expect(events.map((e) => e.kind)).toEqual(['claimed', 'reclaimed', 'assigned']);
    expect(events[2]).toMatchObject({ to_rep_id: second.id });
    // The new tenure is its own: a new tenure id and a fresh first-follow-up deadline.
    expect(row.tenure_id).not.toBeNull();
    expect(row.deadline!.getTime()).toBeGreaterThan(Date.now());
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m' }));
    await h.call(second.token, 'POST', `/customers/${id}/release`);
  });
});
