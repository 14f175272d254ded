// A collaboration added by the owner's side belongs to the tenure (issue 15 §1, R1), on real Postgres
// and Temporal: released, reclaimed at its deadline or merged away, the customer's collaborators stop
// collaborating in the same transaction, each end in its history in both languages; the participants
// of a joint follow-up still open stay (it lives on pool customers) until a merge closes it. The list
// of the customers one collaborates on goes by the access policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';
import { newId } from '../server/ids.js';
import * as tenureCollaborationsEnded from '../server/db/migrations/2026-12-04-0006-tenure-collaborations-ended.js';

let h: Harness;
type Rep = { id: string; token: string };
let owner: Rep;
let mate: Rep;
let manager: Rep;
let stranger: Rep;
let strangerMate: Rep;

/** Deadlines far enough away that no tenure here ends by itself unless a test asks. */
const slow = fastReclaim({ firstFollowUp: '1h', cadence: { A: '1h', B: '1h', C: '1h', D: '1h', E: '1h' } });

beforeAll(async () => {
  h = await createHarness({ reclaim: slow });
  for (const id of ['ct-1', 'ct-2']) expect((await h.call(h.adminToken, 'POST', '/teams', { id, name: id })).status).toBe(201);
  owner = await h.createRep({ id: 'ct-owner', teamId: 'ct-1' });
  mate = await h.createRep({ id: 'ct-mate', teamId: 'ct-1' });
  manager = await h.createRep({ id: 'ct-mgr', role: 'manager', teamId: 'ct-1' });
  stranger = await h.createRep({ id: 'ct-stranger', teamId: 'ct-2' });
  strangerMate = await h.createRep({ id: 'ct-stranger-mate', teamId: 'ct-2' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'ct-1').execute();
}, 120_000);
afterAll(() => h?.close());

async function ownedWithMate(): Promise<string> {
  const id = await h.createCustomer({ assign: false });
  expect((await h.call(owner.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
  expect((await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: mate.id })).status).toBe(201);
  expect((await h.call(mate.token, 'GET', `/customers/${id}`)).body.customer.visibility).toBe('full');
  return id;
}

const activeOn = async (customerId: string) =>
  (await h.db.selectFrom('collaborators').select('rep_id').where('customer_id', '=', customerId).where('removed_at', 'is', null).orderBy('rep_id').execute()).map((r) => r.rep_id);
const removals = async (customerId: string, language: string) => {
  const res = await h.app.request(`/customers/${customerId}`, { headers: { authorization: `Bearer ${h.adminToken}`, 'accept-language': language } });
  return ((await res.json()) as { history: { kind: string; note: string | null }[] }).history.filter((e) => e.kind === 'collaborator_removed').map((e) => e.note);
};
const collaborating = async (rep: Rep) => ((await h.call(rep.token, 'GET', '/me/collaborations?limit=200')).body.items as { id: string }[]).map((c) => c.id);
const capUse = async (rep: Rep, readable: string) => (await h.call(rep.token, 'GET', `/customers/${readable}/collaborators`)).body.cap.count as number;

/** Another team's rep claims it from the pool: the mate, once a collaborator, gets nothing of it. */
async function expectNothingForTheMate(id: string) {
  expect((await h.call(stranger.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
  const deadline = (await h.customerRow(id)).deadline;
  expect((await h.call(mate.token, 'GET', `/customers/${id}`)).body.visibility).toBe('restricted');
  const followUp = await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' });
  expect([followUp.status, followUp.body.error?.code]).toEqual([403, 'NOT_OWNER']);
  expect((await h.customerRow(id)).deadline).toEqual(deadline);
  expect(await collaborating(mate)).not.toContain(id);
}

describe("a tenure's collaborations end with it", () => {
  it("released: the owner's collaborators stop collaborating, in the history in both languages, and the next owner's customer is not theirs to read, follow up or count", async () => {
    const id = await ownedWithMate();
    const mine = await h.createCustomer({ assign: false });
    expect((await h.call(mate.token, 'POST', `/customers/${mine}/claim`)).status).toBe(200);
    expect(await capUse(mate, mine)).toBe(1);
    expect((await h.call(owner.token, 'POST', `/customers/${id}/release`, {})).status).toBe(200);
    expect(await activeOn(id)).toEqual([]);
    expect(await capUse(mate, mine)).toBe(0);
    expect(await removals(id, 'en')).toEqual([`Rep ${mate.id} (${mate.id}) is no longer a collaborator: the customer went back to the pool`]);
    expect(await removals(id, 'zh-CN')).toEqual([`Rep ${mate.id}（${mate.id}） 因客户回到公海，不再是协作人`]);
    await expectNothingForTheMate(id);
  });

  it('reclaimed at its deadline: the same, nobody named as having ended it', async () => {
    // Published again once it is reclaimed: a rollout re-decides the running tenures' deadlines.
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '2s' }));
    let id: string;
    try {
      id = await ownedWithMate();
      await h.waitFor(async () => (await h.customerRow(id)).status === 'pool');
    } finally {
      await h.publishRuleSet(slow);
    }
    expect(await activeOn(id)).toEqual([]);
    const entry = await h.db.selectFrom('customer_activities').select(['rep_id', 'text']).where('customer_id', '=', id).where('kind', '=', 'collaborator_removed').executeTakeFirstOrThrow();
    expect(entry).toEqual({ rep_id: mate.id, text: { key: 'collaborator_removed', repId: mate.id, by: null, why: 'pool' } });
    expect(await removals(id, 'zh-CN')).toEqual([`Rep ${mate.id}（${mate.id}） 因客户回到公海，不再是协作人`]);
    await expectNothingForTheMate(id);
  });

  it('released by a handover to the pool: the same', async () => {
    const id = await ownedWithMate();
    const moved = await h.call(manager.token, 'POST', '/bulk-moves', { action: 'release', customerIds: [id] });
    expect(moved.body).toMatchObject({ status: 'completed' });
    expect((await h.customerRow(id)).status).toBe('pool');
    expect(await activeOn(id)).toEqual([]);
    expect(await removals(id, 'en')).toEqual([`Rep ${mate.id} (${mate.id}) is no longer a collaborator: the customer went back to the pool`]);
  });

  it("merged away: the absorbed customer's collaborators stop collaborating, and the survivor is not theirs to read", async () => {
    const id = await ownedWithMate();
    const survivor = await h.createCustomer({ assign: false });
    expect((await h.call(stranger.token, 'POST', `/customers/${survivor}/claim`)).status).toBe(200);
    expect((await h.call(h.adminToken, 'POST', `/customers/${id}/merge`, { into: survivor })).status).toBe(200);
    expect(await activeOn(id)).toEqual([]);
    expect(await removals(id, 'en')).toEqual([`Rep ${mate.id} (${mate.id}) is no longer a collaborator: the customer was merged into another`]);
    expect(await removals(id, 'zh-CN')).toEqual([`Rep ${mate.id}（${mate.id}） 因客户已被合并，不再是协作人`]);
    expect((await h.call(mate.token, 'GET', `/customers/${survivor}`)).body.visibility).toBe('restricted');
  });

  it("an owner change keeps the collaborators (only the new owner's own row ends)", async () => {
    const id = await ownedWithMate();
    const other = await h.createRep({ id: 'ct-other', teamId: 'ct-1' });
    expect((await h.call(manager.token, 'POST', '/bulk-moves', { action: 'transfer', customerIds: [id], toRepId: other.id })).body).toMatchObject({ status: 'completed', movedToReps: 1 });
    expect(await activeOn(id)).toEqual([mate.id]);
  });

  it("a joint follow-up still open keeps its participants when the customer claimed meanwhile is released; the new owner's collaborators end", async () => {
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {})).status).toBe(201);
    expect((await h.call(mate.token, 'POST', `/customers/${id}/joint-follow-up/join`)).status).toBe(200);
    expect((await h.call(stranger.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    expect((await h.call(stranger.token, 'POST', `/customers/${id}/collaborators`, { repId: strangerMate.id })).status).toBe(201);
    expect((await h.call(stranger.token, 'POST', `/customers/${id}/release`, {})).status).toBe(200);
    expect(await activeOn(id)).toEqual([mate.id]);
    expect(await removals(id, 'en')).toEqual([`Rep ${strangerMate.id} (${strangerMate.id}) is no longer a collaborator: the customer went back to the pool`]);
    // The joint follow-up goes on: its participant logs follow-ups, and its manager closes it.
    expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
    expect((await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`)).status).toBe(200);
  });
});

describe('an addition racing the release', () => {
  it('never leaves a collaboration of a tenure that ended: added first and ended by the release, or refused', async () => {
    const racer = await h.createRep({ id: 'ct-racer', teamId: 'ct-1' });
    // Each addition starts a little later than its release, so some run their checks before the
    // release commits and their transaction after it. Eight: within the rep's collaboration cap.
    const customers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const id = await h.createCustomer({ assign: false });
        expect((await h.call(owner.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
        return id;
      }),
    );
    const outcomes = await Promise.all(
      customers.map(async (id, i) => {
        const [released, added] = await Promise.all([
          h.call(owner.token, 'POST', `/customers/${id}/release`, {}),
          new Promise((r) => setTimeout(r, i * 5)).then(() => h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: racer.id })),
        ]);
        expect(released.status).toBe(200);
        return added.status === 201 ? '201' : `${added.status} ${added.body.error.code}`;
      }),
    );
    // Added to the tenure (then ended with it), or refused: nobody owns it now, or it changed hands meanwhile.
    for (const outcome of outcomes) expect(['201', '403 NOT_OWNER', '409 CONFLICT']).toContain(outcome);
    const left = await h.db.selectFrom('collaborators').select('customer_id').where('customer_id', 'in', customers).where('removed_at', 'is', null).execute();
    expect(left, `additions answered ${outcomes.join(', ')}`).toEqual([]);
  });
});

describe('collaborations a database kept from before', () => {
  it('end, once, when it is migrated: on a pool customer all but its open joint follow-up’s, on a merged customer all (its joint follow-up closed)', async () => {
    const released = await h.createCustomer({ assign: false });
    const joint = await h.createCustomer({ assign: false });
    const merged = await h.createCustomer({ assign: false });
    const owned = await ownedWithMate();
    expect((await h.call(manager.token, 'POST', `/customers/${joint}/joint-follow-up`, {})).status).toBe(201);
    expect((await h.call(mate.token, 'POST', `/customers/${joint}/joint-follow-up/join`)).status).toBe(200);
    expect((await h.call(h.adminToken, 'POST', `/customers/${merged}/merge`, { into: owned })).status).toBe(200);
    // As stored before: the collaborations of a released and of a merged customer left active, and
    // a merged customer's joint follow-up left open.
    const row = (customerId: string, repId: string) => ({ id: newId(), customer_id: customerId, rep_id: repId, joint_id: null, added_by: owner.id, added_at: new Date() });
    await h.db.insertInto('collaborators').values([row(released, mate.id), row(joint, strangerMate.id), row(merged, mate.id)]).execute();
    const mergedJoint = newId();
    await h.db.insertInto('joint_follow_ups').values({ id: mergedJoint, customer_id: merged, opened_by: manager.id, opened_at: new Date(), note: null, outcome: null }).execute();
    for (let run = 0; run < 2; run++) await tenureCollaborationsEnded.up(h.db);
    expect(await h.db.selectFrom('joint_follow_ups').select(['closed_at', 'outcome']).where('id', '=', mergedJoint).executeTakeFirstOrThrow()).toEqual({ closed_at: expect.any(Date), outcome: expect.objectContaining({ kind: 'merged' }) });
    expect((await h.db.selectFrom('joint_follow_ups').select('closed_at').where('customer_id', '=', joint).executeTakeFirstOrThrow()).closed_at).toBeNull();
    const mergedNotes = await h.db.selectFrom('customer_activities').select('note').where('customer_id', '=', merged).where('kind', '=', 'joint_closed').execute();
    expect(mergedNotes).toEqual([{ note: 'Joint follow-up closed: the customer was merged into another (no split, no assignment)' }]);
    expect(await activeOn(released)).toEqual([]);
    expect(await activeOn(merged)).toEqual([]);
    expect(await activeOn(joint)).toEqual([mate.id]);
    expect(await activeOn(owned)).toEqual([mate.id]);
    expect(await removals(released, 'en')).toEqual([`Rep ${mate.id} (${mate.id}) is no longer a collaborator: the customer went back to the pool`]);
    expect(await removals(released, 'zh-CN')).toEqual([`Rep ${mate.id}（${mate.id}） 因客户回到公海，不再是协作人`]);
    expect(await removals(joint, 'en')).toEqual([`Rep ${strangerMate.id} (${strangerMate.id}) is no longer a collaborator: the customer went back to the pool`]);
    expect(await removals(merged, 'zh-CN')).toEqual([`Rep ${mate.id}（${mate.id}） 因客户已被合并，不再是协作人`]);
  });
});

describe('the customers one collaborates on, by the access policy', () => {
  it('leaves out of GET /me/collaborations a customer the detail refuses: a joint follow-up moved to a pool closed to its participant', async () => {
    expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'ct-closed', name: 'Team 2 only', openToAll: false, teamIds: ['ct-2'] })).status).toBe(201);
    const [moved, stays] = [await h.createCustomer({ assign: false }), await h.createCustomer({ assign: false })];
    for (const id of [moved, stays]) {
      expect((await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {})).status).toBe(201);
      expect((await h.call(mate.token, 'POST', `/customers/${id}/joint-follow-up/join`)).status).toBe(200);
    }
    expect(await collaborating(mate)).toEqual(expect.arrayContaining([moved, stays]));
    expect((await h.call(h.adminToken, 'POST', '/bulk-moves', { action: 'move_pool', customerIds: [moved], poolId: 'ct-closed' })).body).toMatchObject({ status: 'completed' });
    const detail = await h.call(mate.token, 'GET', `/customers/${moved}`);
    expect([detail.status, detail.body.error?.code]).toEqual([403, 'POOL_CLOSED']);
    const listed = await h.call(mate.token, 'GET', '/me/collaborations?limit=200');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(moved);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(stays);
    expect(JSON.stringify(listed.body)).not.toContain(moved);
  });
});

describe('a joint follow-up open on a customer merged away', () => {
  it('closes with the merge (no split, no assignment), its participants stop collaborating, and the history says so in both languages', async () => {
    const id = await h.createCustomer({ assign: false });
    const survivor = await h.createCustomer({ assign: false });
    expect((await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up`, {})).status).toBe(201);
    expect((await h.call(mate.token, 'POST', `/customers/${id}/joint-follow-up/join`)).status).toBe(200);
    expect((await h.call(mate.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
    expect((await h.call(h.adminToken, 'POST', `/customers/${id}/merge`, { into: survivor })).status).toBe(200);

    const joint = await h.db.selectFrom('joint_follow_ups').selectAll().where('customer_id', '=', id).executeTakeFirstOrThrow();
    expect(joint.closed_at).not.toBeNull();
    expect(joint.closed_by).toBe('admin');
    expect(joint.outcome).toMatchObject({ kind: 'merged', repId: null });
    expect(await activeOn(id)).toEqual([]);
    expect(await h.db.selectFrom('contributions').select('id').where('customer_id', '=', id).execute()).toEqual([]);
    expect(await h.customerRow(survivor)).toMatchObject({ status: 'pool', owner_id: null });
    const view = await h.call(h.adminToken, 'GET', `/customers/${id}/collaborators`);
    expect(view.body.joint).toMatchObject({ closedBy: 'admin', outcome: { kind: 'merged', repId: null } });
    expect(view.body.collaborators).toEqual([]);

    const told = async (language: string) => {
      const res = await h.app.request(`/customers/${survivor}`, { headers: { authorization: `Bearer ${h.adminToken}`, 'accept-language': language } });
      const history = ((await res.json()) as { history: { kind: string; note: string | null }[] }).history;
      return history.filter((e) => e.kind === 'joint_closed' || e.kind === 'collaborator_removed').map((e) => e.note);
    };
    expect(await told('en')).toEqual(['Joint follow-up closed: the customer was merged into another (no split, no assignment)', `Rep ${mate.id} (${mate.id}) is no longer a collaborator: the customer was merged into another`]);
    expect(await told('zh-CN')).toEqual(['联合攻坚结束：客户已被合并（不计贡献，不再分配）', `Rep ${mate.id}（${mate.id}） 因客户已被合并，不再是协作人`]);
    // Nothing is left open to close: the close of a merged customer is refused as before.
    const close = await h.call(manager.token, 'POST', `/customers/${id}/joint-follow-up/close`);
    expect([close.status, close.body.error?.code]).toEqual([409, 'CONFLICT']);
  });
});
