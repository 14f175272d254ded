// A rep leaves (R16): every customer they own moves in one durable job, to a named rep within its
// caps (the overflow to the pool with the reason), by the assignment rules, or to the pool; key and
// won customers as chosen; pending quotes withdrawn; only an admin or the rep's manager may start it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { metrics } from '../server/metrics/metrics.js';
import { claimedCustomer, customerInCosting } from './support/customers.js';
import { createLifecycleClient } from '../server/lifecycle/lifecycle.client.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim, keepInPool } from './support/rule-sets.js';
import { cookieCall, sessionSecretFor } from './support/sessions.js';

let h: Harness;
let manager: { id: string; token: string };
let otherManager: { id: string; token: string };

const slowReclaim = fastReclaim({ firstFollowUp: '1h', cadence: { A: '1h', B: '1h', C: '1h', D: '1h', E: '1h' } });

const approvalOver10 = {
  decision: 'approval',
  hitPolicy: 'collect',
  rules: [{ name: 'discount over 10%', conditions: { all: [{ fact: 'quote', path: '$.discountPct', operator: 'greaterThan', value: 10 }] }, event: { type: 'require_approval', params: { level: 1, role: 'manager', timeout: '1h', reason: 'discount over 10%' } } }],
} as unknown as RuleSetDocument;

const toTeamB = {
  decision: 'assignment',
  hitPolicy: 'first',
  rules: [{ name: 'team b', conditions: { all: [] }, event: { type: 'assign', params: { team: 'team-b', strategy: 'round_robin', reason: 'team b takes over' } } }],
} as unknown as RuleSetDocument;

beforeAll(async () => {
  h = await createHarness({ reclaim: slowReclaim });
  await h.publishRuleSet(approvalOver10);
  for (const id of ['team-a', 'team-b']) await h.call(h.adminToken, 'POST', '/teams', { id, name: id });
  manager = await h.createRep({ role: 'manager', teamId: 'team-a' });
  otherManager = await h.createRep({ role: 'manager', teamId: 'team-b' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'team-a').execute();
  await h.db.updateTable('teams').set({ manager_id: otherManager.id }).where('id', '=', 'team-b').execute();
});
afterAll(() => h?.close());

async function finished(token: string, jobId: string) {
  return h.waitFor(async () => {
    const job = await h.call(token, 'GET', `/handovers/${jobId}`);
    expect(job.status).toBe(200);
    return job.body.status === 'completed' ? job.body : null;
  }, 30_000, 100);
}

const events = (customerId: string) => h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', customerId).orderBy('at').execute();

describe('a handover to a named rep', () => {
  it('moves what fits the receiver’s cap, sends the overflow to the pool with the reason, withdraws pending quotes, handles key and won customers, and tells people', async () => {
    const leaver = await h.createRep({ teamId: 'team-a' });
    const receiver = await h.createRep({ teamId: 'team-a', privateCap: 3 });
    const plain = [await claimedCustomer(h, leaver), await claimedCustomer(h, leaver), await claimedCustomer(h, leaver)];
    const quoted = await customerInCosting(h, leaver);
    const quote = await h.call(leaver.token, 'POST', `/customers/${quoted}/quotes`, { currency: 'USD', discountPct: 15, marginPct: 25, items: [{ description: 'Inverter', quantity: 10, unitPrice: 100 }] });
    expect(quote.body.quote.status).toBe('pending_approval');
    const key = await claimedCustomer(h, leaver);
    expect((await h.call(leaver.token, 'PUT', `/customers/${key}/key`, { key: true })).status).toBe(200);
    const won = await claimedCustomer(h, leaver);
    expect((await h.call(leaver.token, 'POST', `/customers/${won}/won`, {})).status).toBe(200);
    const movesBefore = (await metrics.handoverMoves.get()).values.reduce((a, v) => a + v.value, 0);

    const started = await h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'rep', repId: receiver.id }, keyCustomers: 'pool' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'handover', fromRepId: leaver.id, fromRepName: `Rep ${leaver.id}`, startedBy: manager.id, startedByName: `Rep ${manager.id}`, total: 6, workflowId: `handover-${started.body.id}` });
    expect((await h.db.selectFrom('reps').select('active').where('id', '=', leaver.id).executeTakeFirstOrThrow()).active).toBe(false);

    const job = await finished(manager.token, started.body.id);
    // Four open customers for a cap of 3: three move, one overflows; the key one goes to the pool as chosen; won moves (no cap).
    expect(job).toMatchObject({ total: 6, done: 6, movedToReps: 4, toPool: 2, kept: 0, refused: 0, failed: 0 });
    const byId = new Map(job.items.map((i: { customerId: string }) => [i.customerId, i]));
    expect(byId.get(key)).toMatchObject({ outcome: 'to_pool', code: null });
    expect(byId.get(won)).toMatchObject({ outcome: 'to_rep', toRepId: receiver.id, toRepName: `Rep ${receiver.id}` });
    const overflow = job.items.filter((i: { code: string | null }) => i.code === 'CAP_REACHED');
    expect(overflow).toHaveLength(1);
    expect(overflow[0]).toMatchObject({ outcome: 'to_pool', poolId: 'default' });

    const owned = await h.db.selectFrom('customers').select(['id', 'status']).where('owner_id', '=', receiver.id).execute();
    expect(owned.filter((c) => c.status === 'owned')).toHaveLength(3);
    expect(owned.find((c) => c.id === won)?.status).toBe('won');
    for (const id of [...plain, quoted, key]) {
      const last = (await events(id)).at(-1)!;
      expect(last.reason).toBe('handover');
      expect(['reassigned', 'released']).toContain(last.kind);
    }
    const quotes = (await h.call(h.adminToken, 'GET', `/customers/${quoted}/quotes`)).body.items;
    expect(quotes[0].status).toBe('withdrawn');

    const told = await h.db.selectFrom('notifications').select(['rep_id', 'kind']).where('kind', 'in', ['customer.handed_over', 'handover.completed']).execute();
    expect(told.filter((n) => n.kind === 'customer.handed_over' && n.rep_id === receiver.id)).toHaveLength(4);
    expect(told.filter((n) => n.kind === 'handover.completed' && n.rep_id === manager.id)).toHaveLength(1);
    // The notices name the departing rep, told from their values in either language.
    const notice = async (token: string, language: string, kind: string) =>
      ((await (await h.app.request('/notifications?limit=100', { headers: { authorization: `Bearer ${token}`, 'accept-language': language } })).json()) as { items: { kind: string; customerId: string | null; title: string; body: string }[] }).items.find((n) => n.kind === kind && (n.customerId ?? won) === won)!;
    expect((await notice(receiver.token, 'en', 'customer.handed_over')).body).toContain(`A customer of Rep ${leaver.id} (${leaver.id}), who left`);
    expect((await notice(receiver.token, 'zh-CN', 'customer.handed_over')).body).toContain(`原属 Rep ${leaver.id}（${leaver.id}）（已离职）`);
    expect((await notice(manager.token, 'zh-CN', 'handover.completed')).title).toBe(`Rep ${leaver.id}（${leaver.id}） 的交接已完成`);
    const movesAfter = (await metrics.handoverMoves.get()).values.reduce((a, v) => a + v.value, 0);
    expect(movesAfter - movesBefore).toBe(6);
  });
});

