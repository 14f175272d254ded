// The lifecycle after the claim (R4, R5): every stage transition and refusal, stage deadlines, won
// protection, pools, warnings and policy rollouts — on real Postgres and a real Temporal server,
// with deadlines of seconds. The key quota, reassignment and merges: key-reassign-merge.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../rules/defaults/index.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { createHarness, type Harness } from './support/harness.js';
import { claimedCustomer, customerInCosting } from './support/customers.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
  await h.publishRuleSet(defaultRuleSets.approval as never);
});
afterAll(() => h?.close());

const usd = (unitPrice: number, discountPct = 3, marginPct = 30) => ({ currency: 'USD', discountPct, marginPct, items: [{ description: 'LED panel 60x60', quantity: 100, unitPrice }] });

const ownedCustomer = (rep: { token: string }) => claimedCustomer(h, rep);

const stageEvents = async (id: string) =>
  (await h.db.selectFrom('stage_events').select(['to_stage', 'from_stage']).where('customer_id', '=', id).orderBy('at').orderBy('id').execute()).map((e) => e.to_stage);

describe('stages', () => {
  it('move claim → follow-up → inquiry → costing → quote → sample → won, each logged and ending a protected tenure', async () => {
    const rep = await h.createRep();
    const other = await h.createRep();
    const id = await ownedCustomer(rep);
    expect((await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).body.stage).toBe('follow_up');
    const inquiry = await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, { note: 'wants 2 x 40HQ', quantity: '2 x 40HQ', products: ['LED panel'] });
    expect(inquiry.status).toBe(200);
    expect(inquiry.body.stage).toBe('inquiry');
    expect((await h.call(rep.token, 'POST', `/customers/${id}/costing`, { factory: 'Zhongshan #3', unitCost: 8.2, currency: 'USD' })).body.stage).toBe('costing');
    // A small quote needs no approval under the shipped rules: it goes out and samples follow.
    const quote = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, usd(12));
    expect(quote.status).toBe(200);
    expect(quote.body.quote).toMatchObject({ status: 'approved', required: false, levels: [] });
    expect(quote.body.ownership.stage).toBe('sample');
    expect((await h.call(rep.token, 'POST', `/customers/${id}/samples`, { kind: 'send', trackingNumber: 'SF123' })).body.stage).toBe('sample');
    const won = await h.call(rep.token, 'POST', `/customers/${id}/won`, { orderValueUsd: 48_000, note: 'PO 2026-117' });
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ status: 'won', stage: 'won', ownerId: rep.id, deadline: null });
    // The owner is named beside the id, in the customer, the rep's list and the pool's answer alike.
    expect((await h.call(rep.token, 'GET', `/customers/${id}`)).body.customer).toMatchObject({ ownerId: rep.id, ownerName: `Rep ${rep.id}` });
    expect((await h.call(rep.token, 'GET', '/me/customers?status=won')).body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ ownerName: `Rep ${rep.id}` });

    expect(await stageEvents(id)).toEqual(['claimed', 'follow_up', 'inquiry', 'costing', 'quote', 'sample', 'sample', 'won']);
    const detail = await h.call(rep.token, 'GET', `/customers/${id}`);
    expect(detail.body.history.map((e: { kind: string }) => e.kind)).toEqual(['claimed', 'call', 'inquiry', 'costing', 'quote', 'sample_send', 'won']);
    // What the rep entered at each stage is in the history, told in the reader's language beside the typed note.
    type Entry = { kind: string; note: string | null; details: Record<string, unknown> };
    const told = (history: Entry[], kind: string) => history.find((e) => e.kind === kind)!;
    expect(told(detail.body.history, 'inquiry')).toMatchObject({ note: 'Products: LED panel; quantity: 2 x 40HQ — wants 2 x 40HQ', details: { stage: { products: ['LED panel'], quantity: '2 x 40HQ' } } });
    expect(told(detail.body.history, 'costing')).toMatchObject({ note: 'Factory: Zhongshan #3; unit cost: USD 8.2', details: { stage: { factory: 'Zhongshan #3', unitCost: 8.2, currency: 'USD' } } });
    expect(told(detail.body.history, 'sample_send')).toMatchObject({ note: 'Tracking number: SF123', details: { stage: { trackingNumber: 'SF123' } } });
    expect(told(detail.body.history, 'won')).toMatchObject({ reason: 'PO 2026-117', note: 'Order value: USD 48,000' });
    const zh = (await (await h.app.request(`/customers/${id}`, { headers: { authorization: `Bearer ${rep.token}`, 'accept-language': 'zh-CN' } })).json()) as { history: Entry[] };
    expect(told(zh.history, 'inquiry').note).toBe('产品：LED panel；数量：2 x 40HQ — wants 2 x 40HQ');
    expect(told(zh.history, 'costing').note).toBe('工厂：Zhongshan #3；单位成本：USD 8.2');
    // Won ends the tenure: the workflow is done, the customer protected and out of the cap.
    await h.client.workflow.getHandle(`customer-${id}`).result();
    expect((await h.call(other.token, 'POST', `/customers/${id}/claim`)).body.error.code).toBe('CUSTOMER_WON');
    expect((await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(403);
    const mine = await h.call(rep.token, 'GET', '/me/customers?status=won');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('place an inquiry logged later at the moment the buyer asked, and refuse one in the future', async () => {
    const rep = await h.createRep();
    const id = await ownedCustomer(rep);
    // Created and claimed a day ago (a moment before the creation is refused: test/api-errors.test.ts).
    await h.db.updateTable('customers').set({ created_at: new Date(Date.now() - 86_400_000), claimed_at: new Date(Date.now() - 86_400_000) }).where('id', '=', id).execute();
    const future = await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, { occurredAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect([future.status, future.body.error.details.issues[0].pointer]).toEqual([400, '/occurredAt']);
    const asked = new Date(Date.now() - 2 * 3_600_000).toISOString();
    expect((await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, { occurredAt: asked, products: ['Valves'] })).status).toBe(200);
    const history = (await h.call(rep.token, 'GET', `/customers/${id}`)).body.history as { kind: string; at: string }[];
    expect(history.find((e) => e.kind === 'inquiry')!.at).toBe(asked);
  });

  it('keep the latest follow-up time where it is when a follow-up logged later happened before it', async () => {
    const rep = await h.createRep();
    const id = await ownedCustomer(rep);
    // Claimed four days ago.
    await h.db.updateTable('customers').set({ claimed_at: new Date(Date.now() - 4 * 86_400_000) }).where('id', '=', id).execute();
    expect((await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
    const latest = (await h.customerRow(id)).last_follow_up_at!.getTime();
    const earlier = new Date(Date.now() - 3 * 86_400_000).toISOString();
    expect((await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'email', occurredAt: earlier })).status).toBe(200);
    expect((await h.customerRow(id)).last_follow_up_at!.getTime()).toBe(latest);
    // Both are in the history, each at its own time.
    const history = (await h.call(rep.token, 'GET', `/customers/${id}`)).body.history as { kind: string; at: string }[];
    expect(history.map((e) => e.at)).toContain(earlier);
  });

  it('keep the Stage, Owner and Deadline search attributes current, and link the customer to its workflow', async () => {
    const rep = await h.createRep();
    const id = await ownedCustomer(rep);
    const listed = (query: string) =>
      h.waitFor(async () => {
        for await (const w of h.client.workflow.list({ query })) if (w.workflowId === `customer-${id}`) return w;
        return null;
      });
    const claimed = await listed(`Stage = 'claimed' AND Owner = '${rep.id}'`);
    const deadline = (await h.customerRow(id)).deadline!;
    expect((claimed.searchAttributes.Deadline as Date[])[0]!.getTime()).toBe(deadline.getTime());
    expect((await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, {})).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${id}/costing`, {})).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${id}/quotes`, usd(10_000, 20))).body.quote.status).toBe('pending_approval');
    await listed(`Stage = 'quote' AND Owner = '${rep.id}'`);
    const detail = await h.call(rep.token, 'GET', `/customers/${id}`);
    expect(detail.body.workflowUrl).toBe(`http://temporal-ui.test/namespaces/default/workflows/customer-${id}`);
  });

  it('refuses moves that skip or go back with ILLEGAL_TRANSITION, changing nothing', async () => {
    const rep = await h.createRep();
    const id = await ownedCustomer(rep);
    const before = await h.customerRow(id);
    const costing = await h.call(rep.token, 'POST', `/customers/${id}/costing`, {});
    expect(costing.status).toBe(409);
    expect(costing.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'claimed', to: 'costing', allowedFrom: ['inquiry', 'costing'] } });
    expect((await h.call(rep.token, 'POST', `/customers/${id}/samples`, { kind: 'make' })).body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await h.call(rep.token, 'POST', `/customers/${id}/quotes`, usd(10))).body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await h.customerRow(id)).version).toBe(before.version);
    expect(await stageEvents(id)).toEqual(['claimed']);
  });

  it('lets only the owner, their team manager or an admin move a customer', async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'team-stages', name: 'Stages team' });
    const manager = await h.createRep({ role: 'manager', teamId: 'team-stages' });
    const owner = await h.createRep({ teamId: 'team-stages' });
    const stranger = await h.createRep();
    const id = await ownedCustomer(owner);
    const refused = await h.call(stranger.token, 'POST', `/customers/${id}/inquiry`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_OWNER');
    const byManager = await h.call(manager.token, 'POST', `/customers/${id}/inquiry`, { note: 'logged by the manager' });
    expect(byManager.status).toBe(200);
    const event = await h.db.selectFrom('stage_events').selectAll().where('customer_id', '=', id).where('to_stage', '=', 'inquiry').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ rep_id: owner.id, actor_id: manager.id });
  });

  it('gives each stage its own deadline from the reclaim rules, counted from when the stage began', async () => {
    const rules = fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } });
    rules.rules.push({
      name: 'quote within 3 s of an inquiry',
      conditions: { all: [{ fact: 'customer', path: '$.stage', operator: 'equal', value: 'inquiry' }] },
      event: { type: 'deadline', params: { name: 'quote', duration: '3s', from: 'stage', reason: 'no_quote' } },
    } as RuleSetDocument['rules'][number]);
    await h.publishRuleSet(rules);
    const rep = await h.createRep();
    const id = await ownedCustomer(rep);
    const inquiry = await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, {});
    expect(inquiry.body).toMatchObject({ deadlineKind: 'quote', deadlineReason: 'no_quote' });
    const stageDeadline = Date.parse(inquiry.body.deadline);
    // A follow-up does not restart the stage clock.
    await new Promise((r) => setTimeout(r, 1000));
    const follow = await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'email' });
    expect(Date.parse(follow.body.deadline)).toBe(stageDeadline);
    await h.waitFor(async () => (await h.customerRow(id)).status === 'pool');
    expect((await h.reclaimedAt(id)) - stageDeadline).toBeLessThan(2000);
    const event = await h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', id).where('kind', '=', 'reclaimed').executeTakeFirstOrThrow();
    expect(event.reason).toBe('no_quote');
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }));
  });
});

