// Claim → follow-up → reclaim by a real durable timer, release and cooldown, on real Postgres and Temporal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim() });
});
afterAll(() => h?.close());

async function waitForPool(customerId: string) {
  return h.waitFor(async () => {
    const row = await h.customerRow(customerId);
    return row.status === 'pool' ? row : null;
  });
}

describe('a claimed customer nobody follows up', () => {
  it('returns to the pool within 2 s of its deadline, with the reason in its history', async () => {
    const rep = await h.createRep();
    const id = await h.createCustomer();

    const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ ownerId: rep.id, status: 'owned', stage: 'claimed', deadlineKind: 'first_follow_up' });
    const deadline = Date.parse(claim.body.deadline);
    expect(deadline - Date.now()).toBeGreaterThan(2000);

    // Still owned just before the deadline.
    await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now() - 600)));
    expect((await h.customerRow(id)).owner_id).toBe(rep.id);

    await waitForPool(id);

    const event = await h.db
      .selectFrom('ownership_events')
      .selectAll()
      .where('customer_id', '=', id)
      .where('kind', '=', 'reclaimed')
      .executeTakeFirstOrThrow();
    expect(event.reason).toBe('no_follow_up');
    expect(event.from_rep_id).toBe(rep.id);
    expect(event.at.getTime()).toBeGreaterThanOrEqual(deadline);
    // On time: the reclaim's own record, not when the test's polling noticed it.
    expect(event.at.getTime() - deadline).toBeLessThan(2000);

    const detail = await h.call(rep.token, 'GET', `/customers/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.customer).toMatchObject({ status: 'pool', ownerId: null, deadline: null });
    expect(detail.body.history.map((e: { kind: string }) => e.kind)).toEqual(['claimed', 'reclaimed']);
    expect(detail.body.history[1]).toMatchObject({ reason: 'no_follow_up', fromRepId: rep.id });
  });

  it('refuses the former owner during the cooldown and lets another rep claim it', async () => {
    const former = await h.createRep();
    const other = await h.createRep();
    const id = await h.createCustomer();
    expect((await h.call(former.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    await waitForPool(id);

    const again = await h.call(former.token, 'POST', `/customers/${id}/claim`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('COOLDOWN');
    expect(Date.parse(again.body.error.details.until)).toBeGreaterThan(Date.now());

    const taken = await h.call(other.token, 'POST', `/customers/${id}/claim`);
    expect(taken, JSON.stringify(taken.body)).toMatchObject({ status: 200 });
    expect(taken.body.ownerId).toBe(other.id);
    // A new tenure: a new tenure id, and the history keeps the first owner's tenure.
    const detail = await h.call(other.token, 'GET', `/customers/${id}`);
    expect(detail.body.history.map((e: { kind: string }) => e.kind)).toEqual(['claimed', 'reclaimed', 'claimed']);
    expect(detail.body.history[0].repId).toBe(former.id);
    expect(detail.body.history[2].repId).toBe(other.id);
  });
});

describe('follow-ups', () => {
  it('move the deadline by the grade cadence, so the customer outlives its first deadline', async () => {
    const rep = await h.createRep();
    const id = await h.createCustomer({ grade: 'B' });
    const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    const firstDeadline = Date.parse(claim.body.deadline);

    await new Promise((r) => setTimeout(r, 1500));
    const followUp = await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call', note: 'asked for a catalogue' });
    expect(followUp.status).toBe(200);
    expect(followUp.body).toMatchObject({ stage: 'follow_up', grade: 'B', deadlineKind: 'follow_up' });
    const secondDeadline = Date.parse(followUp.body.deadline);
    // B cadence is 5 s in the fast policy, counted from the follow-up.
    expect(secondDeadline).toBeGreaterThan(firstDeadline);
    expect(secondDeadline - Date.now()).toBeGreaterThan(4000);

    // The first deadline passes without a reclaim …
    await new Promise((r) => setTimeout(r, Math.max(0, firstDeadline - Date.now() + 1200)));
    expect((await h.customerRow(id)).status).toBe('owned');
    // … the second does not.
    await waitForPool(id);
    expect((await h.reclaimedAt(id)) - secondDeadline).toBeLessThan(2000);

    const detail = await h.call(rep.token, 'GET', `/customers/${id}`);
    const kinds = detail.body.history.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['claimed', 'call', 'reclaimed']);
    expect(detail.body.history[1].note).toBe('asked for a catalogue');
  });

  it('take the grade the rep gives, and the cadence follows it', async () => {
    const rep = await h.createRep();
    const id = await h.createCustomer({ grade: 'D' });
    await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    const res = await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'email', grade: 'A' });
    expect(res.status).toBe(200);
    expect(res.body.grade).toBe('A');
    const remaining = Date.parse(res.body.deadline) - Date.now();
    expect(remaining).toBeLessThanOrEqual(3000);
    expect(remaining).toBeGreaterThan(1500);
    expect((await h.customerRow(id)).grade).toBe('A');
  });

  it('are refused for a rep who does not own the customer', async () => {
    const owner = await h.createRep();
    const other = await h.createRep();
    const id = await h.createCustomer();
    await h.call(owner.token, 'POST', `/customers/${id}/claim`);
    const res = await h.call(other.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NOT_OWNER');
    expect(await h.db.selectFrom('customer_activities').select('id').where('customer_id', '=', id).execute()).toHaveLength(0);
  });
});

describe('release', () => {
  it('returns the customer to the pool at once, records who and why, and starts a cooldown', async () => {
    const rep = await h.createRep();
    const id = await h.createCustomer();
    await h.call(rep.token, 'POST', `/customers/${id}/claim`);

    const res = await h.call(rep.token, 'POST', `/customers/${id}/release`, { reason: 'wrong product line' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pool', ownerId: null });
    const row = await h.customerRow(id);
    expect(row).toMatchObject({ status: 'pool', owner_id: null, deadline: null });

    const event = await h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', id).where('kind', '=', 'released').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ from_rep_id: rep.id, actor_id: rep.id, reason: 'wrong product line' });

    const again = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    expect(again.body.error.code).toBe('COOLDOWN');
    // The released tenure's timer is gone: nothing is reclaimed later.
    await new Promise((r) => setTimeout(r, 4500));
    const events = await h.db.selectFrom('ownership_events').select('kind').where('customer_id', '=', id).execute();
    expect(events.map((e) => e.kind).sort()).toEqual(['claimed', 'released']);
  });

  it('by a manager of the owner’s team is allowed; by another rep it is refused', async () => {
    const team = await h.call(h.adminToken, 'POST', '/teams', { id: 'team-release', name: 'Release team' });
    expect(team.status).toBe(201);
    const manager = await h.createRep({ role: 'manager', teamId: 'team-release' });
    const owner = await h.createRep({ teamId: 'team-release' });
    const stranger = await h.createRep();
    const id = await h.createCustomer();
    await h.call(owner.token, 'POST', `/customers/${id}/claim`);

    const refused = await h.call(stranger.token, 'POST', `/customers/${id}/release`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_OWNER');
    expect((await h.customerRow(id)).owner_id).toBe(owner.id);

    const released = await h.call(manager.token, 'POST', `/customers/${id}/release`, { reason: 'rebalancing' });
    expect(released.status).toBe(200);
    const event = await h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', id).where('kind', '=', 'released').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ from_rep_id: owner.id, actor_id: manager.id });
  });
});
