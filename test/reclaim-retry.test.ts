// A reclaim whose step failed after it committed (its notice, or the pick of the next rep, met a
// dropped connection) and is tried again: the retry answers the reclaim it made, so the owner and
// their manager are told and the assignment rules still get their turn (real Postgres and
// Temporal; the activity run as the worker runs it, its first notice failing).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../server/clock.js';
import { metrics } from '../server/metrics/metrics.js';
import { AppError, ErrorCode } from '../server/errors.js';
import { type LifecycleEvents, notificationEvents } from '../server/notifications/lifecycle-events.js';
import { createTenureActivities } from '../server/temporal/tenure.activities.js';
import { createHarness, type Harness } from './support/harness.js';
import { eventsFailingFirst } from './support/notification-events.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 120_000);
afterAll(() => h?.close());

it('answers the reclaim it made on a retry, and tells the owner once', async () => {
  const rep = await h.createRep();
  const id = await h.createCustomer({ assign: false });
  expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
  const owned = await h.customerRow(id);

  const activities = createTenureActivities({ db: h.db, clock: systemClock, decisions: h.decisions, releaseCooldownMs: 60_000, events: eventsFailingFirst(h.db, 1) });
  const input = {
    customerId: id,
    tenureId: owned.tenure_id!,
    idempotencyKey: `${owned.tenure_id}/reclaim-retry`,
    ownerId: rep.id,
    deadline: Date.now(),
    deadlineKind: 'first_follow_up',
    reason: 'no_follow_up',
  };
  const counted = async () => (await metrics.reclaims.get()).values.reduce((a, v) => a + v.value, 0);
  const countedBefore = await counted();
  await expect(activities.reclaimAndPickNext(input)).rejects.toThrow('connection terminated');
  expect((await h.customerRow(id)).status).toBe('pool');

  // The retry the workflow makes.
  const again = await activities.reclaimAndPickNext(input);
  expect(again.result).toMatchObject({ customerId: id, status: 'pool', ownerId: null });
  // The assignment rules had their turn: the pick is what they answer for the customer now.
  expect(again.next).toEqual(await activities.pickAssignee({ customerId: id, previousOwnerId: rep.id }));
  const told = await h.db.selectFrom('notifications').select('kind').where('rep_id', '=', rep.id).where('kind', '=', 'customer.reclaimed').execute();
  expect(told).toHaveLength(1);
  // Reclaimed once.
  const reclaims = await h.db.selectFrom('ownership_events').select('id').where('customer_id', '=', id).where('kind', '=', 'reclaimed').execute();
  expect(reclaims).toHaveLength(1);
  expect((await counted()) - countedBefore).toBe(1);
});

/** A reclaim of the customer as its tenure's deadline step makes it. */
async function ownedAndDue(companyName?: string) {
  const rep = await h.createRep();
  const id = await h.createCustomer({ assign: false, ...(companyName ? { companyName } : {}) });
  expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
  const owned = await h.customerRow(id);
  const input = { customerId: id, tenureId: owned.tenure_id!, idempotencyKey: `${owned.tenure_id}/due`, ownerId: rep.id, deadline: Date.now(), deadlineKind: 'first_follow_up', reason: 'no_follow_up' };
  return { rep, id, input };
}

it('tells the owner of a customer with the longest name allowed, its title shortened rather than refused', async () => {
  const name = `Shenzhen ${'Very Long Trading '.repeat(20)}`.slice(0, 200).trim();
  const { rep, id, input } = await ownedAndDue(name);
  const activities = createTenureActivities({ db: h.db, clock: systemClock, decisions: h.decisions, releaseCooldownMs: 60_000, events: notificationEvents({ db: h.db, clock: systemClock }) });
  expect((await activities.reclaimAndPickNext(input)).result).toMatchObject({ customerId: id, status: 'pool' });
  const told = await h.db.selectFrom('notifications').select('title').where('rep_id', '=', rep.id).where('kind', '=', 'customer.reclaimed').executeTakeFirstOrThrow();
  expect(told.title.length).toBeLessThanOrEqual(200);
  expect(told.title.startsWith('Reclaimed to the pool: Shenzhen Very Long Trading')).toBe(true);
  expect(told.title.endsWith('…')).toBe(true);
});

