// A reclaim whose step failed after it committed (its notice, or the pick of the next rep, met a
// dropped connection) and is tried again: the retry answers the reclaim it made, so the owner and
// their manager are told and the assignment rules still get their turn (real Postgres and
// Temporal; the activity run as the worker runs it, its first notice failing).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../server/clock.js';
import { metrics } from '../server/metrics/metrics.js';
import { type LifecycleEvents, notificationEvents } from '../server/notifications/lifecycle-events.js';
import { createTenureActivities } from '../server/temporal/tenure.activities.js';
import { createHarness, type Harness } from './support/harness.js';

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

  const real = notificationEvents({ db: h.db, clock: systemClock });
  let failures = 1;
  const events: LifecycleEvents = {
    async emit(event) {
      if (failures-- > 0) throw new Error('connection terminated unexpectedly');
      await real.emit(event);
    },
  };
  const activities = createTenureActivities({ db: h.db, clock: systemClock, decisions: h.decisions, releaseCooldownMs: 60_000, events });
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
  const told = await h.db.selectFrom('notifications').select('kind').where('rep_id', '=', rep.id).where('kind', '=', 'customer.reclaimed').execute();
  expect(told).toHaveLength(1);
  // Reclaimed once.
  const reclaims = await h.db.selectFrom('ownership_events').select('id').where('customer_id', '=', id).where('kind', '=', 'reclaimed').execute();
  expect(reclaims).toHaveLength(1);
  expect((await counted()) - countedBefore).toBe(1);
});
