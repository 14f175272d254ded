// Collaborators and joint follow-up (联合攻坚, issue 15 §1) on real Postgres and Temporal: adding and
// removing collaborators with each refusal; a collaborator's follow-up moving the tenure's deadline
// (the reclaim rules seeing actor.role); a joint follow-up on a pool customer across a worker
// restart, closed by the manager and split by the assignment rules; the split of a won customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { defaultRuleSets } from '../rules/defaults/index.js';
import { createHarness, type Harness } from './support/harness.js';
import { systemClock } from '../server/clock.js';
import { createCollaboratorService } from '../server/collaborators/collaborators.service.js';
import { AppError, ErrorCode } from '../server/errors.js';
import { ALL_SCOPES } from '../server/auth/actor.js';
import { repLabel } from '../schemas/rep-label.js';
import { newId } from '../server/ids.js';
import * as collaborationsEnded from '../server/db/migrations/2026-12-04-0001-collaborations-ended.js';

let h: Harness;
type Rep = { id: string; token: string };
let owner: Rep;
let mate: Rep;
let other: Rep;
let manager: Rep;
let limited: Rep;

const trigger = (type: string) => ({ fact: 'trigger', path: '$.type', operator: 'equal', value: type });
// A collaborator's follow-up gives 2 hours, the owner's 1 hour: the rules tell them apart by actor.role.
const reclaimRules = {
  decision: 'reclaim',
  hitPolicy: 'collect',
  rules: [
    { name: 'won exempt', priority: 100, conditions: { all: [{ fact: 'customer', path: '$.status', operator: 'equal', value: 'won' }] }, event: { type: 'exempt', params: { reason: 'won' } } },
    { name: 'first follow-up', conditions: { all: [trigger('claim')] }, event: { type: 'deadline', params: { name: 'first_follow_up', duration: '10m', reason: 'no_follow_up', cooldown: '1h' } } },
    {
      name: 'owner follow-up',
      conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'notEqual', value: 'claim' }, { fact: 'actor', path: '$.role', operator: 'equal', value: 'owner' }] },
      event: { type: 'deadline', params: { name: 'follow_up', duration: '1h', reason: 'no_follow_up', cooldown: '1h' } },
    },
    {
      name: 'team follow-up',
      conditions: { all: [trigger('follow_up'), { fact: 'actor', path: '$.role', operator: 'equal', value: 'collaborator' }] },
      event: { type: 'deadline', params: { name: 'team_follow_up', duration: '2h', reason: 'no_follow_up', cooldown: '1h' } },
    },
  ],
} as unknown as RuleSetDocument;

const caps = {
  decision: 'caps',
  hitPolicy: 'first',
  rules: [
    { name: 'one collaboration', priority: 10, conditions: { all: [{ fact: 'rep', path: '$.tags', operator: 'contains', value: 'collab-one' }] }, event: { type: 'cap', params: { privateMax: 50, keyMax: 10, dailyClaimMax: 100, collaborationMax: 1 } } },
    { name: 'everyone', priority: 1, conditions: { all: [] }, event: { type: 'cap', params: { privateMax: 50, keyMax: 10, dailyClaimMax: 100 } } },
  ],
} as unknown as RuleSetDocument;

// "The rep with most follow-ups gets it" once someone logged 3; otherwise it stays in the pool.
const splitRules = {
  decision: 'assignment',
  hitPolicy: 'first',
  rules: [
    {
      name: 'most follow-ups gets it',
      priority: 10,
      conditions: { all: [trigger('collaboration_end'), { fact: 'contribution', path: '$.mostFollowUps', operator: 'greaterThanInclusive', value: 3 }] },
      event: { type: 'assign', params: { strategy: 'contributor', by: 'followUps', reason: 'most follow-ups' } },
    },
    { name: 'pool', priority: 1, conditions: { all: [] }, event: { type: 'assign', params: { pool: 'default', reason: 'stays in the pool' } } },
  ],
} as unknown as RuleSetDocument;

beforeAll(async () => {
  h = await createHarness({ reclaim: reclaimRules });
  await h.call(h.adminToken, 'POST', '/teams', { id: 'col-a', name: 'col-a' });
  owner = await h.createRep({ id: 'col-owner', teamId: 'col-a' });
  mate = await h.createRep({ id: 'col-mate', teamId: 'col-a' });
  other = await h.createRep({ id: 'col-other', teamId: 'col-a' });
  manager = await h.createRep({ id: 'col-mgr', role: 'manager', teamId: 'col-a' });
  limited = await h.createRep({ id: 'col-limited', teamId: 'col-a', tags: ['collab-one'] });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'col-a').execute();
  await h.publishRuleSet(caps);
  await h.publishRuleSet(splitRules);
}, 120_000);
afterAll(() => h?.close());

async function owned(by: Rep = owner): Promise<string> {
  const id = await h.createCustomer({ assign: false });
  const claim = await h.call(by.token, 'POST', `/customers/${id}/claim`);
  expect(claim.status).toBe(200);
  return id;
}