describe('collaborations across a handover', () => {
  const activeOn = async (customerId: string) =>
    (await h.db.selectFrom('collaborators').select('rep_id').where('customer_id', '=', customerId).where('removed_at', 'is', null).execute()).map((r) => r.rep_id);

  it("ends the leaver's collaborations as they are deactivated, and the receiver's on the customers they receive", async () => {
    // Named, so the numbered reps of the tests after this one are numbered as before.
    const leaver = await h.createRep({ id: 'collab-leaver', teamId: 'team-a' });
    const receiver = await h.createRep({ id: 'collab-receiver', teamId: 'team-a' });
    const colleague = await h.createRep({ id: 'collab-colleague', teamId: 'team-a' });
    const theirs = await claimedCustomer(h, leaver);
    expect((await h.call(leaver.token, 'POST', `/customers/${theirs}/collaborators`, { repId: receiver.id })).status).toBe(201);
    const helped = await claimedCustomer(h, colleague);
    expect((await h.call(colleague.token, 'POST', `/customers/${helped}/collaborators`, { repId: leaver.id })).status).toBe(201);

    const started = await h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'rep', repId: receiver.id } });
    expect(started.status).toBe(202);
    expect(await activeOn(helped)).toEqual([]);
    expect(await finished(manager.token, started.body.id)).toMatchObject({ total: 1, movedToReps: 1 });
    expect(await h.customerRow(theirs)).toMatchObject({ owner_id: receiver.id });
    expect(await activeOn(theirs)).toEqual([]);
    const removed = async (customerId: string) => (await h.db.selectFrom('customer_activities').select('text').where('customer_id', '=', customerId).where('kind', '=', 'collaborator_removed').execute()).map((r) => r.text);
    expect(await removed(helped)).toEqual([{ key: 'collaborator_removed', repId: leaver.id, by: manager.id, why: 'deactivated' }]);
    expect(await removed(theirs)).toEqual([{ key: 'collaborator_removed', repId: receiver.id, by: manager.id, why: 'owner' }]);
  });
});