describe('pools (R1)', () => {
  it('show and let reps claim only from pools open to them, and the reclaim rules pick the return pool', async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'team-eu', name: 'EU desk' });
    const eu = await h.createRep({ teamId: 'team-eu' });
    const other = await h.createRep();
    const pool = await h.call(h.adminToken, 'POST', '/pools', { id: 'eu-pool', name: 'EU pool', openToAll: false, teamIds: ['team-eu'] });
    expect(pool.status).toBe(201);
    expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'cold', name: 'Cold leads', openToAll: false, repIds: [eu.id] })).status).toBe(201);
    const id = await h.createCustomer({ poolId: 'eu-pool', assign: false });
    expect((await h.call(other.token, 'GET', '/pools')).body.items.map((p: { id: string }) => p.id)).not.toContain('eu-pool');
    expect((await h.call(other.token, 'GET', '/pool?limit=200')).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const refused = await h.call(other.token, 'POST', `/customers/${id}/claim`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'POOL_CLOSED', details: { poolId: 'eu-pool' } });
    const peek = await h.call(other.token, 'GET', `/customers/${id}`);
    expect(peek.status).toBe(403);
    expect(peek.body.error.code).toBe('POOL_CLOSED');
    expect((await h.call(eu.token, 'GET', `/customers/${id}`)).body.customer.poolId).toBe('eu-pool');
    expect((await h.call(eu.token, 'GET', '/pool?poolId=eu-pool')).body.items.map((c: { id: string }) => c.id)).toContain(id);

    const rules = fastReclaim({ firstFollowUp: '2s' });
    (rules.rules[1]!.event.params as Record<string, unknown>).pool = 'cold';
    await h.publishRuleSet(rules);
    expect((await h.call(eu.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    await h.waitFor(async () => (await h.customerRow(id)).status === 'pool');
    expect((await h.customerRow(id)).pool_id).toBe('cold');
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }));
  });
});

