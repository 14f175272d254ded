// Durable timers: a deadline set while one worker runs is kept by the server, so a replacement
// worker reclaims on time even though the first worker stopped in between.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '8s' }) });
});
afterAll(() => h?.close());

it('reclaims on time when the worker is stopped while the deadline is pending and another one starts', async () => {
  const rep = await h.createRep();
  const id = await h.createCustomer();
  const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
  expect(claim.status).toBe(200);
  const deadline = Date.parse(claim.body.deadline);

  await h.stopWorker();
  // Nothing runs the workflow now; the customer stays owned.
  await new Promise((r) => setTimeout(r, 2500));
  expect((await h.customerRow(id)).status).toBe('owned');

  await h.startWorker();
  const row = await h.waitFor(async () => {
    const r = await h.customerRow(id);
    return r.status === 'pool' ? r : null;
  });
  expect(row.owner_id).toBeNull();
  const reclaimed = await h.db
    .selectFrom('ownership_events')
    .selectAll()
    .where('customer_id', '=', id)
    .where('kind', '=', 'reclaimed')
    .execute();
  expect(reclaimed).toHaveLength(1);
  expect(reclaimed[0]!.at.getTime()).toBeGreaterThanOrEqual(deadline);
  expect(reclaimed[0]!.at.getTime() - deadline).toBeLessThan(2000);
});

it('reclaims a deadline that passed while no worker ran as soon as a worker is back', async () => {
  await h.publishRuleSet(fastReclaim({ firstFollowUp: '2s' }));
  const rep = await h.createRep();
  const id = await h.createCustomer();
  const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
  const deadline = Date.parse(claim.body.deadline);

  await h.stopWorker();
  await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now() + 1500)));
  expect((await h.customerRow(id)).status).toBe('owned');

  await h.startWorker();
  // Timed from the worker's start to the reclaim's own record (when the test notices it adds its polling).
  const restarted = Date.now();
  await h.waitFor(async () => (await h.customerRow(id)).status === 'pool');
  const events = await h.db.selectFrom('ownership_events').select(['kind', 'at']).where('customer_id', '=', id).orderBy('at').execute();
  expect(events.map((e) => e.kind)).toEqual(['claimed', 'reclaimed']);
  expect(events[1]!.at.getTime() - restarted).toBeLessThan(3000);
});