describe('a handover by the assignment rules and to the pool', () => {
  it('gives each customer to the rep the rules pick, and keeps the pool when nobody is eligible', async () => {
    const leaver = await h.createRep({ teamId: 'team-a' });
    const b1 = await h.createRep({ teamId: 'team-b' });
    const b2 = await h.createRep({ teamId: 'team-b', privateCap: 1 });
    const ids = [await claimedCustomer(h, leaver), await claimedCustomer(h, leaver), await claimedCustomer(h, leaver), await claimedCustomer(h, leaver)];
    await h.publishRuleSet(toTeamB);
    try {
      const started = await h.call(h.adminToken, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'rules' } });
      expect(started.status).toBe(202);
      const job = await finished(h.adminToken, started.body.id);
      expect(job.total).toBe(4);
      expect(job.movedToReps).toBe(4);
      const owners = await h.db.selectFrom('customers').select('owner_id').where('id', 'in', ids).execute();
      const counts = owners.reduce<Record<string, number>>((a, o) => ({ ...a, [o.owner_id!]: (a[o.owner_id!] ?? 0) + 1 }), {});
      // b2 takes one (its cap); team b's manager and b1 share the rest by rotation.
      expect(counts[b2.id]).toBe(1);
      expect(Object.keys(counts).every((r) => [b1.id, b2.id, otherManager.id].includes(r))).toBe(true);
    } finally {
      await h.publishRuleSet(keepInPool);
    }
  });

  it('picks again when moves racing each other fill the rep the rules picked, so only those that fit nowhere go to the pool', async () => {
    // Two reps with room for one each; the moves of a batch run at once and each picks the least loaded (the same rep).
    await h.call(h.adminToken, 'POST', '/teams', { id: 'team-c', name: 'team-c' });
    const c1 = await h.createRep({ teamId: 'team-c', privateCap: 1 });
    const c2 = await h.createRep({ teamId: 'team-c', privateCap: 1 });
    const leaver = await h.createRep({ teamId: 'team-a' });
    const ids = [await claimedCustomer(h, leaver), await claimedCustomer(h, leaver), await claimedCustomer(h, leaver)];
    await h.publishRuleSet({ ...toTeamB, rules: [{ name: 'team c', conditions: { all: [] }, event: { type: 'assign', params: { team: 'team-c', strategy: 'least_loaded' } } }] } as RuleSetDocument);
    try {
      const started = await h.call(h.adminToken, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'rules' } });
      expect(started.status).toBe(202);
      const job = await finished(h.adminToken, started.body.id);
      expect(job).toMatchObject({ total: 3, movedToReps: 2, toPool: 1, refused: 0, failed: 0 });
      const owners = await h.db.selectFrom('customers').select('owner_id').where('id', 'in', ids).where('status', '=', 'owned').execute();
      expect(owners.map((o) => o.owner_id).sort()).toEqual([c1.id, c2.id].sort());
      // The one left over goes to the pool with the rules' reason, not with the refusal of a rep another move filled.
      expect(job.items.find((i: { outcome: string }) => i.outcome === 'to_pool')).toMatchObject({ poolId: 'default', code: 'NO_ELIGIBLE_REP', message: 'no eligible rep for team team-c: 2 at their cap' });
    } finally {
      await h.publishRuleSet(keepInPool);
    }
  });

  it('returns everything to a named pool, keeping key and won customers when asked', async () => {
    await h.call(h.adminToken, 'POST', '/pools', { id: 'leavers', name: 'Leavers', openToAll: true });
    const leaver = await h.createRep({ teamId: 'team-a' });
    const plain = await claimedCustomer(h, leaver);
    const key = await claimedCustomer(h, leaver);
    await h.call(leaver.token, 'PUT', `/customers/${key}/key`, { key: true });
    const won = await claimedCustomer(h, leaver);
    await h.call(leaver.token, 'POST', `/customers/${won}/won`, {});
    const started = await h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'pool', poolId: 'leavers' }, keyCustomers: 'keep' });
    expect(started.status).toBe(202);
    const job = await finished(manager.token, started.body.id);
    expect(job).toMatchObject({ total: 3, toPool: 1, kept: 2, movedToReps: 0 });
    expect(await h.customerRow(plain)).toMatchObject({ status: 'pool', pool_id: 'leavers', owner_id: null });
    expect(await h.customerRow(won)).toMatchObject({ status: 'won', owner_id: leaver.id });
    expect(await h.customerRow(key)).toMatchObject({ status: 'owned', owner_id: leaver.id });
    // A second handover of the same rep (say, the kept ones to a rep later) is allowed once this one ended.
    const again = await h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'pool' }, keyCustomers: 'move' });
    expect(again.status).toBe(202);
    expect((await finished(manager.token, again.body.id)).toPool).toBe(1);
  });
});

