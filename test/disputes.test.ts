// Disputes of rule decisions (issue 15 §2) on real Postgres and Temporal: a rep disputes an
// assignment, a claim refusal or a reclaim within the window; the rep's manager (an admin across
// teams) upholds it or reassigns the customer through its workflow within the rep's caps; both
// sides are told; the history and the report per rule show it.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { createHarness, type Harness } from './support/harness.js';
import { keepInPool } from './support/rule-sets.js';

let h: Harness;
type Rep = { id: string; token: string };
let manager: Rep;
let otherManager: Rep;
let a1: Rep;
let a2: Rep;
let b1: Rep;

// French customers get a 3 s first follow-up (to be reclaimed in the test); everyone else an hour.
const reclaimRules = {
  decision: 'reclaim',
  hitPolicy: 'collect',
  rules: [
    { name: 'won exempt', priority: 100, conditions: { all: [{ fact: 'customer', path: '$.status', operator: 'equal', value: 'won' }] }, event: { type: 'exempt', params: { reason: 'won' } } },
    {
      name: 'France: first follow-up in 3s',
      conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'equal', value: 'claim' }, { fact: 'customer', path: '$.country', operator: 'equal', value: 'FR' }] },
      event: { type: 'deadline', params: { name: 'first_follow_up', duration: '3s', reason: 'no_follow_up', cooldown: '1h' } },
    },
    { name: 'first follow-up', conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'equal', value: 'claim' }] }, event: { type: 'deadline', params: { name: 'first_follow_up', duration: '1h', reason: 'no_follow_up', cooldown: '1h' } } },
    { name: 'follow up', conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'notEqual', value: 'claim' }] }, event: { type: 'deadline', params: { name: 'follow_up', duration: '1h', reason: 'no_follow_up', cooldown: '1h' } } },
  ],
} as unknown as RuleSetDocument;

const toTeamA = {
  decision: 'assignment',
  hitPolicy: 'first',
  rules: [{ name: 'Germany to team A', conditions: { all: [{ fact: 'customer', path: '$.country', operator: 'equal', value: 'DE' }] }, event: { type: 'assign', params: { team: 'dsp-a', strategy: 'least_loaded', preferNewHires: true, reason: 'team A covers Germany' } } }],
} as unknown as RuleSetDocument;

beforeAll(async () => {
  h = await createHarness({ reclaim: reclaimRules });
  for (const id of ['dsp-a', 'dsp-b']) await h.call(h.adminToken, 'POST', '/teams', { id, name: id });
  manager = await h.createRep({ id: 'dsp-mgr', role: 'manager', teamId: 'dsp-a' });
  otherManager = await h.createRep({ id: 'dsp-mgr-b', role: 'manager', teamId: 'dsp-b' });
  // a1 is team A's only new hire: the rule (new hires first) gives team A's customers to a1; a2 has a private cap of 1.
  a1 = await h.createRep({ id: 'dsp-a1', teamId: 'dsp-a', hiredAt: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10) });
  a2 = await h.createRep({ id: 'dsp-a2', teamId: 'dsp-a', privateCap: 1 });
  b1 = await h.createRep({ id: 'dsp-b1', teamId: 'dsp-b' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'dsp-a').execute();
  await h.db.updateTable('teams').set({ manager_id: otherManager.id }).where('id', '=', 'dsp-b').execute();
}, 120_000);
afterAll(() => h?.close());

/** Customers the team A rule assigns (to a1, its new hire). */
async function assignedToA1(count: number): Promise<string[]> {
  await h.publishRuleSet(toTeamA);
  const ids: string[] = [];
  try {
    for (let i = 0; i < count; i++) ids.push(await h.createCustomer({ country: 'DE' }));
  } finally {
    await h.publishRuleSet(keepInPool);
  }
  for (const id of ids) await h.waitFor(async () => (await h.customerRow(id)).owner_id === a1.id);
  return ids;
}

const notices = (repId: string, kind: string, customerId: string) =>
  h.db.selectFrom('notifications').select(['title', 'body', 'data']).where('rep_id', '=', repId).where('kind', '=', kind).where('customer_id', '=', customerId).execute();

const file = (rep: Rep, customerId: string, body: Record<string, unknown>, app = h.app) => h.call(rep.token, 'POST', `/customers/${customerId}/disputes`, body, app);
const decide = (token: string, id: string, outcome: 'uphold' | 'reassign', comment = 'decided') => h.call(token, 'POST', `/disputes/${id}/decision`, { outcome, comment });
/** A dispute as a reader of that language gets it. */
const disputeIn = async (token: string, id: string, language: string): Promise<{ original: { sentence: string } }> =>
  (await h.app.request(`/disputes/${id}`, { headers: { authorization: `Bearer ${token}`, 'accept-language': language } })).json() as Promise<{ original: { sentence: string } }>;