it('a notice refused for good does not make the reclaim step fail (and retry for ever): the reclaim stands', async () => {
  const { id, input } = await ownedAndDue();
  const refusing: LifecycleEvents = {
    async emit() {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'Invalid event: title too long');
    },
  };
  const activities = createTenureActivities({ db: h.db, clock: systemClock, decisions: h.decisions, releaseCooldownMs: 60_000, events: refusing });
  expect((await activities.reclaimAndPickNext(input)).result).toMatchObject({ customerId: id, status: 'pool' });
  // And again, as a retry would.
  expect((await activities.reclaimAndPickNext(input)).result).toMatchObject({ customerId: id, status: 'pool' });
  // An outage is still thrown, so the step is retried until the notice is written.
  const down: LifecycleEvents = {
    async emit() {
      throw new Error('connection terminated unexpectedly');
    },
  };
  const again = createTenureActivities({ db: h.db, clock: systemClock, decisions: h.decisions, releaseCooldownMs: 60_000, events: down });
  await expect(again.reclaimAndPickNext(input)).rejects.toThrow('connection terminated');
});

it('two attempts of one reclaim at once (a retry beside a slow first attempt) both answer the one reclaim made', async () => {
  const { rep, id, input } = await ownedAndDue();
  const activities = createTenureActivities({ db: h.db, clock: systemClock, decisions: h.decisions, releaseCooldownMs: 60_000, events: notificationEvents({ db: h.db, clock: systemClock }) });
  const both = await Promise.all([activities.reclaimAndPickNext(input), activities.reclaimAndPickNext(input)]);
  for (const r of both) expect(r.result).toMatchObject({ customerId: id, status: 'pool' });
  const reclaims = await h.db.selectFrom('ownership_events').select('id').where('customer_id', '=', id).where('kind', '=', 'reclaimed').execute();
  expect(reclaims).toHaveLength(1);
  const told = await h.db.selectFrom('notifications').select('kind').where('rep_id', '=', rep.id).where('kind', '=', 'customer.reclaimed').execute();
  expect(told).toHaveLength(1);
});

it("tells a reclaim's reason in words and names the pool the customer went to, in the reader's language (stored, and in the inbox)", async () => {
  expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'rr-emea', name: 'EMEA desk', openToAll: true })).status).toBe(201);
  const activities = createTenureActivities({ db: h.db, clock: systemClock, decisions: h.decisions, releaseCooldownMs: 60_000, events: notificationEvents({ db: h.db, clock: systemClock }) });
  const told = async (rep: { id: string; token: string }, id: string) => {
    const stored = await h.db.selectFrom('notifications').select(['body', 'data']).where('rep_id', '=', rep.id).where('kind', '=', 'customer.reclaimed').where('customer_id', '=', id).executeTakeFirstOrThrow();
    const inbox = async (language: string) =>
      ((await (await h.app.request('/notifications', { headers: { authorization: `Bearer ${rep.token}`, 'accept-language': language } })).json()) as { items: { kind: string; customerId: string; body: string }[] }).items.find(
        (n) => n.kind === 'customer.reclaimed' && n.customerId === id,
      )!.body;
    return { stored, en: await inbox('en'), zh: await inbox('zh-CN') };
  };

  // To the pool the reclaim rule named.
  const sent = await ownedAndDue();
  expect((await activities.reclaimAndPickNext({ ...sent.input, pool: 'rr-emea' })).result).toMatchObject({ status: 'pool' });
  const toEmea = await told(sent.rep, sent.id);
  expect(toEmea.stored.body).toBe('The first follow-up deadline passed (no follow-up in time); the customer is back in the pool "EMEA desk".');
  expect(toEmea.stored.data).toMatchObject({ reason: 'no_follow_up', deadlineKind: 'first_follow_up', poolId: 'rr-emea', pool: 'rr-emea' });
  expect(toEmea.en).toBe(toEmea.stored.body);
  expect(toEmea.zh).toBe('「首次跟进」期限已过（未按时跟进），客户已回到「EMEA desk」。');

  // No pool named by the rule: its own, the shipped one, named in the reader's language.
  const kept = await ownedAndDue();
  await activities.reclaimAndPickNext(kept.input);
  const own = await told(kept.rep, kept.id);
  expect(own.stored.data).toMatchObject({ poolId: 'default', pool: null });
  expect(own.en).toBe('The first follow-up deadline passed (no follow-up in time); the customer is back in the pool "Public pool".');
  expect(own.zh).toBe('「首次跟进」期限已过（未按时跟进），客户已回到「公海」。');
});
