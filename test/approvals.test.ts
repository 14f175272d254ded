// Quote approvals (R7): routed by the approval rules, signed level by level by the right people,
// rejected back to the rep with the reason, escalated when a level waits too long, withdrawn when
// the tenure ends; every step audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { systemClock } from '../server/clock.js';
import { createTenureActivities } from '../server/temporal/tenure.activities.js';
import { customerInCosting } from './support/customers.js';
import { createHarness, type Harness } from './support/harness.js';
import { eventsFailingFirst } from './support/notification-events.js';
import { fastReclaim } from './support/rule-sets.js';
import { lifecycleNotices } from '../server/notifications/lifecycle-notices.js';
import { notificationEvents } from '../server/notifications/lifecycle-events.js';
import { newId } from '../server/ids.js';

let h: Harness;
let manager: { id: string; token: string };
let otherManager: { id: string; token: string };
let rep: { id: string; token: string };
let admin2: { id: string; token: string };

/** Level 1 (team manager) above a 10 % discount; level 2 (admin) from USD 50,000; level 1 times out after `timeout`. */
const approvalRules = (timeout = '1h'): RuleSetDocument =>
  ({
    decision: 'approval',
    hitPolicy: 'collect',
    rules: [
      { name: 'discount over 10%', conditions: { all: [{ fact: 'quote', path: '$.discountPct', operator: 'greaterThan', value: 10 }] }, event: { type: 'require_approval', params: { level: 1, role: 'manager', timeout, reason: 'discount over 10%' } } },
      { name: 'big quote', conditions: { all: [{ fact: 'quote', path: '$.amountUsd', operator: 'greaterThanInclusive', value: 50_000 }] }, event: { type: 'require_approval', params: { level: 2, role: 'admin', timeout: '1h', reason: 'USD 50,000 or more' } } },
    ],
  }) as unknown as RuleSetDocument;

beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
  await h.publishRuleSet(approvalRules());
  await h.call(h.adminToken, 'POST', '/teams', { id: 'sales-a', name: 'Sales A' });
  await h.call(h.adminToken, 'POST', '/teams', { id: 'sales-b', name: 'Sales B' });
  manager = await h.createRep({ role: 'manager', teamId: 'sales-a' });
  otherManager = await h.createRep({ role: 'manager', teamId: 'sales-b' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'sales-a').execute();
  await h.db.updateTable('teams').set({ manager_id: otherManager.id }).where('id', '=', 'sales-b').execute();
  rep = await h.createRep({ teamId: 'sales-a' });
  admin2 = await h.createRep({ role: 'admin', id: 'admin2' });
});
afterAll(() => h?.close());

/** The tenure's activities as the worker runs them, their first `failures` notices failing as a dropped connection would. */
function activitiesFailingFirst(failures: number) {
  return createTenureActivities({ db: h.db, clock: systemClock, decisions: h.decisions, releaseCooldownMs: 60_000, events: eventsFailingFirst(h.db, failures) });
}

const quoteBody = (total: number, discountPct: number) => ({ currency: 'USD', discountPct, marginPct: 25, items: [{ description: 'Solar inverter 5 kW', quantity: 10, unitPrice: total / 10 }] });