describe('disputing an assignment', () => {
  let reassigned: string;
  let upheld: string;

  it('lets a rep the rule targeted dispute it, and the manager reassign the customer to them through its tenure', async () => {
    const ids = await assignedToA1(2);
    reassigned = ids[0]!;
    upheld = ids[1]!;
    const disputable = await h.call(a2.token, 'GET', `/customers/${reassigned}/disputable`);
    expect(disputable.status).toBe(200);
    expect(disputable.body.decisions).toEqual([expect.objectContaining({ kind: 'assignment', decision: 'assignment', ruleName: 'Germany to team A', summary: `assigned to Rep ${a1.id} (${a1.id})`, otherRepId: a1.id, otherRepName: `Rep ${a1.id}` })]);
    const zhDisputable = (await (await h.app.request(`/customers/${reassigned}/disputable`, { headers: { authorization: `Bearer ${a2.token}`, 'accept-language': 'zh-CN' } })).json()) as { decisions: { summary: string }[] };
    expect(zhDisputable.decisions.map((d) => d.summary)).toEqual([`分配给 Rep ${a1.id}（${a1.id}）`]);

    const filed = await file(a2, reassigned, { reason: 'I met this buyer at the fair', kind: 'assignment' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ kind: 'assignment', status: 'open', repId: a2.id, repName: `Rep ${a2.id}`, otherRepId: a1.id, otherRepName: `Rep ${a1.id}`, decidedByName: null, rule: { decision: 'assignment', name: 'Germany to team A' }, canDecide: false });
    expect(filed.body.original).toMatchObject({ decision: 'assignment', outcome: { picked: a1.id, team: 'dsp-a' } });
    expect(filed.body.original.facts.customer.country).toBe('DE');
    // The manager and the other side are told it was filed.
    expect(await notices(manager.id, 'dispute.filed', reassigned)).toHaveLength(1);
    expect(await notices(a1.id, 'dispute.filed', reassigned)).toHaveLength(1);
    // The notice names the disputing rep, not only their id, in English and in Chinese.
    expect((await notices(manager.id, 'dispute.filed', reassigned))[0]!).toMatchObject({ body: expect.stringContaining(`Rep ${a2.id} (${a2.id}) disputes the assignment`), data: { repId: a2.id, repName: `Rep ${a2.id}` } });
    const zhInbox = async (token: string, kind: string) => {
      const res = await h.app.request('/notifications', { headers: { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' } });
      return ((await res.json()) as { items: { kind: string; customerId: string; body: string }[] }).items.find((n) => n.kind === kind && n.customerId === reassigned)!;
    };
    expect((await zhInbox(manager.token, 'dispute.filed')).body).toContain(`Rep ${a2.id}（${a2.id}） 对`);

    const again = await file(a2, reassigned, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'DISPUTE_OPEN', details: { disputeId: filed.body.id } });

    expect((await h.call(manager.token, 'GET', `/disputes/${filed.body.id}`)).body.canDecide).toBe(true);
    const unreadFiled = () => h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'dispute.filed').where('customer_id', '=', reassigned).where('read_at', 'is', null).execute();
    expect((await unreadFiled()).length).toBeGreaterThan(0);
    const decided = await decide(manager.token, filed.body.id, 'reassign', 'you met them first');
    expect(decided.status).toBe(200);
    // Decided: nobody's notice of it waits unread as if it still needed them.
    expect(await unreadFiled()).toEqual([]);
    expect(decided.body).toMatchObject({ status: 'reassigned', decidedBy: manager.id, decidedByName: `Rep ${manager.id}`, comment: 'you met them first', canDecide: false });
    const row = await h.customerRow(reassigned);
    expect(row).toMatchObject({ status: 'owned', owner_id: a2.id });
    const moved = await h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', reassigned).where('kind', '=', 'reassigned').executeTakeFirstOrThrow();
    expect(moved).toMatchObject({ from_rep_id: a1.id, to_rep_id: a2.id, actor_id: manager.id, reason: 'dispute' });
    // Both sides are told, with the rule of the original decision.
    for (const rep of [a1, a2]) {
      const told = await notices(rep.id, 'dispute.decided', reassigned);
      expect(told).toHaveLength(1);
      expect(told[0]!.data).toMatchObject({ status: 'reassigned', ruleName: 'Germany to team A', comment: 'you met them first' });
      expect(told[0]!.body).toBe(`The dispute of the assignment by rule "Germany to team A" (v${filed.body.rule.ruleSetVersion}) was reassigned to Rep ${a2.id} (${a2.id}) (decided by Rep ${manager.id} (${manager.id})): you met them first`);
    }
    expect((await zhInbox(a1.token, 'dispute.decided')).body).toBe(`申诉成立，客户已改派给 Rep ${a2.id}（${a2.id}），裁决人 Rep ${manager.id}（${manager.id}）：you met them first`);
    // The history shows the dispute and its decision with the rule.
    const history = (await h.call(manager.token, 'GET', `/customers/${reassigned}`)).body.history as { kind: string; note: string | null }[];
    expect(history.find((e) => e.kind === 'dispute_filed')?.note).toContain('assignment rule "Germany to team A"');
    expect(history.find((e) => e.kind === 'dispute_filed')?.note).toContain(`assigned to Rep ${a1.id} (${a1.id})`);
    expect(history.find((e) => e.kind === 'dispute_decided')?.note).toBe(`Dispute by Rep ${a2.id} (${a2.id}) of the assignment by assignment rule "Germany to team A" (v${filed.body.rule.ruleSetVersion}) decided: reassigned to Rep ${a2.id} (${a2.id}): you met them first`);
    // a2's cap is 1: make room for the claim-refusal tests.
    expect((await h.call(a2.token, 'POST', `/customers/${reassigned}/release`, {})).status).toBe(200);
  });

  it('keeps the original assignment when the manager upholds it, and refuses whoever may not decide', async () => {
    const filed = await file(a2, upheld, { reason: 'mine too' });
    expect(filed.status).toBe(201);
    expect((await decide(a2.token, filed.body.id, 'uphold')).body.error.code).toBe('FORBIDDEN');
    const other = await decide(otherManager.token, filed.body.id, 'uphold');
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('NOT_DECIDER');
    // Reading it, each is told whether they may decide it and, while it is open, why not.
    const seen = async (token: string) => {
      const d = (await h.call(token, 'GET', `/disputes/${filed.body.id}`)).body;
      return [d.canDecide, d.decideRefusal];
    };
    expect(await seen(manager.token)).toEqual([true, null]);
    expect(await seen(a2.token)).toEqual([false, 'OWN_DISPUTE']);
    expect(await seen(a1.token)).toEqual([false, 'OWN_DISPUTE']);
    const decided = await decide(manager.token, filed.body.id, 'uphold', 'the rule is right');
    expect(decided.body).toMatchObject({ status: 'upheld', canDecide: false, decideRefusal: null });
    expect((await h.customerRow(upheld)).owner_id).toBe(a1.id);
    expect((await notices(a2.id, 'dispute.decided', upheld))[0]!.data).toMatchObject({ status: 'upheld' });
    expect(await notices(a1.id, 'dispute.decided', upheld)).toHaveLength(1);
    const twice = await decide(h.adminToken, filed.body.id, 'reassign');
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'DISPUTE_DECIDED', message: `This dispute was already decided (upheld) by Rep ${manager.id} (${manager.id}).`, details: { decidedBy: manager.id, decidedByName: `Rep ${manager.id}` } });
    // A decided dispute is final: the same decision is not disputed again.
    const refiled = await file(a2, upheld, { reason: 'once more' });
    expect(refiled.status).toBe(409);
    expect(refiled.body.error.code).toBe('DISPUTE_DECIDED');
    expect((await h.call(a2.token, 'GET', `/customers/${upheld}/disputable`)).body.decisions).toEqual([]);
  });

  it('refuses a rep of another team whom the rule never considered, the owner, and a customer with nothing to dispute', async () => {
    const [id] = await assignedToA1(1);
    const outsider = await file(b1, id!, { reason: 'mine' });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error).toMatchObject({ code: 'NOT_INVOLVED', details: { pointer: '/kind' } });
    const owner = await file(a1, id!, { reason: 'mine', kind: 'assignment' });
    expect(owner.body.error.code).toBe('NOT_INVOLVED');
    const pool = await h.createCustomer({ assign: false });
    const nothing = await file(a2, pool, { reason: 'mine' });
    expect(nothing.status).toBe(409);
    expect(nothing.body.error.code).toBe('NOTHING_TO_DISPUTE');
    const unknown = await file(a2, id!, { reason: 'mine', decisionId: 'no-such-record' });
    expect(unknown.body.error).toMatchObject({ code: 'NOTHING_TO_DISPUTE', details: { pointer: '/decisionId' } });
    expect((await h.db.selectFrom('disputes').select('id').where('customer_id', 'in', [id!, pool]).execute())).toHaveLength(0);
  });

  it('refuses a decision older than the dispute window', async () => {
    const [id] = await assignedToA1(1);
    const strict = h.newApp({ disputeWindowMs: 1 });
    await new Promise((r) => setTimeout(r, 5));
    const late = await file(a2, id!, { reason: 'late' }, strict);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('DISPUTE_WINDOW_CLOSED');
    expect(late.body.error.details).toMatchObject({ pointer: '/kind', until: expect.any(String) });
  });
});