describe('adding and removing collaborators', () => {
  it('the owner adds a rep, who then reads the customer in full; the rep does not own it and it does not count against their cap', async () => {
    const id = await owned();
    expect((await h.call(mate.token, 'GET', `/customers/${id}`)).body.visibility).toBe('restricted');
    const added = await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: mate.id });
    expect(added.status).toBe(201);
    expect(added.body.collaborators).toEqual([expect.objectContaining({ repId: mate.id, name: `Rep ${mate.id}`, addedBy: owner.id, addedByName: `Rep ${owner.id}`, viaJointFollowUp: false })]);
    const read = await h.call(mate.token, 'GET', `/customers/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.customer.visibility).toBe('full');
    expect(read.body.customer.ownerId).toBe(owner.id);
    const mine = await h.call(mate.token, 'GET', '/me/customers?limit=200');
    expect(mine.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const history = await h.db.selectFrom('customer_activities').select(['kind', 'rep_id', 'note']).where('customer_id', '=', id).where('kind', '=', 'collaborator_added').execute();
    expect(history).toEqual([{ kind: 'collaborator_added', rep_id: owner.id, note: `Rep ${mate.id} (${mate.id}) added as a collaborator by Rep ${owner.id} (${owner.id})` }]);
  });

  it("tells the history's system entries in the reader's language, and what people typed as typed", async () => {
    const id = await owned();
    expect((await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: mate.id })).status).toBe(201);
    const pooled = await h.createCustomer({ assign: false });
    expect((await h.call(manager.token, 'POST', `/customers/${pooled}/joint-follow-up`, { note: '一起拜访 Hamburg' })).status).toBe(201);
    expect((await h.call(other.token, 'POST', `/customers/${pooled}/joint-follow-up/join`)).status).toBe(200);
    const read = async (customerId: string, language: string) => {
      const res = await h.app.request(`/customers/${customerId}`, { headers: { authorization: `Bearer ${manager.token}`, 'accept-language': language } });
      expect(res.headers.get('vary')).toMatch(/accept-language/i);
      const body = (await res.json()) as { history: { kind: string; note: string | null }[] };
      return Object.fromEntries(body.history.filter((e) => e.note).map((e) => [e.kind, e.note]));
    };
    expect(await read(id, 'zh-CN')).toEqual({ collaborator_added: `Rep ${mate.id}（${mate.id}）由 Rep ${owner.id}（${owner.id}） 添加为协作人` });
    expect(await read(id, 'en')).toEqual({ collaborator_added: `Rep ${mate.id} (${mate.id}) added as a collaborator by Rep ${owner.id} (${owner.id})` });
    expect(await read(pooled, 'zh')).toEqual({ joint_opened: '发起联合攻坚：一起拜访 Hamburg', collaborator_added: `Rep ${other.id}（${other.id}）加入联合攻坚` });
    expect(await read(pooled, 'en-GB')).toEqual({ joint_opened: 'Joint follow-up opened: 一起拜访 Hamburg', collaborator_added: `Rep ${other.id} (${other.id}) joined the joint follow-up` });
  });

  it("tells each reader what they may do with the customer, and lists a collaborator's customers apart from the owned ones", async () => {
    const id = await owned();
    expect((await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: other.id })).status).toBe(201);
    expect((await h.call(owner.token, 'GET', `/customers/${id}`)).body.actions).toEqual(['follow_up', 'stage', 'key', 'release', 'edit']);
    // The collaborator logs follow-ups and stage work and keeps the details up to date; the key flag
    // (the owner's key quota) and releasing stay with the owner's side.
    expect((await h.call(other.token, 'GET', `/customers/${id}`)).body.actions).toEqual(['follow_up', 'stage', 'edit']);
    expect((await h.call(manager.token, 'GET', `/customers/${id}`)).body.actions).toEqual(['stage', 'key', 'release', 'edit']);
    const key = await h.call(other.token, 'PUT', `/customers/${id}/key`, { key: true });
    expect([key.status, key.body.error?.code]).toEqual([403, 'NOT_OWNER']);
    expect((await h.customerRow(id)).key_customer).toBe(false);
    const collaborating = await h.call(other.token, 'GET', '/me/collaborations?limit=200');
    expect(collaborating.status).toBe(200);
    expect(collaborating.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await h.call(owner.token, 'GET', '/me/collaborations?limit=200')).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await h.call(other.token, 'DELETE', `/customers/${id}/collaborators/${other.id}`)).status).toBe(200);
    expect((await h.call(other.token, 'GET', '/me/collaborations?limit=200')).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('refuses an inactive rep, a rep on leave, the owner, a collaborator twice and a rep over the collaboration cap, each with its code and nothing saved', async () => {
    const id = await owned();
    const add = (repId: string, token = owner.token) => h.call(token, 'POST', `/customers/${id}/collaborators`, { repId });
    const inactive = await h.createRep({ id: 'col-gone', teamId: 'col-a' });
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${inactive.id}`, { active: false })).status).toBe(200);
    const away = await h.createRep({ id: 'col-away', teamId: 'col-a' });
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await h.call(h.adminToken, 'POST', `/reps/${away.id}/leave`, { startsOn: yesterday < today ? yesterday : today, endsOn: tomorrow })).status).toBe(201);
    // The candidates leave out whom the add would refuse today: the inactive rep and the rep on leave.
    const listed = await h.call(owner.token, 'GET', `/customers/${id}/collaborators`);
    expect(listed.body.candidates.map((c: { repId: string }) => c.repId)).toContain(mate.id);
    expect(listed.body.candidates.map((c: { repId: string }) => c.repId)).not.toContain(away.id);
    expect(listed.body.candidates.map((c: { repId: string }) => c.repId)).not.toContain(inactive.id);

    const cases: [string, Awaited<ReturnType<typeof add>>, number, string][] = [
      ['inactive', await add(inactive.id), 403, 'REP_INACTIVE'],
      ['on leave', await add(away.id), 409, 'REP_ON_LEAVE'],
      ['the owner', await add(owner.id), 409, 'ALREADY_OWNER'],
      ['unknown', await add('col-nobody'), 404, 'NOT_FOUND'],
      ['a peer adding', await add(other.id, mate.token), 403, 'NOT_OWNER'],
    ];
    for (const [what, res, status, code] of cases) {
      expect([what, res.status, res.body.error?.code]).toEqual([what, status, code]);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    expect((await add(mate.id)).status).toBe(201);
    const twice = await add(mate.id);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_COLLABORATOR']);
    // The limited rep may collaborate on one customer: the second is refused with the numbers.
    expect((await add(limited.id)).status).toBe(201);
    const second = await owned();
    const over = await h.call(owner.token, 'POST', `/customers/${second}/collaborators`, { repId: limited.id });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'COLLABORATION_CAP_REACHED', details: { count: 1, cap: 1 } });
    const rows = await h.db.selectFrom('collaborators').select('rep_id').where('customer_id', 'in', [id, second]).where('removed_at', 'is', null).orderBy('rep_id').execute();
    expect(rows.map((r) => r.rep_id)).toEqual([limited.id, mate.id]);
  });

  it('holds the collaboration cap when API processes add the same rep to different customers at the same moment', async () => {
    const capped = await h.createRep({ id: 'col-capped', teamId: 'col-a', tags: ['collab-one'] });
    const customers = await Promise.all([owned(), owned(), owned(), owned()]);
    const apps = customers.map(() => h.newApp());
    const added = await Promise.all(customers.map((id, i) => h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: capped.id }, apps[i])));
    expect(added.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of added.filter((r) => r.status === 409)) expect(r.body.error).toMatchObject({ code: 'COLLABORATION_CAP_REACHED', details: { cap: 1 } });
    const rows = await h.db.selectFrom('collaborators').select('customer_id').where('rep_id', '=', capped.id).where('removed_at', 'is', null).execute();
    expect(rows).toHaveLength(1);
  });

  it('the manager adds and removes; a removed collaborator is refused from the next request on', async () => {
    const id = await owned();
    expect((await h.call(manager.token, 'POST', `/customers/${id}/collaborators`, { repId: other.id })).status).toBe(201);
    expect((await h.call(other.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
    const removed = await h.call(manager.token, 'DELETE', `/customers/${id}/collaborators/${other.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.collaborators).toEqual([]);
    const refused = await h.call(other.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'NOT_OWNER']);
    expect((await h.call(other.token, 'GET', `/customers/${id}`)).body.visibility).toBe('restricted');
    expect((await h.call(other.token, 'GET', `/customers/${id}/collaborators`)).status).toBe(403);
    const again = await h.call(manager.token, 'DELETE', `/customers/${id}/collaborators/${other.id}`);
    expect(again.status).toBe(404);
  });
});

describe("whom each role may add: one rule for the candidates and the POST", () => {
  let otherTeamRep: Rep;
  let otherTeamManager: Rep;
  beforeAll(async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'col-b', name: 'col-b' });
    otherTeamRep = await h.createRep({ id: 'col-b-rep', teamId: 'col-b' });
    otherTeamManager = await h.createRep({ id: 'col-b-mgr', role: 'manager', teamId: 'col-b' });
    await h.db.updateTable('teams').set({ manager_id: otherTeamManager.id }).where('id', '=', 'col-b').execute();
  });

  it("refuses another team's rep as a collaborator of an owned customer (403 FORBIDDEN at /repId), as the candidates list leaves them out; an admin adds anyone", async () => {
    const id = await owned();
    const listed = await h.call(owner.token, 'GET', `/customers/${id}/collaborators`);
    const candidates = listed.body.candidates.map((c: { repId: string }) => c.repId);
    expect(candidates).toContain(mate.id);
    expect(candidates).not.toContain(otherTeamRep.id);
    for (const token of [owner.token, manager.token]) {
      const refused = await h.call(token, 'POST', `/customers/${id}/collaborators`, { repId: otherTeamRep.id });
      expect([refused.status, refused.body.error.code, refused.body.error.details.pointer]).toEqual([403, 'FORBIDDEN', '/repId']);
      expect(refused.body.error.message).toMatch(/col-a/);
    }
    expect(await h.db.selectFrom('collaborators').select('id').where('customer_id', '=', id).execute()).toEqual([]);
    const admin = await h.call(h.adminToken, 'GET', `/customers/${id}/collaborators`);
    expect(admin.body.candidates.map((c: { repId: string }) => c.repId)).toContain(otherTeamRep.id);
    expect((await h.call(h.adminToken, 'POST', `/customers/${id}/collaborators`, { repId: otherTeamRep.id })).status).toBe(201);
  });

  it("on a pool customer another team's manager adds and removes only their own reps, and does not close the joint follow-up team A's manager opened", async () => {
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {})).status).toBe(201);
    expect((await h.call(owner.token, 'POST', `/customers/${id}/joint-follow-up/join`)).status).toBe(200);
    const listed = await h.call(otherTeamManager.token, 'GET', `/customers/${id}/collaborators`);
    expect(listed.body.candidates.map((c: { repId: string }) => c.repId)).toEqual([otherTeamManager.id, otherTeamRep.id].sort());
    const addA = await h.call(otherTeamManager.token, 'POST', `/customers/${id}/collaborators`, { repId: mate.id });
    expect([addA.status, addA.body.error.code, addA.body.error.details.pointer]).toEqual([403, 'FORBIDDEN', '/repId']);
    expect((await h.call(otherTeamManager.token, 'POST', `/customers/${id}/collaborators`, { repId: otherTeamRep.id })).status).toBe(201);
    const removeA = await h.call(otherTeamManager.token, 'DELETE', `/customers/${id}/collaborators/${owner.id}`);
    expect([removeA.status, removeA.body.error.code]).toEqual([403, 'FORBIDDEN']);
    // The view says who may close it, so the page offers the close only to them.
    expect(listed.body.canClose).toBe(false);
    expect((await h.call(manager.token, 'GET', `/customers/${id}/collaborators`)).body.canClose).toBe(true);
    expect((await h.call(owner.token, 'GET', `/customers/${id}/collaborators`)).body.canClose).toBe(false);
    const close = await h.call(otherTeamManager.token, 'POST', `/customers/${id}/joint-follow-up/close`);
    expect([close.status, close.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const view = await h.call(manager.token, 'GET', `/customers/${id}/collaborators`);
    expect(view.body.collaborators.map((c: { repId: string }) => c.repId)).toEqual([owner.id, otherTeamRep.id]);
    expect(view.body.joint.closedAt).toBeNull();
    // Their own rep they remove; team A's manager closes.
    expect((await h.call(otherTeamManager.token, 'DELETE', `/customers/${id}/collaborators/${otherTeamRep.id}`)).status).toBe(200);
    expect((await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`)).status).toBe(200);
  });
});