describe('warnings and policy changes (R5)', () => {
  it('warn the owner, then their manager, before the deadline, as notifications', async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'team-warn', name: 'Warned team' });
    const manager = await h.createRep({ role: 'manager', teamId: 'team-warn' });
    await h.call(h.adminToken, 'PATCH', '/teams/team-warn', {}).catch(() => {});
    await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'team-warn').execute();
    const owner = await h.createRep({ teamId: 'team-warn' });
    // Owner warned 4 s after the claim, the manager halfway to the deadline (7 s): far enough
    // apart that a loaded machine cannot blur the order.
    const rules = fastReclaim({ firstFollowUp: '10s' });
    (rules.rules[1]!.event.params as Record<string, unknown>).warnBefore = '6s';
    await h.publishRuleSet(rules);
    const id = await ownedCustomer(owner);
    const warnings = await h.waitFor(async () => {
      const rows = await h.db.selectFrom('notifications').selectAll().where('customer_id', '=', id).orderBy('created_at').execute();
      return rows.length >= 2 ? rows : null;
    }, 20_000);
    expect(warnings.map((n) => [n.kind, n.rep_id])).toEqual([
      ['deadline.warning', owner.id],
      ['deadline.escalation', manager.id],
    ]);
    expect(warnings[1]!.created_at.getTime()).toBeGreaterThan(warnings[0]!.created_at.getTime() + 1000);
    const inbox = await h.call(owner.token, 'GET', '/notifications');
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('deadline.warning');
    await h.waitFor(async () => (await h.customerRow(id)).status === 'pool');
    // The notification follows the reclaim's commit within the same activity.
    const reclaimed = await h.waitFor(async () => {
      const rows = await h.db.selectFrom('notifications').selectAll().where('customer_id', '=', id).where('kind', '=', 'customer.reclaimed').execute();
      return rows.length >= 2 ? rows : null;
    });
    expect(reclaimed.map((n) => n.rep_id).sort()).toEqual([owner.id, manager.id].sort());
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }));
  });

  it('re-decide the deadlines of open tenures when a new reclaim policy is published', async () => {
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }));
    const rep = await h.createRep();
    const ids = [await ownedCustomer(rep), await ownedCustomer(rep), await ownedCustomer(rep)];
    const before = await Promise.all(ids.map((id) => h.customerRow(id)));
    expect(before.every((c) => c.deadline!.getTime() - Date.now() > 5 * 60_000)).toBe(true);
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { document: fastReclaim({ firstFollowUp: '1h', cadence: { A: '1h', B: '1h', C: '1h', D: '1h', E: '1h' } }) });
    const published = await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    expect(published.body.rollout.workflowId).toBe(`reclaim-policy-${draft.body.id}`);
    await h.client.workflow.getHandle(published.body.rollout.workflowId).result();
    const after = await h.waitFor(async () => {
      const rows = await Promise.all(ids.map((id) => h.customerRow(id)));
      return rows.every((c) => c.deadline!.getTime() - Date.now() > 50 * 60_000) ? rows : null;
    });
    expect(after).toHaveLength(3);
    const record = (await h.call(rep.token, 'GET', `/customers/${ids[0]}/decisions`)).body.items.find((d: { trigger: string }) => d.trigger === 'policy_change');
    expect(record.ruleSet.id).toBe(draft.body.id);
    // The signal is in the tenure's history.
    const history = await h.client.workflow.getHandle(`customer-${ids[0]}`).fetchHistory();
    expect(history.events!.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'policyChanged')).toBe(true);
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }));
  });
});