describe('disputing a claim refusal', () => {
  it('records the refused claim; a reassignment over the cap is refused with the reason and the dispute stays open; under the cap it goes through', async () => {
    const held = await h.createCustomer({ assign: false });
    expect((await h.call(a2.token, 'POST', `/customers/${held}/claim`)).status).toBe(200);
    const wanted = await h.createCustomer({ assign: false });
    const refused = await h.call(a2.token, 'POST', `/customers/${wanted}/claim`);
    expect(refused.body.error.code).toBe('CAP_REACHED');
    const record = await h.db.selectFrom('decision_records').selectAll().where('customer_id', '=', wanted).where('trigger', '=', 'claim_refused').executeTakeFirstOrThrow();
    expect(record).toMatchObject({ decision: 'caps', rep_id: a2.id, outcome: expect.objectContaining({ refused: 'CAP_REACHED', privateMax: 1 }) });

    const filed = await file(a2, wanted, { reason: 'I need this one', kind: 'claim_refusal' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ kind: 'claim_refusal', rule: { decision: 'caps' }, original: { id: record.id, trigger: 'claim_refused' } });
    // The sentence says why the claim was refused before the caps rule that set the cap.
    expect(filed.body.original.sentence).toMatch(/^The claim was refused: the private pool was full \(1 of 1\)\. /);
    expect((await disputeIn(manager.token, filed.body.id, 'zh-CN')).original.sentence).toMatch(/^领取被拒：私海已满（1\/1）。/);

    const over = await decide(manager.token, filed.body.id, 'reassign');
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'CAP_REACHED', details: { cap: 1, count: 1 } });
    expect(over.body.error.message).toMatch(/1 of 1/);
    expect((await h.call(manager.token, 'GET', `/disputes/${filed.body.id}`)).body.status).toBe('open');
    expect((await h.customerRow(wanted)).status).toBe('pool');

    expect((await h.call(a2.token, 'POST', `/customers/${held}/release`, { reason: 'making room' })).status).toBe(200);
    const decided = await decide(manager.token, filed.body.id, 'reassign', 'take it');
    expect(decided.status).toBe(200);
    expect(await h.customerRow(wanted)).toMatchObject({ status: 'owned', owner_id: a2.id });
    const assigned = await h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', wanted).where('kind', '=', 'assigned').executeTakeFirstOrThrow();
    expect(assigned).toMatchObject({ to_rep_id: a2.id, actor_id: manager.id, reason: 'dispute' });
    expect((await notices(a2.id, 'dispute.decided', wanted))[0]!.data).toMatchObject({ status: 'reassigned' });
    expect((await h.call(a2.token, 'POST', `/customers/${wanted}/release`, {})).status).toBe(200);
  });

  it('keeps a cooldown refusal when upheld, and nobody decides their own dispute', async () => {
    // The manager claims, releases (a cooldown), and is refused the claim back.
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(manager.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    expect((await h.call(manager.token, 'POST', `/customers/${id}/release`, {})).status).toBe(200);
    expect((await h.call(manager.token, 'POST', `/customers/${id}/claim`)).body.error.code).toBe('COOLDOWN');
    const filed = await file(manager, id, { reason: 'released by mistake' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ kind: 'claim_refusal', rule: { decision: 'cooldown', name: null } });
    // A cooldown is not the caps rule's doing: the sentence tells the cooldown alone, until when, in the rep's time zone.
    const until = (await h.db.selectFrom('cooldowns').select('until').where('rep_id', '=', manager.id).where('customer_id', '=', id).executeTakeFirstOrThrow()).until;
    const local = DateTime.fromJSDate(until, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm');
    expect(filed.body.original.sentence).toBe(`The claim was refused: the rep owned this customer before (released by the owner) and may claim it again from ${local} (UTC).`);
    expect((await disputeIn(manager.token, filed.body.id, 'zh-CN')).original.sentence).toBe(`领取被拒：该业务员之前拥有过该客户（负责人放回公海），冷却期至 ${local}（UTC），之后可再次领取。`);
    const own = await decide(manager.token, filed.body.id, 'reassign');
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('OWN_DISPUTE');
    // The rep's manager is the disputer: admins are told and decide.
    expect(await notices('admin', 'dispute.filed', id)).toHaveLength(1);
    const decided = await decide(h.adminToken, filed.body.id, 'uphold', 'the cooldown stands');
    expect(decided.body).toMatchObject({ status: 'upheld', decidedBy: 'admin' });
    expect((await h.customerRow(id)).status).toBe('pool');
  });
});

