// A handover that sends a customer to the pool releases it through its tenure (its own transaction)
// and then finishes the move: to a named pool, and with the reason it went there (the receiver's
// refusal, or nobody eligible under the rules). When a step after the release fails (here a write
// failing once by a trigger in the real database, as a dropped connection would), the job's retry of
// the item finishes the move: the customer ends where the first attempt meant it to go, and the job
// reports it with the first attempt's reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { claimedCustomer } from './support/customers.js';
import { createHarness, type Harness } from './support/harness.js';
import { failFirstWrite, firstWriteFailed } from './support/database-faults.js';
import { fastReclaim, keepInPool } from './support/rule-sets.js';

let h: Harness;
beforeAll(async () => {
  // Deadlines far off: the leavers' customers stay theirs however slow the machine is.
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
  await h.call(h.adminToken, 'POST', '/pools', { id: 'retry-leavers', name: 'Leavers', openToAll: true });
  await h.call(h.adminToken, 'POST', '/pools', { id: 'retry-rules', name: 'Where the rules send them', openToAll: true });
}, 120_000);
afterAll(() => h?.close());

async function finished(jobId: string) {
  return h.waitFor(async () => {
    const got = await h.call(h.adminToken, 'GET', `/handovers/${jobId}`);
    return got.body.status === 'completed' ? got.body : null;
  }, 30_000, 100);
}

const handoverEvents = (customerId: string) =>
  h.db.selectFrom('ownership_events').select('kind').where('customer_id', '=', customerId).where('reason', '=', 'handover').orderBy('at').execute();

describe('a handover whose move to the pool fails once after the release', () => {
  it('to a named pool: ends with the customer in the named pool, moved there once', async () => {
    await failFirstWrite(h.db, { name: 'fail_first_pool_move', table: 'ownership_events', event: 'insert', when: "new.kind = 'pool_moved'" });
    const leaver = await h.createRep();
    const customerId = await claimedCustomer(h, leaver);
    const started = await h.call(h.adminToken, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'pool', poolId: 'retry-leavers' }, keyCustomers: 'move' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const job = await finished(started.body.id);
    expect(job).toMatchObject({ total: 1, toPool: 1, failed: 0 });
    expect(await firstWriteFailed(h.db, 'fail_first_pool_move')).toBe(true);
    expect(await h.customerRow(customerId)).toMatchObject({ status: 'pool', pool_id: 'retry-leavers', owner_id: null });
    expect((await handoverEvents(customerId)).map((k) => k.kind)).toEqual(['released', 'pool_moved']);
    // The item says where it went.
    expect(await h.db.selectFrom('handover_items').select(['outcome', 'pool_id']).where('job_id', '=', started.body.id).execute()).toEqual([{ outcome: 'to_pool', pool_id: 'retry-leavers' }]);
  });

  it('by the rules, which keep it in a pool: ends in the rules’ pool, with the rules’ reason', async () => {
    const rulesToPool = {
      decision: 'assignment',
      hitPolicy: 'first',
      rules: [{ name: 'leavers to review', conditions: { all: [] }, event: { type: 'assign', params: { pool: 'retry-rules', reason: 'leavers’ customers are reviewed first' } } }],
    } as unknown as RuleSetDocument;
    await failFirstWrite(h.db, { name: 'fail_first_rules_pool_move', table: 'ownership_events', event: 'insert', when: "new.kind = 'pool_moved'" });
    const leaver = await h.createRep();
    const customerId = await claimedCustomer(h, leaver);
    await h.publishRuleSet(rulesToPool);
    try {
      const started = await h.call(h.adminToken, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'rules' } });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      const job = await finished(started.body.id);
      expect(job).toMatchObject({ total: 1, toPool: 1, failed: 0 });
      expect(await firstWriteFailed(h.db, 'fail_first_rules_pool_move')).toBe(true);
      expect(await h.customerRow(customerId)).toMatchObject({ status: 'pool', pool_id: 'retry-rules', owner_id: null });
      expect((await handoverEvents(customerId)).map((k) => k.kind)).toEqual(['released', 'pool_moved']);
      expect(job.items).toEqual([expect.objectContaining({ customerId, outcome: 'to_pool', poolId: 'retry-rules', code: 'NO_ELIGIBLE_REP', message: 'leavers’ customers are reviewed first' })]);
    } finally {
      await h.publishRuleSet(keepInPool);
    }
  });

  it('after the receiver refused it: the item is reported with the refusal, once settled', async () => {
    await failFirstWrite(h.db, { name: 'fail_first_refused_settle', table: 'handover_items', event: 'update', when: "new.outcome = 'to_pool' and new.code = 'CAP_REACHED'" });
    const leaver = await h.createRep();
    const receiver = await h.createRep({ privateCap: 1 });
    await claimedCustomer(h, receiver);
    const customerId = await claimedCustomer(h, leaver);
    const started = await h.call(h.adminToken, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'rep', repId: receiver.id } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const job = await finished(started.body.id);
    expect(await firstWriteFailed(h.db, 'fail_first_refused_settle')).toBe(true);
    expect(job).toMatchObject({ total: 1, toPool: 1, movedToReps: 0, failed: 0 });
    expect(job.items).toEqual([expect.objectContaining({ customerId, outcome: 'to_pool', poolId: 'default', code: 'CAP_REACHED' })]);
    expect(job.items[0].message).toMatch(/\S/);
    expect(await h.customerRow(customerId)).toMatchObject({ status: 'pool', owner_id: null });
    expect((await handoverEvents(customerId)).map((k) => k.kind)).toEqual(['released']);
  });
});