describe('a handover ends the leaver’s access as a deactivation does', () => {
  const tokenOf = (link: string) => link.split('#')[1]!;

  it('ends their sessions and open links at once, so reactivating them later brings neither back', async () => {
    const leaver = await h.createRep({ teamId: 'team-a' });
    const session = await sessionSecretFor(h.db, leaver.id);
    const reset = await h.call(h.adminToken, 'POST', `/reps/${leaver.id}/password-reset`);
    expect(reset.status).toBe(201);
    const later = await sessionSecretFor(h.db, leaver.id);
    expect((await cookieCall(h.app, later, 'GET', '/me')).status).toBe(200);
    const started = await h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'pool' }, keyCustomers: 'move' });
    expect(started.status).toBe(202);
    await finished(manager.token, started.body.id);
    expect(await h.db.selectFrom('sessions').select('id').where('rep_id', '=', leaver.id).where('revoked_at', 'is', null).execute()).toEqual([]);
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${leaver.id}`, { active: true })).status).toBe(200);
    for (const secret of [session, later]) {
      const res = await cookieCall(h.app, secret, 'GET', '/me');
      expect([res.status, res.body.error.code, res.body.error.details?.reason]).toEqual([401, 'UNAUTHENTICATED', 'revoked']);
    }
    for (const res of [await h.call(null, 'GET', `/invitations/${tokenOf(reset.body.link)}`), await h.call(null, 'POST', `/invitations/${tokenOf(reset.body.link)}/accept`, { password: 'harbour-lantern-kite-42' })]) {
      expect([res.status, res.body.error.code]).toEqual([410, 'INVITATION_INVALID']);
    }
  });

  it("does not keep a deactivated rep's session alive: a request with it does not count as use", async () => {
    const leaver = await h.createRep({ teamId: 'team-a' });
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${leaver.id}`, { active: false })).status).toBe(200);
    // A sign-in that raced the deactivation left a session behind.
    const secret = await sessionSecretFor(h.db, leaver.id);
    const seen = () => h.db.selectFrom('sessions').select('last_seen_at').where('rep_id', '=', leaver.id).executeTakeFirstOrThrow();
    const before = (await seen()).last_seen_at;
    const inAnHour = h.newApp({ clock: { now: () => new Date(Date.now() + 3_600_000) } });
    const res = await cookieCall(inAnHour, secret, 'GET', '/me');
    expect([res.status, res.body.error.code]).toEqual([403, 'REP_INACTIVE']);
    expect((await seen()).last_seen_at).toEqual(before);
  });
});

describe('who may hand over, and bad input', () => {
  it('refuses reps, managers of another team, a manager’s own handover and a second one at once; answers 4xx with a pointer', async () => {
    const leaver = await h.createRep({ teamId: 'team-a' });
    const other = await h.createRep({ teamId: 'team-a' });
    const body = { to: { kind: 'pool' } };
    expect((await h.call(other.token, 'POST', `/reps/${leaver.id}/handover`, body)).body.error.code).toBe('FORBIDDEN');
    expect((await h.call(otherManager.token, 'POST', `/reps/${leaver.id}/handover`, body)).status).toBe(404);
    expect((await h.call(manager.token, 'POST', `/reps/${manager.id}/handover`, body)).body.error.code).toBe('FORBIDDEN');
    expect((await h.call(manager.token, 'POST', '/reps/nobody/handover', body)).status).toBe(404);

    const bad = async (b: unknown, pointer: string) => {
      const res = await h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, b);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toContain(pointer);
    };
    await bad({ to: { kind: 'moon' } }, '/to/kind');
    await bad({ to: { kind: 'pool' }, wonCustomers: 'move' }, '/wonCustomers');
    await bad({ to: { kind: 'rep', repId: 'ghost' } }, '/to/repId');
    await bad({ to: { kind: 'rep', repId: otherManager.id } }, '/to/repId');
    await bad({ to: { kind: 'rep', repId: leaver.id } }, '/to/repId');
    await bad({ to: { kind: 'pool', poolId: 'ghost' } }, '/to/poolId');
    await bad({ to: { kind: 'pool' }, keyCustomers: 'sometimes' }, '/keyCustomers');
    // Nothing happened to the rep.
    expect((await h.db.selectFrom('reps').select('active').where('id', '=', leaver.id).executeTakeFirstOrThrow()).active).toBe(true);
    // Two requests at once: one job, the other refused with its id.
    await claimedCustomer(h, leaver);
    const both = await Promise.all([1, 2].map(() => h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, body)));
    expect(both.map((r) => r.status).sort()).toEqual([202, 409]);
    const job = both.find((r) => r.status === 202)!;
    expect(both.find((r) => r.status === 409)!.body.error.details.jobId).toBe(job.body.id);
    expect((await h.call(other.token, 'GET', `/handovers/${job.body.id}`)).status).toBe(404);
    expect((await h.call(otherManager.token, 'GET', `/handovers/${job.body.id}`)).status).toBe(404);
    expect((await h.call(h.adminToken, 'GET', `/handovers/${job.body.id}`)).status).toBe(200);
  });
});