describe('disputing a reclaim', () => {
  async function reclaimedFrom(rep: Rep): Promise<string> {
    const id = await h.createCustomer({ assign: false, country: 'FR' });
    expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    await h.waitFor(async () => (await h.customerRow(id)).status === 'pool', 20_000, 100);
    return id;
  }

  it('gives the customer back to the rep despite the cooldown when reassigned, and keeps it in the pool when upheld', async () => {
    const [back, stays] = await Promise.all([reclaimedFrom(a1), reclaimedFrom(a1)]);
    expect((await h.call(a1.token, 'POST', `/customers/${back}/claim`)).body.error.code).toBe('COOLDOWN');
    // On record as refused by the cooldown, not as the doing of the caps rule that happened to match the rep.
    const refusal = await h.db.selectFrom('decision_records').select(['fired', 'outcome']).where('customer_id', '=', back).where('trigger', '=', 'claim_refused').executeTakeFirstOrThrow();
    expect(refusal).toMatchObject({ fired: [], outcome: { refused: 'COOLDOWN' } });
    // What each disputable decision was, in a few words, in the reader's language (the code is beside it).
    const summaries = async (language: string) =>
      ((await (await h.app.request(`/customers/${back}/disputable`, { headers: { authorization: `Bearer ${a1.token}`, 'accept-language': language } })).json()) as { decisions: { kind: string; summary: string }[] }).decisions.map((d) => [d.kind, d.summary]);
    expect(await summaries('en')).toEqual(expect.arrayContaining([['claim_refusal', 'claim refused: in cooldown'], ['reclaim', expect.stringMatching(/^reclaimed: /)]]));
    const zhSummaries = await summaries('zh-CN');
    expect(zhSummaries).toEqual(expect.arrayContaining([['claim_refusal', '领取被拒：冷却期'], ['reclaim', expect.stringMatching(/^回收：/)]]));
    expect(zhSummaries.map(([, summary]) => summary).join('\n')).not.toMatch(/[a-z]{4,}|COOLDOWN/);

    const filed = await file(a1, back, { reason: 'the buyer was on holiday', kind: 'reclaim' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ kind: 'reclaim', rule: { decision: 'reclaim', name: 'France: first follow-up in 3s' }, original: { decision: 'reclaim', repId: a1.id } });
    expect(filed.body.original.sentence).toEqual(expect.any(String));
    // A rep the reclaim did not concern.
    expect((await file(a2, stays, { reason: 'mine', kind: 'reclaim' })).body.error.code).toBe('NOT_INVOLVED');

    expect((await decide(manager.token, filed.body.id, 'reassign', 'fair enough')).status).toBe(200);
    expect(await h.customerRow(back)).toMatchObject({ status: 'owned', owner_id: a1.id });
    // The rep is told who gave it back and why, not that the assignment rules did.
    const assigned = await h.waitFor(async () => (await notices(a1.id, 'customer.assigned', back)).at(-1));
    expect(assigned.body).toMatch(new RegExp(`^Assigned to you by Rep ${manager.id} \\(${manager.id}\\) \\(dispute accepted for the rep\\)\\.`));
    expect(assigned.data).toMatchObject({ reason: 'dispute', actorId: manager.id, actorName: `Rep ${manager.id}` });
    const zh = await h.app.request('/notifications?limit=200', { headers: { authorization: `Bearer ${a1.token}`, 'accept-language': 'zh-CN' } });
    const told = ((await zh.json()) as { items: { kind: string; customerId: string; body: string }[] }).items.find((n) => n.kind === 'customer.assigned' && n.customerId === back)!;
    expect(told.body).toMatch(new RegExp(`^由 Rep ${manager.id}（${manager.id}） 分配（申诉成立）。首个期限：\\d{4}年`));
    // Reassigned back to a 3 s deadline: log a follow-up so it is not reclaimed again mid-test.
    expect((await h.call(a1.token, 'POST', `/customers/${back}/follow-ups`, { kind: 'call' })).status).toBe(200);

    const second = await file(a1, stays, { reason: 'also unfair' });
    expect((await decide(manager.token, second.body.id, 'uphold', 'you had three days')).body.status).toBe('upheld');
    expect((await h.customerRow(stays)).status).toBe('pool');
    expect((await notices(a1.id, 'dispute.decided', stays))[0]!.data).toMatchObject({ status: 'upheld', comment: 'you had three days' });
  });

  it('lets the rep who owns the customer now read the reclaim dispute they are told of, in its page and in their list', async () => {
    const id = await reclaimedFrom(a1);
    // a2 (not in cooldown) claims what a1 lost; then a1 disputes the reclaim.
    expect((await h.call(a2.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    const filed = await file(a1, id, { reason: 'I was at the fair', kind: 'reclaim' });
    expect(filed.status).toBe(201);
    expect(await notices(a2.id, 'dispute.filed', id)).toHaveLength(1);
    const read = await h.call(a2.token, 'GET', `/disputes/${filed.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: filed.body.id, canDecide: false, decideRefusal: 'OWN_DISPUTE' });
    const listed = (await h.call(a2.token, 'GET', `/disputes?customerId=${id}`)).body.items as { id: string }[];
    expect(listed.map((d) => d.id)).toEqual([filed.body.id]);
    // A rep on neither side still may not.
    expect((await h.call(b1.token, 'GET', `/disputes/${filed.body.id}`)).status).toBe(403);
    expect((await h.call(b1.token, 'GET', `/disputes?customerId=${id}`)).body.items).toEqual([]);
    expect((await decide(manager.token, filed.body.id, 'uphold', 'a2 keeps it')).status).toBe(200);
  });
});

describe('reading disputes', () => {
  it('scopes the list: a rep their own, a manager their team’s, an admin all; filters by status', async () => {
    const all = (await h.call(h.adminToken, 'GET', '/disputes?limit=200')).body.items as { repId: string; status: string; teamId: string | null }[];
    expect(all.length).toBeGreaterThanOrEqual(6);
    const mine = (await h.call(a2.token, 'GET', '/disputes')).body.items as { repId: string; otherRepId: string | null; customerId: string }[];
    expect(mine.some((d) => d.repId === a2.id)).toBe(true);
    // Their own, and those they are the other side of (given the customer, or owning it now).
    const owns = new Set((await h.db.selectFrom('customers').select('id').where('owner_id', '=', a2.id).execute()).map((c) => c.id));
    expect(mine.every((d) => d.repId === a2.id || d.otherRepId === a2.id || owns.has(d.customerId))).toBe(true);
    const team = (await h.call(manager.token, 'GET', '/disputes?status=upheld')).body.items as { teamId: string; status: string }[];
    expect(team.length).toBeGreaterThan(0);
    expect(team.every((d) => d.teamId === 'dsp-a' && d.status === 'upheld')).toBe(true);
    expect((await h.call(otherManager.token, 'GET', '/disputes')).body.items).toEqual([]);
    const someone = all.find((d) => d.repId === a2.id)!;
    expect((await h.call(b1.token, 'GET', `/disputes/${(someone as unknown as { id: string }).id}`)).status).toBe(403);
  });

  it('counts disputes per rule in the report: filed, upheld and reassigned', async () => {
    const report = await h.call(h.adminToken, 'GET', '/reports/disputes');
    expect(report.status).toBe(200);
    const byRule = (name: string | null, decision: string) => report.body.rules.find((r: { ruleName: string | null; decision: string }) => r.ruleName === name && r.decision === decision);
    // Hand-counted from the tests above.
    expect(byRule('Germany to team A', 'assignment')).toMatchObject({ filed: 2, open: 0, upheld: 1, reassigned: 1 });
    expect(byRule('France: first follow-up in 3s', 'reclaim')).toMatchObject({ filed: 3, open: 0, upheld: 2, reassigned: 1 });
    expect(byRule(null, 'cooldown')).toMatchObject({ filed: 1, upheld: 1, reassigned: 0 });
    expect(report.body.totals).toMatchObject({ filed: 7, open: 0, upheld: 4, reassigned: 3 });
    const rep = await h.call(a2.token, 'GET', '/reports/disputes');
    expect(rep.body.totals).toMatchObject({ filed: 3, reassigned: 2, upheld: 1 });
  });
});

describe('an inactive rep', () => {
  it('cannot file a dispute, and a dispute of a rep deactivated since is not reassigned to them', async () => {
    const leaver = await h.createRep({ id: 'dsp-leaver', teamId: 'dsp-a' });
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(leaver.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    expect((await h.call(leaver.token, 'POST', `/customers/${id}/release`, {})).status).toBe(200);
    expect((await h.call(leaver.token, 'POST', `/customers/${id}/claim`)).body.error.code).toBe('COOLDOWN');
    const filed = await file(leaver, id, { reason: 'let me back' });
    expect(filed.status).toBe(201);

    expect((await h.call(h.adminToken, 'PATCH', `/reps/${leaver.id}`, { active: false })).status).toBe(200);
    const again = await file(leaver, id, { reason: 'let me back' });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('REP_INACTIVE');
    const reassign = await decide(manager.token, filed.body.id, 'reassign');
    expect(reassign.status).toBe(403);
    expect(reassign.body.error.code).toBe('REP_INACTIVE');
    expect((await h.customerRow(id)).status).toBe('pool');
    expect((await decide(manager.token, filed.body.id, 'uphold', 'has left')).body.status).toBe('upheld');
  });

  it('is decided once when two API processes decide it at the same moment: the customer moves only with a reassignment that stands', async () => {
    const a3 = await h.createRep({ id: 'dsp-a3', teamId: 'dsp-a' });
    const [id] = await assignedToA1(1);
    const filed = await file(a3, id!, { reason: 'both at once' });
    expect(filed.status).toBe(201);
    const second = h.newApp();
    const url = `/disputes/${filed.body.id}/decision`;
    // The manager reassigns through one process; an admin upholds through another while the customer is being moved.
    const [reassign, uphold] = await Promise.all([
      h.call(manager.token, 'POST', url, { outcome: 'reassign', comment: 'you met them first' }),
      new Promise((r) => setTimeout(r, 25)).then(() => h.call(h.adminToken, 'POST', url, { outcome: 'uphold', comment: 'the rule is right' }, second)),
    ]);
    expect([reassign.status, uphold.status].sort()).toEqual([200, 409]);
    const loser = reassign.status === 409 ? reassign : uphold;
    // Refused as decided, or as being decided by the other while its customer is moved.
    expect(['DISPUTE_DECIDED', 'DISPUTE_BEING_DECIDED']).toContain(loser.body.error.code);
    const decided = (await h.call(h.adminToken, 'GET', `/disputes/${filed.body.id}`)).body;
    expect(decided.status).toBe(reassign.status === 200 ? 'reassigned' : 'upheld');
    const row = await h.customerRow(id!);
    expect(row.owner_id).toBe(decided.status === 'reassigned' ? a3.id : a1.id);
    const moves = await h.db.selectFrom('ownership_events').select('kind').where('customer_id', '=', id!).where('reason', '=', 'dispute').execute();
    expect(moves).toHaveLength(decided.status === 'reassigned' ? 1 : 0);
  });
  it('waits for a decider still moving the customer, and takes over a reservation left by a decider who stopped', async () => {
    const a4 = await h.createRep({ id: 'dsp-a4', teamId: 'dsp-a' });
    const [id] = await assignedToA1(1);
    const filed = await file(a4, id!, { reason: 'a decider went away' });
    expect(filed.status).toBe(201);
    const reserve = (until: Date) => h.db.updateTable('disputes').set({ deciding_by: 'admin', deciding_token: 'gone', deciding_until: until }).where('id', '=', filed.body.id).execute();
    // Another decider holds it: refused as being decided, nothing changes.
    await reserve(new Date(Date.now() + 60_000));
    const busy = await decide(manager.token, filed.body.id, 'uphold', 'the rule is right');
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'DISPUTE_BEING_DECIDED', details: { decidingBy: 'admin' } });
    expect((await h.call(manager.token, 'GET', `/disputes/${filed.body.id}`)).body.status).toBe('open');
    // The same decider, their first decision still moving the customer (another tab, another process): refused too.
    await h.db.updateTable('disputes').set({ deciding_by: manager.id, deciding_token: 'first-tab', deciding_until: new Date(Date.now() + 60_000) }).where('id', '=', filed.body.id).execute();
    const twice = await decide(manager.token, filed.body.id, 'uphold', 'changed my mind');
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'DISPUTE_BEING_DECIDED', details: { decidingBy: manager.id } });
    expect(await h.db.selectFrom('disputes').select('deciding_token').where('id', '=', filed.body.id).executeTakeFirstOrThrow()).toEqual({ deciding_token: 'first-tab' });
    // Its reservation ran out (the process stopped half-way): the next decider decides.
    await reserve(new Date(Date.now() - 1_000));
    const decided = await decide(manager.token, filed.body.id, 'reassign', 'yours');
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.status).toBe('reassigned');
    expect((await h.customerRow(id!)).owner_id).toBe(a4.id);
    expect(await h.db.selectFrom('disputes').select(['deciding_by', 'deciding_token']).where('id', '=', filed.body.id).executeTakeFirstOrThrow()).toEqual({ deciding_by: null, deciding_token: null });
  });
});

describe('one decision disputed by several reps', () => {
  it('is overturned once: the first reassignment stands, the others are upheld or nothing, and nobody disputes it again', async () => {
    const first = await h.createRep({ id: 'dsp-a5', teamId: 'dsp-a' });
    const second = await h.createRep({ id: 'dsp-a6', teamId: 'dsp-a' });
    const late = await h.createRep({ id: 'dsp-a7', teamId: 'dsp-a' });
    const [id] = await assignedToA1(1);
    const d1 = await file(first, id!, { reason: 'my buyer', kind: 'assignment' });
    const d2 = await file(second, id!, { reason: 'no, mine', kind: 'assignment' });
    expect([d1.status, d2.status]).toEqual([201, 201]);
    expect(d2.body.original.id).toBe(d1.body.original.id);

    expect((await decide(manager.token, d1.body.id, 'reassign')).status).toBe(200);
    expect((await h.customerRow(id!)).owner_id).toBe(first.id);
    // The decision no longer stands: the second dispute cannot take the customer from the first winner.
    const again = await decide(manager.token, d2.body.id, 'reassign');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'DECISION_OVERTURNED', details: { overturnedBy: d1.body.id, repId: first.id } });
    expect(again.body.error.message).toContain(`Rep ${first.id} (${first.id})`);
    expect((await h.customerRow(id!)).owner_id).toBe(first.id);
    const closed = await decide(manager.token, d2.body.id, 'uphold');
    expect([closed.status, closed.body.status]).toEqual([200, 'upheld']);

    // Another rep the rule targeted is not offered it, and filing it by id is refused at the pointer.
    expect((await h.call(late.token, 'GET', `/customers/${id}/disputable`)).body.decisions.map((x: { decisionId: string }) => x.decisionId)).not.toContain(d1.body.original.id);
    const refiled = await file(late, id!, { reason: 'me too', decisionId: d1.body.original.id });
    expect(refiled.status).toBe(409);
    expect(refiled.body.error).toMatchObject({ code: 'DECISION_OVERTURNED', details: { pointer: '/decisionId', overturnedBy: d1.body.id } });
    expect((await h.customerRow(id!)).owner_id).toBe(first.id);
  });

  it('is overturned once when two API processes reassign two of its disputes at the same moment', async () => {
    const first = await h.createRep({ id: 'dsp-a8', teamId: 'dsp-a' });
    const second = await h.createRep({ id: 'dsp-a9', teamId: 'dsp-a' });
    const [id] = await assignedToA1(1);
    const d1 = await file(first, id!, { reason: 'mine', kind: 'assignment' });
    const d2 = await file(second, id!, { reason: 'no, mine', kind: 'assignment' });
    const other = h.newApp();
    const [r1, r2] = await Promise.all([
      h.call(manager.token, 'POST', `/disputes/${d1.body.id}/decision`, { outcome: 'reassign', comment: 'first' }),
      h.call(manager.token, 'POST', `/disputes/${d2.body.id}/decision`, { outcome: 'reassign', comment: 'second' }, other),
    ]);
    expect([r1.status, r2.status].sort(), JSON.stringify([r1.body, r2.body])).toEqual([200, 409]);
    const loser = r1.status === 409 ? r1 : r2;
    expect(['DISPUTE_BEING_DECIDED', 'DECISION_OVERTURNED']).toContain(loser.body.error.code);
    const winner = r1.status === 200 ? first : second;
    expect((await h.customerRow(id!)).owner_id).toBe(winner.id);
    const moves = await h.db.selectFrom('ownership_events').select('to_rep_id').where('customer_id', '=', id!).where('reason', '=', 'dispute').execute();
    expect(moves).toEqual([{ to_rep_id: winner.id }]);
  });
});