describe('a quote that needs approval', () => {
  it('waits in the quote stage, is signed by the team manager then an admin, and moves the customer to samples', async () => {
    const id = await customerInCosting(h, rep);
    // The rep's team's chat robot, told of approval requests.
    const channelId = newId();
    await h.db.insertInto('chat_channels').values({ id: channelId, name: 'sales-a robot', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=sales-a-robot-key-0001', secret: null, events: JSON.stringify(['approval.requested']), team_id: 'sales-a', created_by: null, created_at: new Date() }).execute();
    const submitted = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(60_000, 12));
    expect(submitted.status).toBe(200);
    expect(submitted.body.ownership.stage).toBe('quote');
    expect(submitted.body.quote).toMatchObject({ status: 'pending_approval', required: true });
    expect(submitted.body.quote.levels.map((l: { level: number; status: string }) => [l.level, l.status])).toEqual([[1, 'pending'], [2, 'waiting']]);
    const quoteId = submitted.body.quote.id;

    // The inbox: the team manager sees level 1; another team's manager does not; admins see all.
    const inbox = await h.call(manager.token, 'GET', '/approvals');
    expect(inbox.body.items.map((a: { quoteId: string }) => a.quoteId)).toContain(quoteId);
    expect((await h.call(otherManager.token, 'GET', '/approvals')).body.items.map((a: { quoteId: string }) => a.quoteId)).not.toContain(quoteId);
    expect((await h.call(rep.token, 'GET', '/approvals')).body.items).toEqual([]);
    const notified = await h.db.selectFrom('notifications').selectAll().where('kind', '=', 'approval.requested').where('customer_id', '=', id).execute();
    expect(notified.map((n) => n.rep_id)).toEqual([manager.id]);
    // Told in the approver's language, with the quote's terms and why it waits, in Chinese too.
    const noticeIn = async (language: string) =>
      ((await (await h.app.request('/notifications', { headers: { authorization: `Bearer ${manager.token}`, 'accept-language': language } })).json()) as { items: { kind: string; customerId: string; body: string }[] }).items.find(
        (n) => n.kind === 'approval.requested' && n.customerId === id,
      )?.body;
    expect(await noticeIn('en')).toBe('USD 60000.00 (discount 12.00%, margin 25.00%), level 1: discount over 10%');
    expect(await noticeIn('zh-CN')).toBe('USD 60000.00（折扣 12.00%，毛利率 25.00%），第 1 级审批：折扣超过 10%。');

    const wrong = await h.call(otherManager.token, 'POST', `/approvals/${quoteId}/approve`, {});
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('NOT_APPROVER');
    const level1 = await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, { comment: 'ok for this volume' });
    expect(level1.status).toBe(200);
    expect(level1.body).toMatchObject({ decided: 'level_approved', ownership: null });
    expect((await h.customerRow(id)).stage).toBe('quote');
    expect((await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.error.code).toBe('NOT_APPROVER');
    // The team's robot is told of both levels: the manager's and the admins' (who are in no team).
    const told = await h.db.selectFrom('chat_events').select('event_key').where('channel_id', '=', channelId).orderBy('event_key').execute();
    expect(told.map((e) => e.event_key)).toEqual([`approval.requested/${quoteId}/1`, `approval.requested/${quoteId}/2`]);
    await h.db.deleteFrom('chat_events').where('channel_id', '=', channelId).execute();
    await h.db.deleteFrom('chat_channels').where('id', '=', channelId).execute();

    // Level 2 asks every admin; one signs, and nobody's request stays unread as if it still waited.
    const requests = () => h.db.selectFrom('notifications').select(['rep_id', 'data', 'read_at']).where('kind', '=', 'approval.requested').where('customer_id', '=', id).execute();
    expect((await requests()).filter((n) => n.data.level === 2).map((n) => n.rep_id)).toEqual(expect.arrayContaining([admin2.id, 'admin']));
    expect((await requests()).filter((n) => n.data.level === 1).every((n) => n.read_at !== null)).toBe(true);
    expect((await requests()).filter((n) => n.data.level === 2).every((n) => n.read_at === null)).toBe(true);
    const level2 = await h.call(admin2.token, 'POST', `/approvals/${quoteId}/approve`, {});
    expect(level2.status).toBe(200);
    expect(level2.body).toMatchObject({ decided: 'approved', ownership: { stage: 'sample' } });
    expect((await requests()).every((n) => n.read_at !== null)).toBe(true);
    const approvedNotice = await h.db.selectFrom('notifications').selectAll().where('kind', '=', 'approval.decided').where('customer_id', '=', id).executeTakeFirstOrThrow();
    expect(approvedNotice.body).toBe(`Approved by Rep ${admin2.id} (${admin2.id}). Send it; the customer moves on to samples.`);
    const zhInbox = (await (await h.app.request('/notifications', { headers: { authorization: `Bearer ${rep.token}`, 'accept-language': 'zh-CN' } })).json()) as { items: { kind: string; customerId: string; body: string }[] };
    expect(zhInbox.items.find((n) => n.kind === 'approval.decided' && n.customerId === id)?.body).toBe(`Rep ${admin2.id}（${admin2.id}） 已批准报价。可以发给客户，客户进入样品阶段。`);
    expect((await h.call(admin2.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.error.code).toBe('APPROVAL_DECIDED');

    const quotes = (await h.call(rep.token, 'GET', `/customers/${id}/quotes`)).body.items;
    // Who submitted and who signed come with their names, as the owner does on the customer.
    const nameOf = async (repId: string) => (await h.db.selectFrom('reps').select('name').where('id', '=', repId).executeTakeFirstOrThrow()).name;
    expect(quotes[0]).toMatchObject({ status: 'approved', amountUsd: 60_000, submittedBy: rep.id, submittedByName: await nameOf(rep.id) });
    expect(quotes[0].levels.map((l: { decidedBy: string; decidedByName: string; comment: string | null }) => [l.decidedBy, l.decidedByName, l.comment])).toEqual([
      [manager.id, await nameOf(manager.id), 'ok for this volume'],
      [admin2.id, await nameOf(admin2.id), null],
    ]);
    // People, not ids: the deciders, the owner and the submitter are named beside their ids.
    expect(quotes[0]).toMatchObject({ repId: rep.id, repName: `Rep ${rep.id}`, submittedBy: rep.id, submittedByName: `Rep ${rep.id}` });
    expect(quotes[0].levels.map((l: { decidedByName: string }) => l.decidedByName)).toEqual([`Rep ${manager.id}`, `Rep ${admin2.id}`]);
    const mine = (await h.call(manager.token, 'GET', '/approvals?status=decided')).body.items.find((a: { quoteId: string }) => a.quoteId === quoteId);
    expect(mine).toMatchObject({ decidedBy: manager.id, decidedByName: `Rep ${manager.id}`, submittedByName: `Rep ${rep.id}` });
    const detail = (await h.call(rep.token, 'GET', `/customers/${id}`)).body;
    expect(detail.customer).toMatchObject({ ownerId: rep.id, ownerName: await nameOf(rep.id) });
    const kinds = detail.history.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['quote', 'quote_level_approved', 'quote_approved']));
    const decided = await h.db.selectFrom('notifications').selectAll().where('kind', '=', 'approval.decided').where('customer_id', '=', id).execute();
    expect(decided.map((n) => n.rep_id)).toEqual([rep.id]);
    const approvalDecision = (await h.call(rep.token, 'GET', `/customers/${id}/decisions`)).body.items.find((d: { decision: string }) => d.decision === 'approval');
    expect(approvalDecision.fired.map((f: { name: string }) => f.name)).toEqual(['discount over 10%', 'big quote']);
  });

  it('is returned to the rep with the reason when rejected, and a revised quote can follow', async () => {
    const id = await customerInCosting(h, rep);
    const first = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(5_000, 15));
    const quoteId = first.body.quote.id;
    expect((await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(5_000, 5))).body.error.code).toBe('QUOTE_PENDING');
    const noReason = await h.call(manager.token, 'POST', `/approvals/${quoteId}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.issues[0].pointer).toBe('/comment');
    const rejected = await h.call(manager.token, 'POST', `/approvals/${quoteId}/reject`, { comment: 'Discount too deep for a first order; max 8%.' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.decided).toBe('rejected');
    const quote = (await h.call(rep.token, 'GET', `/customers/${id}/quotes`)).body.items[0];
    expect(quote).toMatchObject({ status: 'rejected', rejectionReason: 'Discount too deep for a first order; max 8%.' });
    expect((await h.customerRow(id)).stage).toBe('quote');
    const told = await h.db.selectFrom('notifications').selectAll().where('kind', '=', 'approval.decided').where('customer_id', '=', id).executeTakeFirstOrThrow();
    // The reason's own full stop and the sentence's are one.
    expect(told.body).toBe(`Rejected by Rep ${manager.id} (${manager.id}). Reason: Discount too deep for a first order; max 8%. Revise and submit a new quote.`);
    expect(told.data).toMatchObject({ decidedBy: manager.id, decidedByName: `Rep ${manager.id}` });
    const revised = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(5_000, 8));
    expect(revised.body.quote.status).toBe('approved');
    expect(revised.body.ownership.stage).toBe('sample');
  });

  it('cannot be approved by the rep who made it', async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'sales-c', name: 'Sales C' });
    const sellingManager = await h.createRep({ role: 'manager', teamId: 'sales-c' });
    await h.db.updateTable('teams').set({ manager_id: sellingManager.id }).where('id', '=', 'sales-c').execute();
    const id = await h.createCustomer({ assign: false });
    await h.call(sellingManager.token, 'POST', `/customers/${id}/claim`);
    await h.call(sellingManager.token, 'POST', `/customers/${id}/inquiry`, {});
    const quote = await h.call(sellingManager.token, 'POST', `/customers/${id}/quotes`, quoteBody(3_000, 20));
    const self = await h.call(sellingManager.token, 'POST', `/approvals/${quote.body.quote.id}/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_APPROVAL');
    expect((await h.call(sellingManager.token, 'GET', '/approvals')).body.items.map((a: { quoteId: string }) => a.quoteId)).not.toContain(quote.body.quote.id);
  });
});

