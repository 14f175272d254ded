// Key customers, reassignment and merges (R4): the key quota and its deadline policy, a manager's
// reassignment within the team (also while policy signals arrive), an admin's merge — on real
// Postgres and a real Temporal server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../rules/defaults/index.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { createHarness, type Harness } from './support/harness.js';
import { claimedCustomer } from './support/customers.js';
import { fastReclaim } from './support/rule-sets.js';
import { DeadlineAttribute, OwnerAttribute, StageAttribute, policyChangedSignal } from '../workflows/shared.js';
import * as keyFlagEndsWithTenure from '../server/db/migrations/2026-12-04-0002-key-flag-ends-with-tenure.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
  await h.publishRuleSet(defaultRuleSets.approval as never);
});
afterAll(() => h?.close());

const ownedCustomer = (rep: { token: string }) => claimedCustomer(h, rep);

describe('key customers, reassignment and merges', () => {
  it('marks key customers within the key quota, and the key policy changes the deadline', async () => {
    const rules = fastReclaim({ firstFollowUp: '1h', cadence: { A: '30d', B: '30d', C: '30d', D: '30d', E: '30d' } });
    rules.rules.push({
      name: 'key customers: a week',
      conditions: { all: [{ fact: 'customer', path: '$.keyCustomer', operator: 'equal', value: true }] },
      event: { type: 'deadline', params: { name: 'key_follow_up', duration: '7d' } },
    } as RuleSetDocument['rules'][number]);
    // Key customers are exempt from the first-follow-up rule here, so their deadline is the key one.
    (rules.rules[1]!.conditions as { all: unknown[] }).all.push({ fact: 'customer', path: '$.keyCustomer', operator: 'equal', value: false });
    await h.publishRuleSet(rules);
    const rep = await h.createRep({ keyCap: 1 });
    const [a, b] = [await ownedCustomer(rep), await ownedCustomer(rep)];
    const key = await h.call(rep.token, 'PUT', `/customers/${a}/key`, { key: true });
    expect(key.status).toBe(200);
    expect(key.body.deadlineKind).toBe('key_follow_up');
    expect(Date.parse(key.body.deadline) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    const second = await h.call(rep.token, 'PUT', `/customers/${b}/key`, { key: true });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'KEY_CAP_REACHED', details: { cap: 1, count: 1 } });
    // Unmarked: the deadline the claim set comes back (its first follow-up, counted from the claim).
    const unmarked = await h.call(rep.token, 'PUT', `/customers/${a}/key`, { key: false });
    expect(unmarked.body.deadlineKind).toBe('first_follow_up');
    const claimedAt = (await h.customerRow(a)).claimed_at!;
    expect(Date.parse(unmarked.body.deadline)).toBe(claimedAt.getTime() + 3_600_000);
    expect((await h.call(rep.token, 'PUT', `/customers/${b}/key`, { key: true })).status).toBe(200);
    const records = (await h.call(rep.token, 'GET', `/customers/${a}/decisions`)).body.items.filter((d: { trigger: string }) => d.trigger === 'key_change');
    expect(records).toHaveLength(2);
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }));
  });

  it('moves no deadline by marking and unmarking: the first follow-up stands, a cadence counts from the last follow-up, and an unmark that would make it overdue is refused', async () => {
    const published = await h.publishRuleSet(defaultRuleSets.reclaim as never);
    // The policy's rollout re-decides open deadlines: done before the customer below exists, or on a
    // loaded machine it reaches it late and re-decides from the deadline_from the test rewinds.
    await h.client.workflow.getHandle(`reclaim-policy-${published.id}`).result();
    try {
      const rep = await h.createRep({ keyCap: 5 });
      const id = await ownedCustomer(rep);
      const claimed = await h.customerRow(id);
      const first = { deadline: claimed.deadline!.toISOString(), deadlineKind: claimed.deadline_kind };
      expect(claimed.deadline!.getTime()).toBe(claimed.claimed_at!.getTime() + 3 * 86_400_000);
      expect(first.deadlineKind).toBe('first_follow_up');
      // Toggled twice: the claim's first follow-up (3 days from the claim) is still the deadline.
      for (const key of [true, false, true, false]) {
        const toggled = await h.call(rep.token, 'PUT', `/customers/${id}/key`, { key });
        expect(toggled.status).toBe(200);
        expect({ deadline: toggled.body.deadline, deadlineKind: toggled.body.deadlineKind }).toEqual(first);
      }
      // After a follow-up the grade cadence (C: 15 days) runs from it; as a key customer, 30 days from it.
      const followed = await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' });
      const from = (await h.customerRow(id)).deadline_from!;
      expect(Date.parse(followed.body.deadline)).toBe(from.getTime() + 15 * 86_400_000);
      const marked = await h.call(rep.token, 'PUT', `/customers/${id}/key`, { key: true });
      expect(Date.parse(marked.body.deadline)).toBe(from.getTime() + 30 * 86_400_000);
      const records = (await h.call(rep.token, 'GET', `/customers/${id}/decisions`)).body.items.filter((d: { trigger: string }) => d.trigger === 'key_change');
      expect(records).toHaveLength(5);
      // Twenty days after that follow-up, unmarking would put the 15-day cadence in the past: refused, nothing changes.
      const longAgo = new Date(from.getTime() - 20 * 86_400_000);
      await h.db.updateTable('customers').set({ deadline_from: longAgo }).where('id', '=', id).execute();
      const before = await h.customerRow(id);
      const refused = await h.call(rep.token, 'PUT', `/customers/${id}/key`, { key: false });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'DEADLINE_WOULD_PASS', details: { deadlineKind: 'follow_up' } });
      expect(refused.body.error.message).toContain('log a follow-up first');
      expect(await h.customerRow(id)).toMatchObject({ key_customer: true, deadline: before.deadline, version: before.version });
    } finally {
      await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }));
    }
  });

  it('clears the key flag when the tenure ends (released or reclaimed), so the next owner gets it within their own key quota', async () => {
    const withKeyDeadline = (duration: string) => {
      const rules = fastReclaim({ firstFollowUp: '1h', cadence: { A: '30d', B: '30d', C: '30d', D: '30d', E: '30d' } });
      rules.rules.push({
        name: `key customers: ${duration}`,
        conditions: { all: [{ fact: 'customer', path: '$.keyCustomer', operator: 'equal', value: true }] },
        event: { type: 'deadline', params: { name: 'key_follow_up', duration, reason: 'no_follow_up', cooldown: '60s' } },
      } as RuleSetDocument['rules'][number]);
      return rules;
    };
    await h.publishRuleSet(withKeyDeadline('1h'));
    const first = await h.createRep({ keyCap: 1 });
    const next = await h.createRep({ keyCap: 1 });
    const keyCount = async (repId: string) => (await h.db.selectFrom('customers').select('id').where('owner_id', '=', repId).where('key_customer', '=', true).execute()).length;

    // Released: in the pool it is no one's key customer, and a claim by a rep whose key quota is full
    // gives them an ordinary customer.
    const released = await ownedCustomer(first);
    expect((await h.call(first.token, 'PUT', `/customers/${released}/key`, { key: true })).status).toBe(200);
    expect((await h.call(first.token, 'POST', `/customers/${released}/release`, { reason: 'not for me' })).status).toBe(200);
    expect((await h.customerRow(released)).key_customer).toBe(false);
    const own = await ownedCustomer(next);
    expect((await h.call(next.token, 'PUT', `/customers/${own}/key`, { key: true })).status).toBe(200);
    const claimed = await h.call(next.token, 'POST', `/customers/${released}/claim`);
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(await h.customerRow(released)).toMatchObject({ owner_id: next.id, key_customer: false });
    expect(await keyCount(next.id)).toBe(1);

    // Reclaimed at the key deadline: back in the pool without the flag.
    await h.publishRuleSet(withKeyDeadline('2s'));
    const reclaimed = await ownedCustomer(first);
    expect((await h.call(first.token, 'PUT', `/customers/${reclaimed}/key`, { key: true })).body.deadlineKind).toBe('key_follow_up');
    await h.waitFor(async () => (await h.customerRow(reclaimed)).status === 'pool', 20_000);
    expect((await h.customerRow(reclaimed)).key_customer).toBe(false);

    // As a database kept it from before: a pool customer with the flag; migrated, it has none, and the owned one keeps its own.
    await h.db.updateTable('customers').set({ key_customer: true }).where('id', 'in', [reclaimed, released]).execute();
    await keyFlagEndsWithTenure.up(h.db);
    expect((await h.customerRow(reclaimed)).key_customer).toBe(false);
    expect(await h.customerRow(released)).toMatchObject({ owner_id: next.id, key_customer: true });
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }));
  });

  it('lets a manager reassign within the team: a new tenure for the new owner, no cooldown for the former', async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'team-re', name: 'Reassign team' });
    const manager = await h.createRep({ role: 'manager', teamId: 'team-re' });
    const from = await h.createRep({ teamId: 'team-re' });
    const to = await h.createRep({ teamId: 'team-re' });
    const outsider = await h.createRep();
    const id = await ownedCustomer(from);
    const tenureBefore = (await h.customerRow(id)).tenure_id;
    expect((await h.call(from.token, 'POST', `/customers/${id}/reassign`, { repId: to.id, reason: 'x' })).status).toBe(403);
    const across = await h.call(manager.token, 'POST', `/customers/${id}/reassign`, { repId: outsider.id, reason: 'x' });
    // Refused at the receiver's pointer, as a handover and a bulk move refuse it.
    expect([across.status, across.body.error.code, across.body.error.details.issues]).toEqual([
      400,
      'VALIDATION_FAILED',
      [expect.objectContaining({ pointer: '/repId', code: 'rep_not_in_team' })],
    ]);
    // To the rep who owns it already: ALREADY_OWNER at the pointer, as a bulk transfer answers.
    const same = await h.call(manager.token, 'POST', `/customers/${id}/reassign`, { repId: from.id, reason: 'x' });
    expect([same.status, same.body.error.code, same.body.error.details]).toEqual([409, 'ALREADY_OWNER', { pointer: '/repId', repId: from.id }]);
    // A teamless manager has no team to reassign within, even to a teamless rep.
    const teamless = await h.createRep({ role: 'manager' });
    const loose = await h.createRep();
    const fromLoose = await ownedCustomer(loose);
    const byTeamless = await h.call(teamless.token, 'POST', `/customers/${fromLoose}/reassign`, { repId: outsider.id, reason: 'x' });
    expect(byTeamless.status).toBeGreaterThanOrEqual(400);
    expect((await h.customerRow(fromLoose)).owner_id).toBe(loose.id);
    const res = await h.call(manager.token, 'POST', `/customers/${id}/reassign`, { repId: to.id, reason: 'from is on a trade show for two weeks' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ ownerId: to.id, stage: 'claimed' });
    const row = await h.customerRow(id);
    expect(row.tenure_id).not.toBe(tenureBefore);
    const event = await h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', id).where('kind', '=', 'reassigned').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ from_rep_id: from.id, to_rep_id: to.id, actor_id: manager.id, reason: 'from is on a trade show for two weeks' });
    expect(await h.db.selectFrom('cooldowns').selectAll().where('customer_id', '=', id).execute()).toHaveLength(0);
    // The workflow continues the new tenure: the new owner can work it, the old one cannot.
    expect((await h.call(to.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
    expect((await h.call(from.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(403);
  });

  it('shows the new owner in the tenure\'s search attributes at once after a reassignment (operators and the reconciler read them)', async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'team-sa', name: 'Attributes team' });
    const manager = await h.createRep({ role: 'manager', teamId: 'team-sa' });
    const from = await h.createRep({ teamId: 'team-sa' });
    const to = await h.createRep({ teamId: 'team-sa' });
    const id = await ownedCustomer(from);
    const res = await h.call(manager.token, 'POST', `/customers/${id}/reassign`, { repId: to.id, reason: 'cover' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = await h.customerRow(id);
    const attributes = async () => {
      const d = await h.client.workflow.getHandle(`customer-${id}`).describe();
      return { status: d.status.name, owner: d.typedSearchAttributes.get(OwnerAttribute), stage: d.typedSearchAttributes.get(StageAttribute), deadline: d.typedSearchAttributes.get(DeadlineAttribute)?.getTime() ?? null };
    };
    await expect.poll(attributes, { timeout: 10_000 }).toEqual({ status: 'RUNNING', owner: to.id, stage: 'claimed', deadline: row.deadline!.getTime() });
  });

  it('answers a reassignment or release once and correctly while policy signals arrive during it', async () => {
    // A command that ends the run (continue-as-new, completion) in the workflow task that answers
    // it fails that task when a signal arrives meanwhile; the server aborts the update and the API
    // sends it again, and the tenure must then agree with what the first attempt committed.
    await h.call(h.adminToken, 'POST', '/teams', { id: 'team-sig', name: 'Signal team' });
    const manager = await h.createRep({ role: 'manager', teamId: 'team-sig' });
    const from = await h.createRep({ teamId: 'team-sig' });
    const to = await h.createRep({ teamId: 'team-sig' });
    for (let i = 0; i < 6; i++) {
      const id = await ownedCustomer(from);
      const handle = h.client.workflow.getHandle(`customer-${id}`);
      // A burst of signals while the command runs, as overlapping policy rollouts would send.
      const burst = Promise.all(
        Array.from({ length: 6 }, (_, k) => new Promise((r) => setTimeout(r, 5 * k)).then(() => handle.signal(policyChangedSignal, { ruleSetId: 'burst' }).catch(() => undefined))),
      );
      const reassign = i % 2 === 0;
      const res = reassign
        ? await h.call(manager.token, 'POST', `/customers/${id}/reassign`, { repId: to.id, reason: 'cover' })
        : await h.call(from.token, 'POST', `/customers/${id}/release`, { reason: 'not my market' });
      await burst;
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const row = await h.customerRow(id);
      if (reassign) {
        expect(row).toMatchObject({ status: 'owned', owner_id: to.id });
        expect(await h.db.selectFrom('ownership_events').select('id').where('customer_id', '=', id).where('kind', '=', 'reassigned').execute()).toHaveLength(1);
        // The workflow follows the new tenure: its owner works it, the former one cannot.
        const followUp = await h.call(to.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' });
        expect(followUp.status, JSON.stringify(followUp.body)).toBe(200);
        expect((await h.call(from.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(403);
      } else {
        expect(row).toMatchObject({ status: 'pool', owner_id: null });
        expect(await h.db.selectFrom('ownership_events').select('id').where('customer_id', '=', id).where('kind', '=', 'released').execute()).toHaveLength(1);
        expect((await h.call(to.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
      }
    }
  });

  it('lets an admin merge two customers: history kept, identities moved, the absorbed tenure ended', async () => {
    const rep = await h.createRep();
    const survivor = (await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Merge Survivor GmbH', email: 'buy@survivor.example', assign: false })).body;
    const absorbed = (await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Survivor Handels KG', phone: '+49 40 5555 1234', assign: false })).body;
    expect((await h.call(rep.token, 'POST', `/customers/${absorbed.id}/claim`)).status).toBe(200);
    await h.call(rep.token, 'POST', `/customers/${absorbed.id}/follow-ups`, { kind: 'visit', note: 'met at Canton fair' });
    expect((await h.call(rep.token, 'POST', `/customers/${absorbed.id}/merge`, { into: survivor.id })).status).toBe(403);
    const merged = await h.call(h.adminToken, 'POST', `/customers/${absorbed.id}/merge`, { into: survivor.id });
    expect(merged.status).toBe(200);
    expect((await h.customerRow(absorbed.id))).toMatchObject({ status: 'merged', merged_into_id: survivor.id, owner_id: null });
    expect((await h.customerRow(survivor.id)).phone).toBe('+49 40 5555 1234');
    // Its workflow ended with the merge: no timer of it fires later.
    await h.client.workflow.getHandle(`customer-${absorbed.id}`).result();
    const history = await h.call(h.adminToken, 'GET', `/customers/${survivor.id}`);
    const kinds = history.body.history.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['claimed', 'visit', 'merged']));
    expect(history.body.history.find((e: { kind: string }) => e.kind === 'visit').details.mergedFrom).toBe(absorbed.id);
    // Dedup now finds the survivor by the absorbed customer's phone.
    const dup = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Anything', phone: '+49 40 5555 1234' });
    expect(dup.body.error).toMatchObject({ code: 'DUPLICATE_CUSTOMER', details: { existingId: survivor.id } });
    expect((await h.call(h.adminToken, 'POST', `/customers/${absorbed.id}/merge`, { into: survivor.id })).status).toBe(409);
  });
});

describe('merging a customer into itself', () => {
  it('is refused as a bad request at /into, and nothing changes', async () => {
    const id = await h.createCustomer({ assign: false });
    const res = await h.call(h.adminToken, 'POST', `/customers/${id}/merge`, { into: id });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ pointer: '/into', message: expect.stringMatching(/itself/) }] } });
    expect((await h.customerRow(id)).status).toBe('pool');
  });
});

describe('a merged customer names its survivor only to those who read the survivor in full', () => {
  it("refuses commands on it without the survivor's id for another team's rep, and with it for the survivor's owner and their manager", async () => {
    for (const team of ['mg-a', 'mg-b']) await h.call(h.adminToken, 'POST', '/teams', { id: team, name: team });
    const outsider = await h.createRep({ id: 'mg-ra1', teamId: 'mg-a' });
    const owner = await h.createRep({ id: 'mg-rb1', teamId: 'mg-b' });
    const manager = await h.createRep({ id: 'mg-mb', role: 'manager', teamId: 'mg-b' });
    await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'mg-b').execute();
    const survivor = await ownedCustomer(owner);
    const absorbed = await h.createCustomer({ assign: false });
    expect((await h.call(h.adminToken, 'POST', `/customers/${absorbed}/merge`, { into: survivor })).status).toBe(200);

    const commands: [string, string, unknown?][] = [
      ['GET', `/customers/${absorbed}/disputable`],
      ['POST', `/customers/${absorbed}/claim`],
      ['POST', `/customers/${absorbed}/follow-ups`, { kind: 'call' }],
      ['POST', `/customers/${absorbed}/inquiry`, {}],
      ['POST', `/customers/${absorbed}/release`, { reason: 'not mine' }],
      ['POST', `/customers/${absorbed}/collaborators`, { repId: outsider.id }],
      ['GET', `/customers/${absorbed}`],
    ];
    for (const [method, path, body] of commands) {
      const res = await h.call(outsider.token, method, path, body);
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(200);
      expect(JSON.stringify(res.body), `${method} ${path}`).not.toContain(survivor);
    }
    const refused = await h.call(outsider.token, 'GET', `/customers/${absorbed}/disputable`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', details: { customerId: absorbed } });
    expect(refused.body.error.message).toMatch(/merged into another customer/);
    for (const reader of [owner, manager]) {
      const named = await h.call(reader.token, 'GET', `/customers/${absorbed}/disputable`);
      expect(named.status).toBe(409);
      expect(named.body.error).toMatchObject({ code: 'CONFLICT', details: { customerId: absorbed, mergedIntoId: survivor } });
    }
  });
});