describe('nobody hands themselves over', () => {
  it('refuses an admin handing over themselves as it refuses a manager, though another admin is active; a manager hands over no admin', async () => {
    const second = await h.createRep({ role: 'admin' });
    const before = await h.db.selectFrom('reps').select(['id', 'active']).where('role', '=', 'admin').orderBy('id').execute();
    for (const [token, id] of [[h.adminToken, 'admin'], [second.token, second.id]] as const) {
      const res = await h.call(token, 'POST', `/reps/${id}/handover`, { to: { kind: 'pool' } });
      expect([res.status, res.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    }
    const teamAdmin = await h.createRep({ role: 'admin', teamId: 'team-a' });
    const byManager = await h.call(manager.token, 'POST', `/reps/${teamAdmin.id}/handover`, { to: { kind: 'pool' } });
    expect([byManager.status, byManager.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    expect(await h.db.selectFrom('reps').select(['id', 'active']).where('role', '=', 'admin').where('id', '!=', teamAdmin.id).orderBy('id').execute()).toEqual(before);
    expect((await h.db.selectFrom('reps').select('active').where('id', '=', teamAdmin.id).executeTakeFirstOrThrow()).active).toBe(true);
    expect(await h.db.selectFrom('handover_jobs').select('id').where('from_rep_id', 'in', ['admin', second.id, teamAdmin.id]).execute()).toEqual([]);
    // Another admin may hand an admin over.
    expect((await h.call(h.adminToken, 'POST', `/reps/${second.id}/handover`, { to: { kind: 'pool' } })).status).toBe(202);
  });
});

describe('bulk moves', () => {
  it('transfers the customers a manager may move and refuses the others with the code', async () => {
    const a1 = await h.createRep({ teamId: 'team-a' });
    const a2 = await h.createRep({ teamId: 'team-a' });
    const b = await h.createRep({ teamId: 'team-b' });
    const mine = [await claimedCustomer(h, a1), await claimedCustomer(h, a1)];
    const theirs = await claimedCustomer(h, b);
    const counted = async (outcome: string) => (await metrics.handoverMoves.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
    const [toRepBefore, refusedBefore] = [await counted('to_rep'), await counted('refused')];
    const res = await h.call(manager.token, 'POST', '/bulk-moves', { action: 'transfer', customerIds: [...mine, theirs], toRepId: a2.id });
    expect(res.status).toBe(200);
    // Every customer is counted by its outcome, also one refused as the job was planned.
    expect([(await counted('to_rep')) - toRepBefore, (await counted('refused')) - refusedBefore]).toEqual([2, 1]);
    expect(res.body).toMatchObject({ kind: 'bulk', status: 'completed', total: 3, movedToReps: 2, refused: 1 });
    expect(res.body.items.find((i: { customerId: string }) => i.customerId === theirs)).toMatchObject({ outcome: 'refused', code: 'NOT_OWNER', message: "Only the owner, their team's manager or an admin can do this." });
    // A Chinese reader reads why in the words the admin UI says it with (schemas/move-code-words).
    const job = (await (await h.app.request(`/handovers/${res.body.id}`, { headers: { authorization: `Bearer ${manager.token}`, 'accept-language': 'zh-CN' } })).json()) as { items: { customerId: string; code: string; message: string }[] };
    expect(job.items.find((i) => i.customerId === theirs)).toMatchObject({ code: 'NOT_OWNER', message: '不在你可转移的范围内，或已先易主' });
    const zhBulk = await h.app.request('/bulk-moves', {
      method: 'POST',
      headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ action: 'transfer', customerIds: [theirs], toRepId: a2.id }),
    });
    expect(((await zhBulk.json()) as { items: { message: string }[] }).items[0]).toMatchObject({ code: 'NOT_OWNER', message: '不在你可转移的范围内，或已先易主' });
    for (const id of mine) {
      expect((await h.customerRow(id)).owner_id).toBe(a2.id);
      expect((await events(id)).at(-1)).toMatchObject({ kind: 'reassigned', reason: 'bulk_move', actor_id: manager.id });
    }
    expect((await h.customerRow(theirs)).owner_id).toBe(b.id);
    // Moved again to the rep who has it now: refused as theirs already, not as a concurrent change.
    expect((await h.call(manager.token, 'POST', '/bulk-moves', { action: 'transfer', customerIds: [mine[0]], toRepId: a2.id })).body.items[0]).toMatchObject({ outcome: 'refused', code: 'ALREADY_OWNER', message: `Rep ${a2.id} (${a2.id}) owns this customer already.` });
  });

  it('and a handover of the same rep at once move each customer once: what one job moved the other refuses, never releases from its new owner', async () => {
    const leaver = await h.createRep({ teamId: 'team-a' });
    const receiver = await h.createRep({ teamId: 'team-a' });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await claimedCustomer(h, leaver));
    const since = new Date();
    const [bulk, handover] = await Promise.all([
      h.call(manager.token, 'POST', '/bulk-moves', { action: 'transfer', customerIds: ids, toRepId: receiver.id }),
      new Promise((r) => setTimeout(r, 50)).then(() => h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'pool' } })),
    ]);
    expect([bulk.status, handover.status]).toEqual([expect.any(Number), 202]);
    const [b, ho] = [await finished(manager.token, bulk.body.id), await finished(manager.token, handover.body.id)];
    expect(b.movedToReps + ho.toPool).toBe(12);
    for (const id of ids) {
      const moves = (await events(id)).filter((e) => e.at >= since);
      // One move each, by whichever job reached it first; the other job's item is refused.
      expect(moves.map((e) => e.kind), id).toHaveLength(1);
      const row = await h.customerRow(id);
      if (moves[0]!.kind === 'reassigned') expect([row.status, row.owner_id]).toEqual(['owned', receiver.id]);
      else expect([moves[0]!.kind, row.status]).toEqual(['released', 'pool']);
    }
    // Nobody got a cooldown for a customer they never released.
    expect(await h.db.selectFrom('cooldowns').select('customer_id').where('rep_id', '=', receiver.id).execute()).toEqual([]);
  });

  it('and a handover of the same rep to another rep at once move each customer once: the bulk job moves none from the handover\'s receiver', async () => {
    const leaver = await h.createRep({ teamId: 'team-a' });
    const [toHandover, toBulk] = [await h.createRep({ teamId: 'team-a' }), await h.createRep({ teamId: 'team-a' })];
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await claimedCustomer(h, leaver));
    const since = new Date();
    const [handover, bulk] = await Promise.all([
      h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'rep', repId: toHandover.id } }),
      new Promise((r) => setTimeout(r, 50)).then(() => h.call(manager.token, 'POST', '/bulk-moves', { action: 'transfer', customerIds: ids, toRepId: toBulk.id })),
    ]);
    expect(handover.status).toBe(202);
    const [ho, b] = [await finished(manager.token, handover.body.id), await finished(manager.token, bulk.body.id)];
    expect(ho.movedToReps + b.movedToReps).toBe(12);
    for (const id of ids) {
      const moves = (await events(id)).filter((e) => e.at >= since);
      expect(moves.map((e) => [e.from_rep_id, e.to_rep_id]), id).toHaveLength(1);
      expect(moves[0]!.from_rep_id).toBe(leaver.id);
    }
  });

  it('two bulk moves of the same customers by the same manager at once: each move is reported by the job that made it, once', async () => {
    const from = await h.createRep({ teamId: 'team-a' });
    const to = await h.createRep({ teamId: 'team-a' });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await claimedCustomer(h, from));
    const since = new Date();
    const bodies = [
      ...Array.from({ length: 8 }, () => ({ action: 'transfer', customerIds: ids, toRepId: to.id })),
      { action: 'release', customerIds: ids },
    ];
    const started = await Promise.all(bodies.map((body) => h.call(manager.token, 'POST', '/bulk-moves', body)));
    for (const r of started) expect([200, 202], JSON.stringify(r.body)).toContain(r.status);
    const jobs = await Promise.all(started.map((r) => finished(manager.token, r.body.id)));
    const moved = jobs.flatMap((j) => j.items.filter((i: { outcome: string }) => i.outcome === 'to_rep' || i.outcome === 'to_pool').map((i: { customerId: string }) => i.customerId));
    // Each customer moved once, reported by the one job that moved it.
    expect(moved.sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await events(id)).filter((e) => e.at >= since), id).toHaveLength(1);
    // A release job never reports a customer as given to a rep.
    expect(jobs.at(-1).items.some((i: { outcome: string }) => i.outcome === 'to_rep')).toBe(false);
    const told = await h.db.selectFrom('notifications').select('customer_id').where('rep_id', '=', to.id).where('kind', '=', 'customer.handed_over').execute();
    expect(told.length).toBe(jobs.slice(0, -1).reduce((n, j) => n + j.items.filter((i: { outcome: string }) => i.outcome === 'to_rep').length, 0));
  });

  it('returns customers to the pool and moves pool customers between pools', async () => {
    await h.call(h.adminToken, 'POST', '/pools', { id: 'east', name: 'East', openToAll: true });
    const a1 = await h.createRep({ teamId: 'team-a' });
    const [c1, c2] = [await claimedCustomer(h, a1), await claimedCustomer(h, a1)];
    const released = await h.call(manager.token, 'POST', '/bulk-moves', { action: 'release', customerIds: [c1] });
    expect(released.body).toMatchObject({ status: 'completed', toPool: 1 });
    expect((await h.customerRow(c1)).status).toBe('pool');
    const moved = await h.call(manager.token, 'POST', '/bulk-moves', { action: 'move_pool', customerIds: [c1, c2], poolId: 'east' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ toPool: 1, refused: 1 });
    expect(moved.body.items.find((i: { customerId: string }) => i.customerId === c2)).toMatchObject({ outcome: 'refused', code: 'CUSTOMER_OWNED' });
    expect(await h.customerRow(c1)).toMatchObject({ status: 'pool', pool_id: 'east' });
    expect((await events(c1)).at(-1)).toMatchObject({ kind: 'pool_moved', reason: 'bulk_move' });
    // Into the pool it is in already: nothing moves, and the job does not count a move.
    const eventsBefore = (await events(c1)).length;
    const again = await h.call(manager.token, 'POST', '/bulk-moves', { action: 'move_pool', customerIds: [c1], poolId: 'east' });
    expect(again.body).toMatchObject({ status: 'completed', toPool: 0, refused: 1 });
    expect(again.body.items[0]).toMatchObject({ customerId: c1, outcome: 'refused', code: 'ALREADY_IN_POOL' });
    expect(await events(c1)).toHaveLength(eventsBefore);
  });

  it('names no customer of a pool closed to the manager, refused or not', async () => {
    await h.call(h.adminToken, 'POST', '/pools', { id: 'closed-to-a', name: 'Closed to team A', openToAll: false, teamIds: ['team-b'] });
    const hidden = await h.createCustomer({ assign: false, poolId: 'closed-to-a', companyName: 'Closed Pool Co' });
    const res = await h.call(manager.token, 'POST', '/bulk-moves', { action: 'move_pool', customerIds: [hidden], poolId: 'default' });
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { customerId: string }) => i.customerId === hidden);
    expect(item).toMatchObject({ outcome: 'refused', code: 'POOL_CLOSED', companyName: null });
    expect(JSON.stringify(res.body)).not.toContain('Closed Pool Co');
    // An admin, who may read it, sees its name in the same job.
    expect((await h.call(h.adminToken, 'GET', `/handovers/${res.body.id}`)).body.items[0]).toMatchObject({ customerId: hidden, companyName: 'Closed Pool Co' });
  });

  it('is for managers and admins, and answers bad input with a pointer', async () => {
    const a1 = await h.createRep({ teamId: 'team-a' });
    const c1 = await claimedCustomer(h, a1);
    expect((await h.call(a1.token, 'POST', '/bulk-moves', { action: 'release', customerIds: [c1] })).body.error.code).toBe('FORBIDDEN');
    const bad = async (b: unknown, pointer: string) => {
      const res = await h.call(manager.token, 'POST', '/bulk-moves', b);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toContain(pointer);
    };
    await bad({ action: 'transfer', customerIds: [], toRepId: a1.id }, '/customerIds');
    await bad({ action: 'release', customerIds: [c1, c1] }, '/customerIds/1');
    await bad({ action: 'release', customerIds: ['no-such-customer'] }, '/customerIds/0');
    // Every unknown id has its own pointer, not only the first.
    const unknown = await h.call(manager.token, 'POST', '/bulk-moves', { action: 'release', customerIds: ['00000000-0000-0000-0000-000000000000', c1, 'not-a-uuid'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues).toEqual([
      { pointer: '/customerIds/0', code: 'unknown', params: { what: 'customer', id: '00000000-0000-0000-0000-000000000000' }, message: 'unknown customer "00000000-0000-0000-0000-000000000000"' },
      { pointer: '/customerIds/2', code: 'unknown', params: { what: 'customer', id: 'not-a-uuid' }, message: 'unknown customer "not-a-uuid"' },
    ]);
    expect(unknown.body.error.message).toMatch(/\(and 1 more\)/);
    await bad({ action: 'transfer', customerIds: [c1], toRepId: otherManager.id }, '/toRepId');
    await bad({ action: 'move_pool', customerIds: [c1], poolId: 'ghost' }, '/poolId');
    await bad({ action: 'teleport', customerIds: [c1] }, '/action');
    expect((await h.customerRow(c1)).owner_id).toBe(a1.id);
  });

  it('gives no customer to an admin, who could not work it (bulk transfer, handover, reassignment): 400 at the receiver', async () => {
    const a1 = await h.createRep({ teamId: 'team-a' });
    const leaver = await h.createRep({ teamId: 'team-a' });
    const c1 = await claimedCustomer(h, a1);
    const won = await claimedCustomer(h, a1);
    expect((await h.call(a1.token, 'POST', `/customers/${won}/won`, {})).status).toBe(200);
    await claimedCustomer(h, leaver);
    const refusals = [
      [await h.call(h.adminToken, 'POST', '/bulk-moves', { action: 'transfer', customerIds: [c1, won], toRepId: 'admin' }), '/toRepId'],
      [await h.call(h.adminToken, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'rep', repId: 'admin' } }), '/to/repId'],
      [await h.call(h.adminToken, 'POST', `/customers/${c1}/reassign`, { repId: 'admin', reason: 'cover' }), '/repId'],
    ] as const;
    for (const [res, pointer] of refusals) {
      expect([res.status, res.body.error.code], pointer).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.error.details.issues).toEqual([expect.objectContaining({ pointer, code: 'admin_owner', message: expect.stringMatching(/admins own no customers/) })]);
    }
    expect([(await h.customerRow(c1)).owner_id, (await h.customerRow(won)).owner_id]).toEqual([a1.id, a1.id]);
    // A deactivated receiver is refused at the same pointer, by a reassignment as by the jobs.
    const gone = await h.createRep({ teamId: 'team-a' });
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${gone.id}`, { active: false })).status).toBe(200);
    const inactive = await h.call(h.adminToken, 'POST', `/customers/${c1}/reassign`, { repId: gone.id, reason: 'cover' });
    expect([inactive.status, inactive.body.error.details.issues]).toEqual([400, [expect.objectContaining({ pointer: '/repId', code: 'rep_inactive' })]]);
    expect((await h.customerRow(c1)).owner_id).toBe(a1.id);
    expect((await h.db.selectFrom('reps').select('active').where('id', '=', leaver.id).executeTakeFirstOrThrow()).active).toBe(true);
  });
});

describe('a handover across a worker restart', () => {
  it('stops with the worker and finishes when another starts, each customer moved once', async () => {
    const leaver = await h.createRep({ teamId: 'team-a' });
    const receiver = await h.createRep({ teamId: 'team-a' });
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push(await claimedCustomer(h, leaver));
    // Batches of 4, so the worker stops with most of the job still to do.
    const app = h.newApp({ lifecycle: createLifecycleClient(h.client, h.taskQueue, { handoverBatchSize: 4 }) });
    const started = await h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'rep', repId: receiver.id } }, app);
    expect(started.status).toBe(202);
    const progress = async () => (await h.call(manager.token, 'GET', `/handovers/${started.body.id}`)).body;
    await h.waitFor(async () => (await progress()).done >= 4, 20_000, 10);
    await h.stopWorker();
    const atStop = await progress();
    expect(atStop.done).toBeLessThan(24);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await progress()).done).toBe(atStop.done);

    await h.startWorker();
    const job = await finished(manager.token, started.body.id);
    expect(job).toMatchObject({ total: 24, movedToReps: 24, toPool: 0, failed: 0 });
    const moves = await h.db.selectFrom('ownership_events').select('customer_id').where('customer_id', 'in', ids).where('kind', '=', 'reassigned').execute();
    expect(moves).toHaveLength(24);
    expect(new Set(moves.map((m) => m.customer_id)).size).toBe(24);
    expect(await h.db.selectFrom('customers').select('id').where('owner_id', '=', receiver.id).where('status', '=', 'owned').execute()).toHaveLength(24);
  });
});
