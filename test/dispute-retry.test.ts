// A dispute decided "reassign" moves the customer through its tenure (its own transaction) and then
// records the decision. When the record fails after the move (here the dispute's update, failing
// once by a trigger in the real database, as a dropped connection would), the decider retries: the
// retry records the reassignment that stands, instead of refusing because the customer is the
// disputing rep's already, and the customer is moved once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { createHarness, type Harness } from './support/harness.js';
import { keepInPool } from './support/rule-sets.js';
import { failFirstWrite, firstWriteFailed } from './support/database-faults.js';

let h: Harness;
type Rep = { id: string; token: string };
let manager: Rep;
let first: Rep;
let disputer: Rep;

const toTeam = {
  decision: 'assignment',
  hitPolicy: 'first',
  rules: [{ name: 'Germany to the team', conditions: { all: [{ fact: 'customer', path: '$.country', operator: 'equal', value: 'DE' }] }, event: { type: 'assign', params: { team: 'drt', strategy: 'least_loaded', preferNewHires: true, reason: 'the team covers Germany' } } }],
} as unknown as RuleSetDocument;

beforeAll(async () => {
  h = await createHarness();
  await h.call(h.adminToken, 'POST', '/teams', { id: 'drt', name: 'drt' });
  manager = await h.createRep({ id: 'drt-mgr', role: 'manager', teamId: 'drt' });
  // The team's only new hire gets the rule's customers.
  first = await h.createRep({ id: 'drt-new', teamId: 'drt', hiredAt: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10) });
  disputer = await h.createRep({ id: 'drt-old', teamId: 'drt' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'drt').execute();
  await failFirstWrite(h.db, { name: 'fail_first_dispute_decision', table: 'disputes', event: 'update', when: "new.status <> 'open'" });
}, 120_000);
afterAll(() => h?.close());

/** A customer the team rule gives to its new hire. */
async function assignedToFirst(): Promise<string> {
  await h.publishRuleSet(toTeam);
  let customerId: string;
  try {
    customerId = await h.createCustomer({ country: 'DE' });
  } finally {
    await h.publishRuleSet(keepInPool);
  }
  await h.waitFor(async () => (await h.customerRow(customerId)).owner_id === first.id);
  return customerId;
}

describe('a reassignment whose record fails after the customer moved', () => {
  it('is recorded by the retry, with the customer moved once and each side told once', async () => {
    const customerId = await assignedToFirst();
    const filed = await h.call(disputer.token, 'POST', `/customers/${customerId}/disputes`, { reason: 'my buyer from the fair', kind: 'assignment' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);

    const failed = await h.call(manager.token, 'POST', `/disputes/${filed.body.id}/decision`, { outcome: 'reassign', comment: 'yours' });
    expect(failed.status).not.toBe(200);
    expect(await firstWriteFailed(h.db, 'fail_first_dispute_decision')).toBe(true);
    // The move went through; the dispute is still open.
    expect((await h.customerRow(customerId)).owner_id).toBe(disputer.id);
    expect((await h.call(manager.token, 'GET', `/disputes/${filed.body.id}`)).body.status).toBe('open');

    const retried = await h.call(manager.token, 'POST', `/disputes/${filed.body.id}/decision`, { outcome: 'reassign', comment: 'yours' });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ status: 'reassigned', decidedBy: manager.id });
    const moves = await h.db.selectFrom('ownership_events').select(['kind', 'to_rep_id', 'reason']).where('customer_id', '=', customerId).where('reason', '=', 'dispute').execute();
    expect(moves).toEqual([{ kind: 'reassigned', to_rep_id: disputer.id, reason: 'dispute' }]);
    for (const rep of [first, disputer]) {
      const told = await h.db.selectFrom('notifications').select('data').where('rep_id', '=', rep.id).where('kind', '=', 'dispute.decided').where('customer_id', '=', customerId).execute();
      expect(told).toHaveLength(1);
    }
    // Decided now: a third attempt is refused as decided.
    const third = await h.call(manager.token, 'POST', `/disputes/${filed.body.id}/decision`, { outcome: 'reassign', comment: 'yours' });
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('DISPUTE_DECIDED');
  });

  it('still refuses a reassignment to a rep who owned the customer before the dispute', async () => {
    const customerId = await assignedToFirst();
    const filed = await h.call(disputer.token, 'POST', `/customers/${customerId}/disputes`, { reason: 'mine', kind: 'assignment' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    // Given to the disputer by hand, not by the dispute.
    expect((await h.call(h.adminToken, 'POST', `/customers/${customerId}/reassign`, { repId: disputer.id, reason: 'by hand' })).status).toBe(200);
    const decided = await h.call(manager.token, 'POST', `/disputes/${filed.body.id}/decision`, { outcome: 'reassign', comment: 'yours' });
    expect(decided.status).toBe(409);
    expect(decided.body.error.code).toBe('CONFLICT');
  });
});