describe('a quote valid until a day that has passed', () => {
  it('is refused at /validUntil and nothing is written; today and later days are taken', async () => {
    const rep = await h.createRep();
    const id = await customerInCosting(h, rep);
    const body = (validUntil: string) => ({ currency: 'USD', discountPct: 0, marginPct: 20, items: [{ description: 'Inverter', quantity: 1, unitPrice: 100 }], validUntil });
    const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
    for (const past of ['2020-01-01', day(-2)]) {
      const res = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, body(past));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ pointer: '/validUntil' }] } });
    }
    expect((await h.call(rep.token, 'GET', `/customers/${id}/quotes`)).body.items).toEqual([]);
    const today = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, body(day(0)));
    expect(today.status, JSON.stringify(today.body)).toBe(200);
  });

  it("is judged by the owner's calendar, where the quote is dated: a day already past there is refused", async () => {
    // UTC+14: there it is always a later day than in UTC−12, which the request's schema allows.
    const rep = await h.createRep({ timeZone: 'Pacific/Kiritimati' });
    const id = await customerInCosting(h, rep);
    const dayThere = (offsetDays: number) => new Date(Date.now() + 14 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const body = (validUntil: string) => ({ currency: 'USD', discountPct: 0, marginPct: 20, items: [{ description: 'Inverter', quantity: 1, unitPrice: 100 }], validUntil });
    const yesterday = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, body(dayThere(-1)));
    expect(yesterday.status, JSON.stringify(yesterday.body)).toBe(400);
    expect(yesterday.body.error.details.issues).toEqual([
      expect.objectContaining({ pointer: '/validUntil', code: 'valid_until_past', message: expect.stringContaining(`must be ${dayThere(0)} or later (today in Pacific/Kiritimati`) }),
    ]);
    expect((await h.call(rep.token, 'GET', `/customers/${id}/quotes`)).body.items).toEqual([]);
    expect((await h.call(rep.token, 'POST', `/customers/${id}/quotes`, body(dayThere(0)))).status).toBe(200);
  });
});