describe("a collaborator's work", () => {
  it("a collaborator's follow-up moves the tenure's deadline like the owner's, the rules seeing actor.role, and shows in the history with their name", async () => {
    const id = await owned();
    const claimed = await h.customerRow(id);
    expect(claimed.deadline_kind).toBe('first_follow_up');
    await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: other.id });
    const before = Date.now();
    const res = await h.call(other.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'visit', note: 'met the buyer with the owner away' });
    expect(res.status).toBe(200);
    expect(res.body.ownerId).toBe(owner.id);
    const deadline = Date.parse(res.body.deadline);
    expect(deadline - before).toBeGreaterThanOrEqual(2 * 3600_000 - 5_000);
    expect(deadline - before).toBeLessThan(2 * 3600_000 + 5_000);
    const row = await h.customerRow(id);
    expect(row).toMatchObject({ owner_id: owner.id, deadline_kind: 'team_follow_up', follow_ups: 1 });
    // The tenure's own timer moved too: the workflow's state holds the new deadline.
    const state = await h.client.workflow.getHandle(`customer-${id}`).query<{ deadline: number | null; ownerId: string }>('state');
    expect(state.ownerId).toBe(owner.id);
    expect(state.deadline).toBe(deadline);
    const record = await h.db.selectFrom('decision_records').select(['facts', 'rep_id']).where('customer_id', '=', id).where('decision', '=', 'reclaim').where('trigger', '=', 'follow_up').executeTakeFirstOrThrow();
    expect((record.facts as { actor: unknown }).actor).toEqual({ role: 'collaborator' });
    const history = await h.call(owner.token, 'GET', `/customers/${id}`);
    const visit = history.body.history.find((e: { kind: string }) => e.kind === 'visit');
    expect(visit).toMatchObject({ repId: other.id, note: 'met the buyer with the owner away' });
    // The owner's next follow-up: the owner's rule again.
    const byOwner = await h.call(owner.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' });
    expect((await h.customerRow(id)).deadline_kind).toBe('follow_up');
    expect(Date.parse(byOwner.body.deadline) - Date.now()).toBeLessThan(3600_000 + 5_000);
  });

  it("a deadline a collaborator's follow-up set stays theirs when it is decided again (the key flag, a new policy): the rules see actor.role as it was", async () => {
    const id = await owned();
    await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: other.id });
    const res = await h.call(other.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'visit' });
    expect(res.status).toBe(200);
    const set = await h.customerRow(id);
    expect(set).toMatchObject({ deadline_kind: 'team_follow_up', deadline_actor_role: 'collaborator' });
    const keyed = await h.call(owner.token, 'PUT', `/customers/${id}/key`, { key: true });
    expect(keyed.status).toBe(200);
    expect([keyed.body.deadlineKind, keyed.body.deadline]).toEqual(['team_follow_up', set.deadline!.toISOString()]);
    await h.publishRuleSet(reclaimRules);
    await expect.poll(async () => (await h.db.selectFrom('decision_records').select('facts').where('customer_id', '=', id).where('trigger', '=', 'policy_change').execute()).map((r) => (r.facts as { actor: unknown }).actor), { timeout: 30_000 }).toEqual([{ role: 'collaborator' }]);
    expect(await h.customerRow(id)).toMatchObject({ deadline_kind: 'team_follow_up', deadline: set.deadline, deadline_actor_role: 'collaborator' });
    const state = await h.client.workflow.getHandle(`customer-${id}`).query<{ deadline: number | null }>('state');
    expect(state.deadline).toBe(set.deadline!.getTime());
  });

  it('a won customer worked together records the split, checked by hand: owner 1 follow-up + 2 stages = 5, collaborator 2 follow-ups + 1 stage = 4', async () => {
    const id = await owned();
    await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: mate.id });
    expect((await h.call(owner.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
    expect((await h.call(owner.token, 'POST', `/customers/${id}/inquiry`, {})).status).toBe(200);
    expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'email' })).status).toBe(200);
    expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'visit' })).status).toBe(200);
    expect((await h.call(mate.token, 'POST', `/customers/${id}/costing`, {})).status).toBe(200);
    expect((await h.call(owner.token, 'POST', `/customers/${id}/won`, { orderValueUsd: 10_000 })).status).toBe(200);
    const view = await h.call(owner.token, 'GET', `/customers/${id}/collaborators`);
    expect(view.status).toBe(200);
    expect(view.body.collaborators).toEqual([]);
    expect(view.body.contributions).toHaveLength(1);
    expect(view.body.contributions[0].occasion).toBe('won');
    expect(view.body.contributions[0].items).toEqual([
      { repId: owner.id, name: `Rep ${owner.id}`, role: 'owner', followUps: 1, stages: 2, approvedQuotes: 0, share: 0.5556 },
      { repId: mate.id, name: `Rep ${mate.id}`, role: 'collaborator', followUps: 2, stages: 1, approvedQuotes: 0, share: 0.4444 },
    ]);
    // These rules keep it in the pool at collaboration_end (nobody logged 3 follow-ups): the owner keeps it.
    expect(await h.customerRow(id)).toMatchObject({ status: 'won', owner_id: owner.id });
    // The collaboration ended with the win: the mate reads only that it is owned.
    expect((await h.call(mate.token, 'GET', `/customers/${id}`)).body.visibility).toBe('restricted');
    const report = await h.call(mate.token, 'GET', '/reports/contributions');
    expect(report.status).toBe(200);
    expect(report.body.reps.find((r: { repId: string }) => r.repId === mate.id)).toMatchObject({ asCollaborator: 1, followUps: 2, stages: 1 });
  });
  it('a collaborator who marks it won is named in the history as the one who did it', async () => {
    const id = await owned();
    expect((await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: mate.id })).status).toBe(201);
    expect((await h.call(mate.token, 'POST', `/customers/${id}/won`, {})).status).toBe(200);
    const history = (await h.call(owner.token, 'GET', `/customers/${id}`)).body.history as { kind: string; repId: string; actorId: string; actorName: string }[];
    expect(history.find((e) => e.kind === 'won')).toMatchObject({ repId: owner.id, actorId: mate.id, actorName: `Rep ${mate.id}` });
  });
});