describe('four-eyes: nobody decides a quote they submitted or own', () => {
  // Each level here names its approvers directly, so the rules give the submitter a level they
  // could otherwise decide.
  const levels = (...ls: { level: number; role?: 'manager' | 'admin'; rep?: string; timeout?: string }[]): RuleSetDocument =>
    ({
      decision: 'approval',
      hitPolicy: 'collect',
      rules: ls.map((l) => ({
        name: `level ${l.level}`,
        conditions: { all: [{ fact: 'quote', path: '$.discountPct', operator: 'greaterThan', value: 10 }] },
        event: { type: 'require_approval', params: { level: l.level, ...(l.role ? { role: l.role } : { rep: l.rep }), timeout: l.timeout ?? '1h', reason: 'four-eyes test' } },
      })),
    }) as unknown as RuleSetDocument;
  const inboxIds = async (token: string) => (await h.call(token, 'GET', '/approvals')).body.items.map((a: { quoteId: string }) => a.quoteId);
  afterAll(() => h.publishRuleSet(approvalRules()));

  it("a manager who submits for a rep of their team decides no level of it, not even after it escalates", async () => {
    await h.publishRuleSet(levels({ level: 1, role: 'manager', timeout: '2s' }, { level: 2, rep: manager.id }));
    const id = await customerInCosting(h, rep);
    // A level that names a rep names them by name, in the preview and in every answer about the quote.
    const named = [{ rep: manager.id, name: `Rep ${manager.id}` }];
    const preview = await h.call(rep.token, 'POST', `/customers/${id}/approval-preview`, { quote: { amount: 8_000, currency: 'USD', discountPct: 15, marginPct: 25 } });
    expect(preview.body.levels[1].approvers).toEqual(named);
    const submitted = await h.call(manager.token, 'POST', `/customers/${id}/quotes`, quoteBody(8_000, 15));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.quote).toMatchObject({ status: 'pending_approval', submittedBy: manager.id });
    expect(submitted.body.quote.levels[1].approvers).toEqual(named);
    const quoteId = submitted.body.quote.id;
    const quotes = (await h.call(rep.token, 'GET', `/customers/${id}/quotes`)).body.items;
    expect(quotes[0]).toMatchObject({ id: quoteId, repId: rep.id, submittedBy: manager.id, submittedByName: `Rep ${manager.id}` });
    // A level that names a rep names them by name too.
    expect(quotes[0].levels[1].approvers).toEqual([{ rep: manager.id, name: `Rep ${manager.id}` }]);

    for (const verb of ['approve', 'reject']) {
      const self = await h.call(manager.token, 'POST', `/approvals/${quoteId}/${verb}`, { comment: 'looks fine to me' });
      expect(self.status, JSON.stringify(self.body)).toBe(403);
      expect(self.body.error.code).toBe('SELF_APPROVAL');
    }
    expect(await inboxIds(manager.token)).not.toContain(quoteId);

    // Escalated to admins, the level is still not the submitter's to decide; another person decides it.
    await h.waitFor(async () => (await h.db.selectFrom('quote_approvals').select('escalated').where('quote_id', '=', quoteId).where('level', '=', 1).executeTakeFirstOrThrow()).escalated, 15_000);
    expect((await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.error.code).toBe('SELF_APPROVAL');
    expect(await inboxIds(manager.token)).not.toContain(quoteId);
    const level1 = await h.call(admin2.token, 'POST', `/approvals/${quoteId}/approve`, {});
    expect(level1.body).toMatchObject({ decided: 'level_approved' });
    expect(level1.body.quote.levels[1].approvers).toEqual(named);

    // Level 2 names the manager, who submitted: refused as well, and the quote keeps waiting.
    const level2 = await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, {});
    expect(level2.status).toBe(403);
    expect(level2.body.error.code).toBe('SELF_APPROVAL');
    expect(await inboxIds(manager.token)).not.toContain(quoteId);
    const row = await h.db.selectFrom('quote_approvals').select(['level', 'status', 'decided_by']).where('quote_id', '=', quoteId).orderBy('level').execute();
    expect(row).toEqual([
      { level: 1, status: 'approved', decided_by: admin2.id },
      { level: 2, status: 'pending', decided_by: null },
    ]);
    expect((await h.call(rep.token, 'POST', `/customers/${id}/release`, { reason: 'test done' })).status).toBe(200);
  });

  it('an admin who submits cannot decide it; another admin can', async () => {
    await h.publishRuleSet(levels({ level: 1, role: 'admin' }));
    const id = await customerInCosting(h, rep);
    const submitted = await h.call(h.adminToken, 'POST', `/customers/${id}/quotes`, quoteBody(8_000, 15));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const quoteId = submitted.body.quote.id;
    expect(submitted.body.quote.submittedBy).toBe('admin');
    const self = await h.call(h.adminToken, 'POST', `/approvals/${quoteId}/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_APPROVAL');
    expect(await inboxIds(h.adminToken)).not.toContain(quoteId);
    // Only those who may decide it are asked.
    const asked = await h.waitFor(async () => {
      const rows = await h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'approval.requested').where('customer_id', '=', id).execute();
      return rows.length > 0 ? rows : null;
    });
    expect(asked.map((n) => n.rep_id)).toEqual([admin2.id]);
    const waiting = (await h.call(admin2.token, 'GET', '/approvals')).body.items.find((a: { quoteId: string }) => a.quoteId === quoteId);
    expect(waiting).toMatchObject({ repId: rep.id, submittedBy: 'admin' });
    const approved = await h.call(admin2.token, 'POST', `/approvals/${quoteId}/approve`, {});
    expect(approved.body).toMatchObject({ decided: 'approved', ownership: { stage: 'sample' } });
    // The decision is told to the owner and to whoever submitted it for them (a manager, an admin, a collaborator).
    const told = await h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'approval.decided').where('customer_id', '=', id).execute();
    expect(told.map((n) => n.rep_id).sort()).toEqual(['admin', rep.id].sort());
  });

  it('the owner cannot decide a level that names them when their manager submitted the quote', async () => {
    await h.publishRuleSet(levels({ level: 1, rep: rep.id }));
    const id = await customerInCosting(h, rep);
    const submitted = await h.call(manager.token, 'POST', `/customers/${id}/quotes`, quoteBody(8_000, 15));
    const quoteId = submitted.body.quote.id;
    const owner = await h.call(rep.token, 'POST', `/approvals/${quoteId}/approve`, {});
    expect(owner.status).toBe(403);
    expect(owner.body.error.code).toBe('SELF_APPROVAL');
    expect(await inboxIds(rep.token)).not.toContain(quoteId);
    expect((await h.db.selectFrom('quotes').select('status').where('id', '=', quoteId).executeTakeFirstOrThrow()).status).toBe('pending_approval');
  });

  it('a level naming a rep who is deactivated is asked of the admins, and they are told once', async () => {
    const named = await h.createRep({ role: 'manager', teamId: 'sales-b' });
    await h.publishRuleSet(levels({ level: 1, rep: named.id }));
    const id = await customerInCosting(h, rep);
    const quoteId = (await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(8_000, 15))).body.quote.id;
    const asked = async () => (await h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'approval.requested').where('customer_id', '=', id).execute()).map((r) => r.rep_id).sort();
    await h.waitFor(async () => (await asked()).length > 0, 10_000);
    expect(await asked()).toEqual([named.id]);

    // The named approver leaves: the level waits for the admins now, and they hear of it.
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${named.id}`, { active: false })).status).toBe(200);
    expect(await asked()).toEqual([named.id, 'admin', admin2.id].sort());
    expect(await inboxIds(admin2.token)).toContain(quoteId);
    // Deactivated again (no change): nobody is told twice.
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${named.id}`, { active: false })).status).toBe(200);
    expect(await asked()).toEqual([named.id, 'admin', admin2.id].sort());
    expect((await h.call(admin2.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.decided).toBe('approved');
  });

  it('a level naming a rep who is handed over (and so deactivated) is asked of the admins, and they are told', async () => {
    const named = await h.createRep({ role: 'manager', teamId: 'sales-b' });
    await h.publishRuleSet(levels({ level: 1, rep: named.id }));
    const id = await customerInCosting(h, rep);
    const quoteId = (await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(8_000, 15))).body.quote.id;
    const asked = async () => (await h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'approval.requested').where('customer_id', '=', id).execute()).map((r) => r.rep_id).sort();
    await h.waitFor(async () => (await asked()).length > 0, 10_000);
    expect(await asked()).toEqual([named.id]);
    const handover = await h.call(h.adminToken, 'POST', `/reps/${named.id}/handover`, { to: { kind: 'pool' } });
    expect(handover.status, JSON.stringify(handover.body)).toBe(202);
    expect(await asked()).toEqual([named.id, 'admin', admin2.id].sort());
    expect((await h.call(admin2.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.decided).toBe('approved');
  });
});

describe('a level that waits for a manager the team does not have', () => {
  it('is asked of the admins, who decide it; a manager given to the team later finds the rest waiting for them and decides them', async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'sales-new', name: 'Sales New' });
    const newcomer = await h.createRep({ teamId: 'sales-new' });
    const [first, second] = [await customerInCosting(h, newcomer), await customerInCosting(h, newcomer)];
    const q1 = (await h.call(newcomer.token, 'POST', `/customers/${first}/quotes`, quoteBody(5_000, 12))).body.quote.id;
    const q2 = (await h.call(newcomer.token, 'POST', `/customers/${second}/quotes`, quoteBody(5_000, 12))).body.quote.id;
    const askedFor = (customerId: string) =>
      h.waitFor(async () => {
        const rows = await h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'approval.requested').where('customer_id', '=', customerId).execute();
        return rows.length > 0 ? rows.map((r) => r.rep_id).sort() : null;
      }, 10_000);
    // Nobody manages the team: the admins, who may decide any level, are asked instead of nobody.
    expect(await askedFor(first)).toEqual(['admin', admin2.id].sort());
    const inbox = async (token: string) => (await h.call(token, 'GET', '/approvals')).body.items.map((a: { quoteId: string }) => a.quoteId);
    expect(await inbox(admin2.token)).toEqual(expect.arrayContaining([q1, q2]));
    expect((await h.call(admin2.token, 'POST', `/approvals/${q1}/approve`, {})).body.decided).toBe('approved');

    // A manager given to the team later finds the level still waiting in their inbox, and is told of
    // it (not of the level decided already); the admins asked before are not asked again.
    expect(await askedFor(second)).toEqual(['admin', admin2.id].sort());
    const late = await h.createRep({ role: 'manager' });
    expect((await h.call(h.adminToken, 'PATCH', '/teams/sales-new', { managerId: late.id })).status).toBe(200);
    expect(await inbox(late.token)).toEqual([q2]);
    expect(await askedFor(second)).toEqual(['admin', admin2.id, late.id].sort());
    expect(await askedFor(first)).toEqual(['admin', admin2.id].sort());
    const told = await h.db.selectFrom('notifications').select(['title', 'data']).where('rep_id', '=', late.id).where('kind', '=', 'approval.requested').executeTakeFirstOrThrow();
    expect(told.title).toMatch(/^Quote to approve: /);
    expect(told.data).toMatchObject({ quoteId: q2, level: 1 });
    // Given again: told once.
    expect((await h.call(h.adminToken, 'PATCH', '/teams/sales-new', { managerId: late.id })).status).toBe(200);
    expect(await askedFor(second)).toEqual(['admin', admin2.id, late.id].sort());
    expect((await h.call(late.token, 'POST', `/approvals/${q2}/approve`, {})).body.decided).toBe('approved');
  });
});

describe('a level that waits for the manager while the rep changes teams or the team its manager', () => {
  it("is asked of the owner's manager now, and never twice of anyone asked before", async () => {
    for (const team of ['move-a', 'move-b']) expect((await h.call(h.adminToken, 'POST', '/teams', { id: team, name: team })).status).toBe(201);
    const managerA = await h.createRep({ role: 'manager', teamId: 'move-a' });
    const managerB = await h.createRep({ role: 'manager', teamId: 'move-b' });
    expect((await h.call(h.adminToken, 'PATCH', '/teams/move-a', { managerId: managerA.id })).status).toBe(200);
    expect((await h.call(h.adminToken, 'PATCH', '/teams/move-b', { managerId: managerB.id })).status).toBe(200);
    const mover = await h.createRep({ teamId: 'move-a' });
    const customerId = await customerInCosting(h, mover);
    const quoteId = (await h.call(mover.token, 'POST', `/customers/${customerId}/quotes`, quoteBody(5_000, 12))).body.quote.id;
    const asked = async () => (await h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'approval.requested').where('customer_id', '=', customerId).execute()).map((r) => r.rep_id).sort();
    await h.waitFor(async () => (await asked()).length > 0, 10_000);
    expect(await asked()).toEqual([managerA.id]);

    // The rep moves to team B: B's manager decides the level now, and is told.
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${mover.id}`, { teamId: 'move-b' })).status).toBe(200);
    expect(await asked()).toEqual([managerA.id, managerB.id].sort());
    expect((await h.call(managerB.token, 'GET', '/approvals')).body.items.map((a: { quoteId: string }) => a.quoteId)).toContain(quoteId);
    // Back and forth: each was told once.
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${mover.id}`, { teamId: 'move-a' })).status).toBe(200);
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${mover.id}`, { teamId: 'move-b' })).status).toBe(200);
    expect(await asked()).toEqual([managerA.id, managerB.id].sort());

    // Team B gets another manager: they are told.
    const successor = await h.createRep({ role: 'manager', teamId: 'move-b' });
    expect((await h.call(h.adminToken, 'PATCH', '/teams/move-b', { managerId: successor.id })).status).toBe(200);
    expect(await asked()).toEqual([managerA.id, managerB.id, successor.id].sort());
    expect((await h.call(successor.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.decided).toBe('approved');

    // A decided level asks nobody when the team changes again.
    const last = await h.createRep({ role: 'manager', teamId: 'move-b' });
    expect((await h.call(h.adminToken, 'PATCH', '/teams/move-b', { managerId: last.id })).status).toBe(200);
    expect(await asked()).toEqual([managerA.id, managerB.id, successor.id].sort());
  });

  it("is not asked twice of a manager a re-ask told when the request's own notice runs after it (tried again, or late)", async () => {
    for (const team of ['late-a', 'late-b']) expect((await h.call(h.adminToken, 'POST', '/teams', { id: team, name: team })).status).toBe(201);
    const managerA = await h.createRep({ role: 'manager', teamId: 'late-a' });
    const managerB = await h.createRep({ role: 'manager', teamId: 'late-b' });
    expect((await h.call(h.adminToken, 'PATCH', '/teams/late-a', { managerId: managerA.id })).status).toBe(200);
    expect((await h.call(h.adminToken, 'PATCH', '/teams/late-b', { managerId: managerB.id })).status).toBe(200);
    const mover = await h.createRep({ teamId: 'late-a' });
    const customerId = await customerInCosting(h, mover);
    const quoteId = (await h.call(mover.token, 'POST', `/customers/${customerId}/quotes`, quoteBody(5_000, 12))).body.quote.id;
    const asked = async () => (await h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'approval.requested').where('customer_id', '=', customerId).execute()).map((r) => r.rep_id).sort();
    await h.waitFor(async () => (await asked()).length > 0, 10_000);
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${mover.id}`, { teamId: 'late-b' })).status).toBe(200);
    expect(await asked()).toEqual([managerA.id, managerB.id].sort());

    // The request's notice again, as a retried step runs it: B, told by the re-ask, is not told again.
    await lifecycleNotices(h.db, notificationEvents({ db: h.db, clock: systemClock })).approvalRequested({ quoteId, level: 1 }, customerId);
    expect(await asked()).toEqual([managerA.id, managerB.id].sort());
  });
});

describe('a decision tried again or raced', () => {
  it('answers a retried decision as it was made: the next level waits, nobody decided it, the next approver is told once', async () => {
    const id = await customerInCosting(h, rep);
    const quoteId = (await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(60_000, 12))).body.quote.id;
    // The decision step as the workflow runs it, its notice failing after the decision committed.
    const activities = activitiesFailingFirst(1);
    const decision = { quoteId, approverId: manager.id, approve: true, level: 1 };
    await expect(activities.decideApproval(decision)).rejects.toThrow('connection terminated');
    const again = await activities.decideApproval(decision);
    expect(again).toMatchObject({ decided: 'level_approved', pending: { quoteId, level: 2 } });
    const levels = await h.db.selectFrom('quote_approvals').select(['level', 'status', 'decided_by']).where('quote_id', '=', quoteId).orderBy('level').execute();
    expect(levels).toEqual([
      { level: 1, status: 'approved', decided_by: manager.id },
      { level: 2, status: 'pending', decided_by: null },
    ]);
    const asked = await h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'approval.requested').where('customer_id', '=', id).execute();
    // Level 1 asked the manager at submission; level 2 asks the admins, once.
    expect(asked.map((n) => n.rep_id).sort()).toEqual([manager.id, 'admin', admin2.id].sort());
  });

  it('refuses a decision of a level someone decided meanwhile instead of deciding the next one', async () => {
    const id = await customerInCosting(h, rep);
    const quoteId = (await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(60_000, 12))).body.quote.id;
    expect((await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.decided).toBe('level_approved');
    // An admin who was shown level 1 decides it a moment later.
    const activities = activitiesFailingFirst(0);
    await expect(activities.decideApproval({ quoteId, approverId: admin2.id, approve: true, level: 1 })).rejects.toMatchObject({ code: 'APPROVAL_DECIDED' });
    // Through the API, naming the level they were shown.
    const stale = await h.call(admin2.token, 'POST', `/approvals/${quoteId}/approve`, { level: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'APPROVAL_DECIDED', details: { level: 1, pendingLevel: 2 } });
    const level2 = await h.db.selectFrom('quote_approvals').select(['status', 'decided_by']).where('quote_id', '=', quoteId).where('level', '=', 2).executeTakeFirstOrThrow();
    expect(level2).toEqual({ status: 'pending', decided_by: null });
    // Shown level 2, they decide it.
    expect((await h.call(admin2.token, 'POST', `/approvals/${quoteId}/approve`, { level: 2 })).body.decided).toBe('approved');
  });

  it('refuses the same approver deciding a level again with another comment, keeping the first one', async () => {
    const id = await customerInCosting(h, rep);
    const quoteId = (await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(60_000, 12))).body.quote.id;
    const first = await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, { level: 1, comment: 'margin is fine' });
    expect(first.body.decided).toBe('level_approved');
    // The same step retried answers as it was made.
    const retried = await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, { level: 1, comment: 'margin is fine' });
    expect(retried.status).toBe(200);
    // Another comment is another decision: refused, and the first comment stays.
    const changed = await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, { level: 1, comment: 'only for this order' });
    expect(changed.status).toBe(409);
    expect(changed.body.error).toMatchObject({ code: 'APPROVAL_DECIDED', details: { level: 1, decidedBy: manager.id } });
    expect(changed.body.error.message).toContain('already');
    const rejected = await h.call(manager.token, 'POST', `/approvals/${quoteId}/reject`, { level: 1, comment: 'changed my mind' });
    expect(rejected.status).toBe(409);
    const level1 = await h.db.selectFrom('quote_approvals').select(['status', 'comment']).where('quote_id', '=', quoteId).where('level', '=', 1).executeTakeFirstOrThrow();
    expect(level1).toEqual({ status: 'approved', comment: 'margin is fine' });
  });

  it('does not answer a repeated decision as approved once the quote was withdrawn', async () => {
    const id = await customerInCosting(h, rep);
    const quoteId = (await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(60_000, 12))).body.quote.id;
    expect((await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, { level: 1 })).body.decided).toBe('level_approved');
    expect((await h.call(rep.token, 'POST', `/customers/${id}/release`, { reason: 'customer went silent' })).status).toBe(200);
    expect((await h.db.selectFrom('quotes').select('status').where('id', '=', quoteId).executeTakeFirstOrThrow()).status).toBe('withdrawn');
    const activities = activitiesFailingFirst(0);
    await expect(activities.decideApproval({ quoteId, approverId: manager.id, approve: true, level: 1 })).rejects.toMatchObject({ code: 'APPROVAL_DECIDED' });
    const told = await h.db.selectFrom('notifications').select('kind').where('kind', '=', 'approval.decided').where('customer_id', '=', id).execute();
    expect(told).toEqual([]);
  });
});

describe('who learns where a quote stands', () => {
  it('refuses a rep with no part in the quote the same way whether it is pending or decided', async () => {
    const outsider = await h.createRep({ teamId: 'sales-b' });
    const id = await customerInCosting(h, rep);
    const quoteId = (await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(5_000, 12))).body.quote.id;
    const tries = async () =>
      Promise.all([
        h.call(outsider.token, 'POST', `/approvals/${quoteId}/approve`, {}),
        h.call(outsider.token, 'POST', `/approvals/${quoteId}/reject`, { comment: 'no' }),
        h.call(otherManager.token, 'POST', `/approvals/${quoteId}/approve`, {}),
      ]);
    const shape = (r: { status: number; body: any }) => [r.status, r.body.error.code, r.body.error.message, r.body.error.details ?? null];
    const pending = (await tries()).map(shape);
    expect(pending[0]).toEqual([403, 'NOT_APPROVER', 'This approval is not yours to decide.', null]);
    expect((await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.decided).toBe('approved');
    expect((await tries()).map(shape)).toEqual(pending);
    // Those with a part in it are told it was decided.
    const told = await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, {});
    expect([told.status, told.body.error.code]).toEqual([409, 'APPROVAL_DECIDED']);
  });

  it('refuses a level the quote does not have with 400 at /level, naming the levels it has', async () => {
    const id = await customerInCosting(h, rep);
    const quoteId = (await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(5_000, 12))).body.quote.id;
    const res = await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, { comment: 'x', level: 2 });
    expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.error.details.issues).toEqual([{ pointer: '/level', code: 'no_such_level', params: { level: 2, count: 1, levels: '1' }, message: 'level 2 does not exist; this quote has level 1' }]);
    const level1 = await h.db.selectFrom('quote_approvals').select(['level', 'status']).where('quote_id', '=', quoteId).execute();
    expect(level1).toEqual([{ level: 1, status: 'pending' }]);
    expect((await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, { comment: 'x', level: 1 })).body.decided).toBe('approved');
  });

  it("refuses an admin's token without the admin scope to decide or to act on a rep's customer", async () => {
    const rw = (await h.call(h.adminToken, 'POST', '/reps/admin2/tokens', { name: 'rw', scopes: ['read', 'write'] })).body.token as string;
    const id = await customerInCosting(h, rep);
    const quoteId = (await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(60_000, 12))).body.quote.id;
    expect((await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.decided).toBe('level_approved');
    for (const [path, body] of [[`/approvals/${quoteId}/approve`, {}], [`/customers/${id}/release`, { reason: 'taken' }]] as const) {
      const res = await h.call(rw, 'POST', path, body);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'INSUFFICIENT_SCOPE']);
    }
    expect((await h.db.selectFrom('quotes').select('status').where('id', '=', quoteId).executeTakeFirstOrThrow()).status).toBe('pending_approval');
    expect((await h.customerRow(id)).owner_id).toBe(rep.id);
    expect((await h.call(rw, 'GET', `/customers/${id}`)).status).toBe(200);
  });
});

describe('timeouts and ended tenures', () => {
  it('escalate an undecided level to admins after its timeout', async () => {
    await h.publishRuleSet(approvalRules('2s'));
    const id = await customerInCosting(h, rep);
    const submitted = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(4_000, 15));
    const quoteId = submitted.body.quote.id;
    const escalated = await h.waitFor(async () => {
      const level = await h.db.selectFrom('quote_approvals').selectAll().where('quote_id', '=', quoteId).where('level', '=', 1).executeTakeFirstOrThrow();
      return level.escalated ? level : null;
    }, 10_000);
    expect(escalated.approvers).toEqual([{ role: 'manager' }, { role: 'admin' }]);
    // Told right after the escalation commits.
    const admins = await h.waitFor(async () => {
      const rows = await h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'approval.escalated').where('customer_id', '=', id).execute();
      return rows.length === 2 ? rows : null;
    });
    expect(admins.map((n) => n.rep_id).sort()).toEqual(['admin', admin2.id].sort());
    // Either may now decide it; the manager still may too.
    expect((await h.call(admin2.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.decided).toBe('approved');
    await h.publishRuleSet(approvalRules());
  });

  it('tells the admins of an escalation once, though its notice failed after it committed and the step was tried again', async () => {
    const id = await customerInCosting(h, rep);
    const submitted = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(4_000, 15));
    const quoteId = submitted.body.quote.id;
    // The escalation step as the workflow runs it after the timeout (here 1 h away), its first notice failing.
    const activities = activitiesFailingFirst(1);
    await expect(activities.escalateApproval({ quoteId, level: 1 })).rejects.toThrow('connection terminated');
    expect(await activities.escalateApproval({ quoteId, level: 1 })).toBe(true);
    const told = await h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'approval.escalated').where('customer_id', '=', id).execute();
    expect(told.map((n) => n.rep_id).sort()).toEqual(['admin', admin2.id].sort());
    const audited = await h.db.selectFrom('customer_activities').select('kind').where('customer_id', '=', id).where('kind', '=', 'quote_escalated').execute();
    expect(audited).toHaveLength(1);
    // A decided level is not escalated, however late the step comes.
    expect((await h.call(manager.token, 'POST', `/approvals/${quoteId}/approve`, {})).body.decided).toBe('approved');
    expect(await activities.escalateApproval({ quoteId, level: 1 })).toBe(false);
  });

  it('withdraw a pending quote when the tenure ends, so it can no longer be approved', async () => {
    const id = await customerInCosting(h, rep);
    const submitted = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(4_000, 15));
    expect((await h.call(rep.token, 'POST', `/customers/${id}/release`, { reason: 'customer went silent' })).status).toBe(200);
    const quote = await h.db.selectFrom('quotes').selectAll().where('id', '=', submitted.body.quote.id).executeTakeFirstOrThrow();
    expect(quote.status).toBe('withdrawn');
    const late = await h.call(manager.token, 'POST', `/approvals/${submitted.body.quote.id}/approve`, {});
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'APPROVAL_DECIDED', details: { status: 'withdrawn' } });
    expect((await h.call(manager.token, 'GET', '/approvals')).body.items.map((a: { quoteId: string }) => a.quoteId)).not.toContain(quote.id);
  });

  it('withdraw a pending quote when the customer is won straight from the quote stage, so no approver is left a quote nobody can decide', async () => {
    const id = await customerInCosting(h, rep);
    const submitted = await h.call(rep.token, 'POST', `/customers/${id}/quotes`, quoteBody(4_000, 15));
    expect(submitted.body.quote.status).toBe('pending_approval');
    const won = await h.call(rep.token, 'POST', `/customers/${id}/won`, { orderValueUsd: 4_000 });
    expect([won.status, won.body.status]).toEqual([200, 'won']);
    const quote = await h.db.selectFrom('quotes').selectAll().where('id', '=', submitted.body.quote.id).executeTakeFirstOrThrow();
    expect(quote.status).toBe('withdrawn');
    expect((await h.call(manager.token, 'GET', '/approvals')).body.items.map((a: { quoteId: string }) => a.quoteId)).not.toContain(quote.id);
    const late = await h.call(manager.token, 'POST', `/approvals/${quote.id}/approve`, {});
    expect([late.status, late.body.error.code, late.body.error.details.status]).toEqual([409, 'APPROVAL_DECIDED', 'withdrawn']);
  });
});
