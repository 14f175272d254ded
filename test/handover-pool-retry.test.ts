// A handover to a named pool releases each customer through its tenure (its own transaction) and
// then moves it to that pool. When the move fails after the release (here its audit row, failing
// once by a trigger in the real database, as a dropped connection would), the job's retry of the
// item finishes the move: the customer ends in the named pool, and the job says so truthfully.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimedCustomer } from './support/customers.js';
import { createHarness, type Harness } from './support/harness.js';
import { failFirstWrite, firstWriteFailed } from './support/database-faults.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.call(h.adminToken, 'POST', '/pools', { id: 'retry-leavers', name: 'Leavers', openToAll: true });
  await failFirstWrite(h.db, { name: 'fail_first_pool_move', table: 'ownership_events', event: 'insert', when: "new.kind = 'pool_moved'" });
}, 120_000);
afterAll(() => h?.close());

describe('a handover to a named pool whose move fails once after the release', () => {
  it('ends with the customer in the named pool, moved there once', async () => {
    const leaver = await h.createRep();
    const customerId = await claimedCustomer(h, leaver);
    const started = await h.call(h.adminToken, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'pool', poolId: 'retry-leavers' }, keyCustomers: 'move' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const job = await h.waitFor(async () => {
      const got = await h.call(h.adminToken, 'GET', `/handovers/${started.body.id}`);
      return got.body.status === 'completed' ? got.body : null;
    }, 30_000, 100);
    expect(job).toMatchObject({ total: 1, toPool: 1, failed: 0 });
    expect(await firstWriteFailed(h.db, 'fail_first_pool_move')).toBe(true);
    expect(await h.customerRow(customerId)).toMatchObject({ status: 'pool', pool_id: 'retry-leavers', owner_id: null });
    const kinds = await h.db.selectFrom('ownership_events').select('kind').where('customer_id', '=', customerId).where('reason', '=', 'handover').orderBy('at').execute();
    expect(kinds.map((k) => k.kind)).toEqual(['released', 'pool_moved']);
    // The item says where it went.
    expect(await h.db.selectFrom('handover_items').select(['outcome', 'pool_id']).where('job_id', '=', started.body.id).execute()).toEqual([{ outcome: 'to_pool', pool_id: 'retry-leavers' }]);
  });
});