type Shipped = { rules: { name: string }[] } & Record<string, unknown>;
const shipped = defaultRuleSets.assignment as Shipped;

/** The decision the win recorded at collaboration_end. */
const splitDecision = (id: string) =>
  h.db.selectFrom('decision_records').selectAll().where('customer_id', '=', id).where('trigger', '=', 'collaboration_end').execute();

/** Owner: inquiry + won = 2 stages = 4; collaborator: 3 follow-ups + costing = 5 (shares 0.4444 / 0.5556). */
async function wonWithTheMateOnTop(): Promise<string> {
  const id = await owned();
  await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: mate.id });
  expect((await h.call(owner.token, 'POST', `/customers/${id}/inquiry`, {})).status).toBe(200);
  for (let i = 0; i < 3; i++) expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
  expect((await h.call(mate.token, 'POST', `/customers/${id}/costing`, {})).status).toBe(200);
  expect((await h.call(owner.token, 'POST', `/customers/${id}/won`, { orderValueUsd: 5_000 })).status).toBe(200);
  return id;
}

describe('a won customer worked together goes by the assignment rules (trigger collaboration_end)', () => {
  beforeAll(() => h.publishRuleSet(shipped as unknown as RuleSetDocument));
  // The joint follow-up tests below run under the split rules again.
  afterAll(() => h.publishRuleSet(splitRules));

  it('the shipped rule gives it to the collaborator who contributed more: owner, ownership event, decision with the contribution facts', async () => {
    const id = await wonWithTheMateOnTop();
    expect(await h.customerRow(id)).toMatchObject({ status: 'won', stage: 'won', owner_id: mate.id, previous_owner_id: owner.id });
    const view = await h.call(mate.token, 'GET', `/customers/${id}/collaborators`);
    expect(view.body.contributions[0].items).toEqual([
      { repId: mate.id, name: `Rep ${mate.id}`, role: 'collaborator', followUps: 3, stages: 1, approvedQuotes: 0, share: 0.5556 },
      { repId: owner.id, name: `Rep ${owner.id}`, role: 'owner', followUps: 0, stages: 2, approvedQuotes: 0, share: 0.4444 },
    ]);
    const decisions = await splitDecision(id);
    expect(decisions).toHaveLength(1);
    const d = decisions[0]!;
    expect(d).toMatchObject({ decision: 'assignment', rep_id: mate.id });
    expect(d.rule_set_version).not.toBeNull();
    expect(d.fired).toEqual([expect.objectContaining({ name: 'Collaboration ends: the top contributor' })]);
    expect(d.facts).toMatchObject({
      trigger: { type: 'collaboration_end', previousOwnerId: owner.id },
      contribution: { participants: 2, totalFollowUps: 3, topRepId: mate.id, topScore: 5, topShare: 0.5556, topFollowUps: 3, mostFollowUpsRepId: mate.id, mostFollowUps: 3 },
    });
    expect(d.outcome).toMatchObject({ picked: mate.id, strategy: 'contributor' });
    const events = await h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', id).where('kind', '=', 'reassigned').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ from_rep_id: owner.id, to_rep_id: mate.id, actor_id: owner.id, reason: 'the rep who contributed most gets it', rule_version: `assignment@${d.rule_set_version}` });
    expect(events[0]!.details).toMatchObject({ won: true, trigger: 'collaboration_end', decision: 'assignment', firedRules: ['Collaboration ends: the top contributor'] });
    // The history shows the move, and the new owner reads it in full; the old owner no longer does.
    const read = await h.call(mate.token, 'GET', `/customers/${id}`);
    expect(read.body.customer.ownerId).toBe(mate.id);
    expect(read.body.history).toContainEqual(expect.objectContaining({ type: 'ownership', kind: 'reassigned', repId: mate.id, repName: `Rep ${mate.id}`, fromRepId: owner.id, fromRepName: `Rep ${owner.id}` }));
    expect(read.body.history).toContainEqual(expect.objectContaining({ kind: 'contributions_recorded', note: expect.stringContaining(`it goes to Rep ${mate.id} (${mate.id})`) }));
    const zh = await h.app.request(`/customers/${id}`, { headers: { authorization: `Bearer ${mate.token}`, 'accept-language': 'zh-CN' } });
    const wonNote = ((await zh.json()) as { history: { kind: string; note: string | null }[] }).history.find((e) => e.kind === 'contributions_recorded')!.note;
    expect(wonNote).toBe(`共同成交：Rep ${mate.id}（${mate.id}） 56%, Rep ${owner.id}（${owner.id}） 44%；按分配规则，客户归 Rep ${mate.id}（${mate.id}）：由贡献最大的业务员接手`);
    expect((await h.call(owner.token, 'GET', `/customers/${id}`)).body.visibility).toBe('restricted');
  });

  it('the owner who contributed most keeps it (owner 2 follow-ups + 2 stages = 6, collaborator 1 follow-up = 1)', async () => {
    const id = await owned();
    await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: mate.id });
    for (let i = 0; i < 2; i++) expect((await h.call(owner.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
    expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'email' })).status).toBe(200);
    expect((await h.call(owner.token, 'POST', `/customers/${id}/inquiry`, {})).status).toBe(200);
    expect((await h.call(owner.token, 'POST', `/customers/${id}/won`, {})).status).toBe(200);
    expect(await h.customerRow(id)).toMatchObject({ status: 'won', owner_id: owner.id });
    const [d] = await splitDecision(id);
    expect(d).toMatchObject({ rep_id: owner.id, outcome: expect.objectContaining({ picked: owner.id }) });
    expect(d!.facts).toMatchObject({ contribution: { topRepId: owner.id, topScore: 6, topShare: 0.8571 } });
    expect(await h.db.selectFrom('ownership_events').select('kind').where('customer_id', '=', id).where('kind', '=', 'reassigned').execute()).toEqual([]);
  });

  it('without a collaboration_end rule (the round robin fires) the owner keeps it, and the decision says why', async () => {
    await h.publishRuleSet({ ...shipped, rules: shipped.rules.filter((r) => r.name !== 'Collaboration ends: the top contributor') } as unknown as RuleSetDocument);
    const id = await wonWithTheMateOnTop();
    expect(await h.customerRow(id)).toMatchObject({ status: 'won', owner_id: owner.id });
    const [d] = await splitDecision(id);
    expect(d!.fired).toEqual([expect.objectContaining({ name: 'Everyone else: round robin' })]);
    expect(d).toMatchObject({ rep_id: null, outcome: expect.objectContaining({ picked: null, reason: expect.stringContaining('a won customer goes only to a contributor') }) });
    expect(await h.db.selectFrom('ownership_events').select('kind').where('customer_id', '=', id).where('kind', '=', 'reassigned').execute()).toEqual([]);
  });
});