describe('a quote in a currency that is none', () => {
  it('is refused at /currency ("ZZZ", "usd"), as a costing is, and nothing is written', async () => {
    const rep = await h.createRep();
    const id = await customerInCosting(h, rep);
    for (const currency of ['ZZZ', 'usd', 'XXX']) {
      const res = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, { currency, amountUsd: 100, discountPct: 0, marginPct: 20, items: [{ description: 'Inverter', quantity: 1, unitPrice: 100 }] });
      expect([res.status, res.body.error.details.issues], currency).toEqual([400, [expect.objectContaining({ pointer: '/currency', message: 'an ISO 4217 code such as "USD"' })]]);
    }
    const costing = await h.call(rep.token, 'POST', `/customers/${id}/costing`, { currency: 'ABC', unitCost: 10 });
    expect([costing.status, costing.body.error.details.issues[0].pointer]).toEqual([400, '/currency']);
    expect((await h.call(rep.token, 'GET', `/customers/${id}/quotes`)).body.items).toEqual([]);
    expect((await h.call(rep.token, 'POST', `/customers/${id}/quotes`, { currency: 'CNY', amountUsd: 14, discountPct: 0, marginPct: 20, items: [{ description: 'Inverter', quantity: 1, unitPrice: 100 }] })).status).toBe(200);
  });
});