describe('joint follow-up on a pool customer', () => {
  it('the manager opens it, reps join and log follow-ups across a worker restart, and at the close the rules give it to the rep with most follow-ups', async () => {
    const id = await h.createCustomer({ assign: false });
    const refusedRep = await h.call(owner.token, 'POST', `/customers/${id}/joint-follow-up`, {});
    expect([refusedRep.status, refusedRep.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const noJoint = await h.call(owner.token, 'POST', `/customers/${id}/joint-follow-up/join`);
    expect([noJoint.status, noJoint.body.error.code]).toEqual([409, 'NO_JOINT_FOLLOW_UP']);
    const opened = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, { note: 'Canton Fair lead, all hands' });
    expect(opened.status).toBe(201);
    const twice = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {});
    expect([twice.status, twice.body.error.code]).toEqual([409, 'JOINT_FOLLOW_UP_OPEN']);
    // A rep who did not join logs nothing on the pool customer.
    const outsider = await h.call(owner.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' });
    expect([outsider.status, outsider.body.error.code]).toEqual([403, 'NOT_OWNER']);
    for (const r of [owner, mate]) expect((await h.call(r.token, 'POST', `/customers/${id}/joint-follow-up/join`)).status).toBe(200);
    const joinedTwice = await h.call(mate.token, 'POST', `/customers/${id}/joint-follow-up/join`);
    expect(joinedTwice.body.error.code).toBe('ALREADY_COLLABORATOR');
    expect((await h.call(owner.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);

    await h.stopWorker();
    // The joint follow-up is in the database: it goes on while no worker runs.
    for (let i = 0; i < 3; i++) expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'email' })).status).toBe(200);
    await h.startWorker();

    const closed = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`);
    expect(closed.status).toBe(200);
    // Hand-checked: mate 3 follow-ups (score 3), owner 1 (score 1): shares 0.75 and 0.25; most follow-ups: mate.
    expect(closed.body.contributions[0].items).toEqual([
      { repId: mate.id, name: `Rep ${mate.id}`, role: 'collaborator', followUps: 3, stages: 0, approvedQuotes: 0, share: 0.75 },
      { repId: owner.id, name: `Rep ${owner.id}`, role: 'collaborator', followUps: 1, stages: 0, approvedQuotes: 0, share: 0.25 },
    ]);
    expect(closed.body.joint).toMatchObject({
      openedBy: manager.id,
      openedByName: `Rep ${manager.id}`,
      closedBy: manager.id,
      closedByName: `Rep ${manager.id}`,
      outcome: { kind: 'rep', repId: mate.id, repName: `Rep ${mate.id}`, reason: 'most follow-ups' },
    });
    expect(closed.body.collaborators).toEqual([]);
    const row = await h.customerRow(id);
    expect(row).toMatchObject({ status: 'owned', owner_id: mate.id, follow_ups: 4 });
    expect(row.deadline).not.toBeNull();
    // The new tenure runs in the customer's workflow: the new owner's follow-up moves its deadline.
    const next = await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' });
    expect(next.status).toBe(200);
    expect(next.body.ownerId).toBe(mate.id);
    const decision = await h.db.selectFrom('decision_records').select(['trigger', 'facts']).where('customer_id', '=', id).where('decision', '=', 'assignment').executeTakeFirstOrThrow();
    expect(decision.trigger).toBe('collaboration_end');
    expect((decision.facts as { contribution: unknown }).contribution).toMatchObject({ participants: 2, totalFollowUps: 4, mostFollowUpsRepId: mate.id, mostFollowUps: 3 });
    const closeNote = await h.db.selectFrom('customer_activities').select('note').where('customer_id', '=', id).where('kind', '=', 'joint_closed').executeTakeFirstOrThrow();
    expect(closeNote.note).toContain(`Rep ${mate.id} (${mate.id}) 75%, Rep ${owner.id} (${owner.id}) 25%`);
    // Told in each language with the reps named as the joining entry names them.
    const told = async (language: string) => {
      const res = await h.app.request(`/customers/${id}`, { headers: { authorization: `Bearer ${manager.token}`, 'accept-language': language } });
      return ((await res.json()) as { history: { kind: string; note: string | null }[] }).history.find((e) => e.kind === 'joint_closed')!.note;
    };
    expect(await told('zh-CN')).toBe(`联合攻坚结束（Rep ${mate.id}（${mate.id}） 75%, Rep ${owner.id}（${owner.id}） 25%）；按分配规则，客户归 Rep ${mate.id}（${mate.id}）：most follow-ups`);
    expect(await told('en')).toBe(`Joint follow-up closed (Rep ${mate.id} (${mate.id}) 75%, Rep ${owner.id} (${owner.id}) 25%); by the assignment rules it goes to Rep ${mate.id} (${mate.id}): most follow-ups`);
  }, 120_000);

  it('a close whose assignment did not start (the workflow service unavailable) is finished by the next close, once', async () => {
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {})).status).toBe(201);
    expect((await h.call(mate.token, 'POST', `/customers/${id}/joint-follow-up/join`)).status).toBe(200);
    // Three follow-ups: the split rules give it to the rep with most.
    for (let i = 0; i < 3; i++) expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
    // The close as the API runs it, its first assignment meeting an unavailable workflow service.
    let failures = 1;
    const lifecycle = {
      ...h.lifecycle,
      assign: (...args: Parameters<typeof h.lifecycle.assign>) => {
        if (failures-- > 0) return Promise.reject(new AppError(ErrorCode.TEMPORARILY_UNAVAILABLE, 'The workflow service did not answer in time; try again.'));
        return h.lifecycle.assign(...args);
      },
    };
    const service = createCollaboratorService({ db: h.db, clock: systemClock, decisions: h.decisions, lifecycle });
    const actor = { repId: manager.id, name: manager.id, role: 'manager' as const, teamId: 'col-a', active: true, tokenId: 'test', via: 'token' as const, scopes: ALL_SCOPES };
    await expect(service.close(actor, id, 'en')).rejects.toMatchObject({ code: ErrorCode.TEMPORARILY_UNAVAILABLE });
    expect(await h.customerRow(id)).toMatchObject({ status: 'pool', owner_id: null });

    // Closing again (as the manager would, told to try again) starts the tenure the close decided.
    const again = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.joint).toMatchObject({ closedBy: manager.id, outcome: { kind: 'rep', repId: mate.id } });
    expect(await h.customerRow(id)).toMatchObject({ status: 'owned', owner_id: mate.id });
    // Once: a third close finds nothing open and nothing waiting.
    const third = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`);
    expect([third.status, third.body.error?.code]).toEqual([409, 'NO_JOINT_FOLLOW_UP']);
    // Released to the pool later, the customer is not handed to the rep again by a close.
    expect((await h.call(mate.token, 'POST', `/customers/${id}/release`, {})).status).toBe(200);
    const afterRelease = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`);
    expect([afterRelease.status, afterRelease.body.error?.code]).toEqual([409, 'NO_JOINT_FOLLOW_UP']);
    expect(await h.customerRow(id)).toMatchObject({ status: 'pool', owner_id: null });
  });

  it('closes a joint follow-up whose customer was claimed meanwhile: the split is recorded and the owner keeps it', async () => {
    const id = await h.createCustomer({ assign: false });
    await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {});
    await h.call(mate.token, 'POST', `/customers/${id}/joint-follow-up/join`);
    expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
    expect((await h.call(other.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    // The joiner is now a collaborator of an owned customer: their follow-up goes through the tenure.
    expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'email' })).status).toBe(200);
    const closed = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.joint.outcome).toMatchObject({ kind: 'rep', repId: other.id, reason: 'claimed during the joint follow-up: its owner keeps it' });
    const zh = (await (await h.app.request(`/customers/${id}/collaborators`, { headers: { authorization: `Bearer ${manager.token}`, 'accept-language': 'zh-CN' } })).json()) as { joint: { outcome: { reason: string } } };
    expect(zh.joint.outcome.reason).toBe('联合攻坚期间已被领取：由负责人保留');
    expect(closed.body.contributions[0].items).toEqual([expect.objectContaining({ repId: mate.id, followUps: 2, share: 1 })]);
    expect(await h.customerRow(id)).toMatchObject({ status: 'owned', owner_id: other.id });
    const again = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {});
    expect(again.body.error.code).toBe('CUSTOMER_OWNED');
  });

  it("tells the shipped rule's reason for the close in the reader's language", async () => {
    await h.publishRuleSet(shipped as unknown as RuleSetDocument);
    try {
      const id = await h.createCustomer({ assign: false });
      expect((await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {})).status).toBe(201);
      expect((await h.call(mate.token, 'POST', `/customers/${id}/joint-follow-up/join`)).status).toBe(200);
      expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
      const closed = await h.app.request(`/customers/${id}/joint-follow-up/close`, { method: 'POST', headers: { authorization: `Bearer ${manager.token}`, 'accept-language': 'zh-CN' } });
      expect(closed.status).toBe(200);
      const outcome = ((await closed.json()) as { joint: { outcome: { kind: string; repId: string; reason: string } } }).joint.outcome;
      expect(outcome).toEqual({ kind: 'rep', repId: mate.id, repName: `Rep ${mate.id}`, reason: '由贡献最大的业务员接手' });
      expect((await h.call(manager.token, 'GET', `/customers/${id}/collaborators`)).body.joint.outcome).toEqual({ ...outcome, reason: 'the rep who contributed most gets it' });
    } finally {
      await h.publishRuleSet(splitRules);
    }
  });

  it('gives the customer to no one who contributed nothing: a rep who joined and left is no top contributor', async () => {
    await h.publishRuleSet(shipped as unknown as RuleSetDocument);
    try {
      const id = await h.createCustomer({ assign: false });
      expect((await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {})).status).toBe(201);
      expect((await h.call(other.token, 'POST', `/customers/${id}/joint-follow-up/join`)).status).toBe(200);
      expect((await h.call(other.token, 'DELETE', `/customers/${id}/collaborators/${other.id}`)).status).toBe(200);
      const closed = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`);
      expect(closed.status).toBe(200);
      expect(closed.body.joint.outcome.repId).not.toBe(other.id);
      expect((await h.customerRow(id)).owner_id).not.toBe(other.id);
    } finally {
      await h.publishRuleSet(splitRules);
    }
  });

  it('stays in the pool when the rules say so (nobody logged 3 follow-ups)', async () => {
    const id = await h.createCustomer({ assign: false });
    await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {});
    await h.call(other.token, 'POST', `/customers/${id}/joint-follow-up/join`);
    await h.call(other.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' });
    const closed = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.joint.outcome).toMatchObject({ kind: 'pool', repId: null });
    expect((await h.customerRow(id)).status).toBe('pool');
    const closeAgain = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`);
    expect(closeAgain.body.error.code).toBe('NO_JOINT_FOLLOW_UP');
  });
});

describe('a collaboration ends when the rep can no longer be one', () => {
  const activeOn = async (customerId: string) =>
    (await h.db.selectFrom('collaborators').select('rep_id').where('customer_id', '=', customerId).where('removed_at', 'is', null).orderBy('rep_id').execute()).map((r) => r.rep_id);
  const removals = async (customerId: string, language: string) => {
    const res = await h.app.request(`/customers/${customerId}`, { headers: { authorization: `Bearer ${h.adminToken}`, 'accept-language': language } });
    return ((await res.json()) as { history: { kind: string; note: string | null }[] }).history.filter((e) => e.kind === 'collaborator_removed').map((e) => e.note);
  };

  it("a deactivated rep stops collaborating on every customer, owned or in a joint follow-up, and each customer's history says who deactivated them", async () => {
    const leaving = await h.createRep({ id: 'col-leaving', teamId: 'col-a' });
    const first = await owned();
    const second = await owned(mate);
    const pooled = await h.createCustomer({ assign: false });
    expect((await h.call(owner.token, 'POST', `/customers/${first}/collaborators`, { repId: leaving.id })).status).toBe(201);
    expect((await h.call(mate.token, 'POST', `/customers/${second}/collaborators`, { repId: leaving.id })).status).toBe(201);
    expect((await h.call(manager.token, 'POST', `/customers/${pooled}/joint-follow-up`, {})).status).toBe(201);
    expect((await h.call(leaving.token, 'POST', `/customers/${pooled}/joint-follow-up/join`)).status).toBe(200);

    expect((await h.call(h.adminToken, 'PATCH', `/reps/${leaving.id}`, { active: false })).status).toBe(200);
    const admin = (await h.db.selectFrom('reps').select('name').where('id', '=', 'admin').executeTakeFirstOrThrow()).name;
    for (const id of [first, second, pooled]) {
      expect(await activeOn(id)).toEqual([]);
      expect(await removals(id, 'en')).toEqual([`Rep col-leaving (col-leaving) is no longer a collaborator: deactivated by ${repLabel({ id: 'admin', name: admin }, 'en')}`]);
      expect(await removals(id, 'zh-CN')).toEqual([`Rep col-leaving（col-leaving） 已被 ${repLabel({ id: 'admin', name: admin }, 'zh')} 停用，不再是协作人`]);
    }
    expect((await h.call(owner.token, 'GET', `/customers/${first}/collaborators`)).body.collaborators).toEqual([]);
    expect((await h.call(manager.token, 'POST', `/customers/${pooled}/joint-follow-up/close`)).status).toBe(200);
  });

  it('an addition racing the rep\'s deactivation never leaves an inactive rep collaborating', async () => {
    // Each rep added to a customer while an admin deactivates them, at once: whichever commits
    // first, no active collaboration of an inactive rep is left (the addition's checks ran before
    // its transaction; the rep's row is read again under its lock).
    const reps = await Promise.all(Array.from({ length: 8 }, (_, i) => h.createRep({ id: `col-race-${i}`, teamId: 'col-a' })));
    const customers = await Promise.all(reps.map(() => owned()));
    const outcomes = await Promise.all(
      reps.map(async (rep, i) => {
        const [added, deactivated] = await Promise.all([
          h.call(owner.token, 'POST', `/customers/${customers[i]}/collaborators`, { repId: rep.id }),
          h.call(h.adminToken, 'PATCH', `/reps/${rep.id}`, { active: false }),
        ]);
        expect(deactivated.status).toBe(200);
        // Added first (and then ended by the deactivation), or refused: the rep is inactive (403).
        expect([201, 403]).toContain(added.status);
        return added.status;
      }),
    );
    const left = await h.db
      .selectFrom('collaborators')
      .innerJoin('reps', 'reps.id', 'collaborators.rep_id')
      .select('collaborators.rep_id')
      .where('collaborators.rep_id', 'in', reps.map((r) => r.id))
      .where('collaborators.removed_at', 'is', null)
      .execute();
    expect(left, `additions answered ${outcomes.join(', ')}`).toEqual([]);
  });

  it('a collaborator who comes to own the customer (moved to them, or claimed during a joint follow-up) is its collaborator no longer', async () => {
    const id = await owned();
    expect((await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: mate.id })).status).toBe(201);
    const moved = await h.call(manager.token, 'POST', '/bulk-moves', { action: 'transfer', customerIds: [id], toRepId: mate.id });
    expect(moved.body).toMatchObject({ status: 'completed', movedToReps: 1 });
    expect(await h.customerRow(id)).toMatchObject({ owner_id: mate.id });
    expect(await activeOn(id)).toEqual([]);
    expect((await h.call(mate.token, 'GET', '/me/collaborations?limit=200')).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect(await removals(id, 'en')).toEqual([`Rep ${mate.id} (${mate.id}) is no longer a collaborator: they own the customer now`]);
    expect(await removals(id, 'zh-CN')).toEqual([`Rep ${mate.id}（${mate.id}） 现为负责人，不再是协作人`]);

    const pooled = await h.createCustomer({ assign: false });
    expect((await h.call(manager.token, 'POST', `/customers/${pooled}/joint-follow-up`, {})).status).toBe(201);
    expect((await h.call(other.token, 'POST', `/customers/${pooled}/joint-follow-up/join`)).status).toBe(200);
    expect((await h.call(other.token, 'POST', `/customers/${pooled}/follow-ups`, { kind: 'call' })).status).toBe(200);
    expect((await h.call(other.token, 'POST', `/customers/${pooled}/claim`)).status).toBe(200);
    expect(await activeOn(pooled)).toEqual([]);
    // Their work in the joint follow-up still counts at its close.
    const closed = await h.call(manager.token, 'POST', `/customers/${pooled}/joint-follow-up/close`);
    expect(closed.body.contributions[0].items).toEqual([expect.objectContaining({ repId: other.id, followUps: 1, share: 1 })]);
    expect(await h.customerRow(pooled)).toMatchObject({ status: 'owned', owner_id: other.id });
  });

  it('ends, once, the collaborations a database kept from before (a deactivated rep, the owner), when it is migrated', async () => {
    const gone = await h.createRep({ id: 'col-gone-before', teamId: 'col-a' });
    const id = await owned();
    expect((await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: gone.id })).status).toBe(201);
    // As stored before: a rep deactivated without their collaborations ending, an owner also a collaborator.
    await h.db.updateTable('reps').set({ active: false }).where('id', '=', gone.id).execute();
    await h.db.insertInto('collaborators').values({ id: newId(), customer_id: id, rep_id: owner.id, joint_id: null, added_by: manager.id, added_at: new Date() }).execute();
    for (let run = 0; run < 2; run++) await collaborationsEnded.up(h.db);
    expect(await activeOn(id)).toEqual([]);
    expect((await removals(id, 'en')).sort()).toEqual([`Rep ${gone.id} (${gone.id}) is no longer a collaborator: deactivated`, `Rep ${owner.id} (${owner.id}) is no longer a collaborator: they own the customer now`]);
    expect((await removals(id, 'zh-CN')).sort()).toEqual([`Rep ${gone.id}（${gone.id}） 已停用，不再是协作人`, `Rep ${owner.id}（${owner.id}） 现为负责人，不再是协作人`]);
  });
});
