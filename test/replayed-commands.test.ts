// A tenure command whose transaction committed but whose activity is retried (the worker died
// before the result was recorded) finds its idempotency key and answers again. The tenure takes
// that answer into its state, and its reclaim later uses the deadline's reason, cooldown, warning
// and pool from it: the replay must answer what the first attempt answered, not the bare row.
// The commands run here as the tenure's activities run them, each twice with one key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { recordFollowUp } from '../server/claims/follow-up.command.js';
import { setKey } from '../server/claims/key.command.js';
import { decideApproval } from '../server/quotes/decide-approval.command.js';
import { submitQuote } from '../server/quotes/submit-quote.command.js';
import { take } from '../server/claims/take.command.js';
import { newId } from '../server/ids.js';
import { createHarness, type Harness } from './support/harness.js';

const withExtras = {
  decision: 'reclaim',
  hitPolicy: 'collect',
  rules: [
    {
      name: 'first follow-up',
      conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'equal', value: 'claim' }] },
      event: { type: 'deadline', params: { name: 'first_follow_up', duration: '3d', warnBefore: '1d', reason: 'no_follow_up', cooldown: '2d', pool: 'replay-cold' } },
    },
    {
      name: 'follow up',
      conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'notEqual', value: 'claim' }] },
      event: { type: 'deadline', params: { name: 'follow_up', duration: '7d', warnBefore: '2d', reason: 'no_deal', cooldown: '5d', pool: 'replay-cold' } },
    },
  ],
} as unknown as RuleSetDocument;

const adminApproves = {
  decision: 'approval',
  hitPolicy: 'collect',
  rules: [
    { name: 'every quote', conditions: { all: [{ fact: 'quote', path: '$.discountPct', operator: 'greaterThanInclusive', value: 0 }] }, event: { type: 'require_approval', params: { level: 1, role: 'admin', timeout: '2h', reason: 'policy' } } },
  ],
} as unknown as RuleSetDocument;

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
  await h.call(h.adminToken, 'POST', '/pools', { id: 'replay-cold', name: 'Cold', openToAll: true });
  await h.publishRuleSet(withExtras);
  await h.publishRuleSet(adminApproves);
}, 120_000);
afterAll(() => h?.close());

describe('a retried tenure command', () => {
  it('answers what its first attempt answered: the deadline with its reason, cooldown, warning and pool', async () => {
    const rep = await h.createRep();
    const customerId = await h.createCustomer({ assign: false });
    const tenureId = newId();
    const now = new Date();
    const claim = { customerId, repId: rep.id, tenureId, idempotencyKey: `replay/${tenureId}/claim`, now };
    const first = await h.db.transaction().execute((tx) => take(tx, h.decisions, claim, 'claim'));
    expect(first).toMatchObject({ ownerId: rep.id, deadlineKind: 'first_follow_up', deadlineReason: 'no_follow_up', cooldownMs: 2 * 86_400_000, reclaimPool: 'replay-cold' });
    expect(first.warnAt).not.toBeNull();
    const replayed = await h.db.transaction().execute((tx) => take(tx, h.decisions, { ...claim, now: new Date(now.getTime() + 5_000) }, 'claim'));
    expect(replayed).toEqual(first);

    const followUp = { customerId, repId: rep.id, tenureId, idempotencyKey: `replay/${tenureId}/follow-up`, kind: 'call', occurredAt: now, now: new Date(now.getTime() + 60_000) };
    const logged = await h.db.transaction().execute((tx) => recordFollowUp(tx, h.decisions, followUp));
    expect(logged).toMatchObject({ deadlineKind: 'follow_up', deadlineReason: 'no_deal', cooldownMs: 5 * 86_400_000, reclaimPool: 'replay-cold' });
    const again = await h.db.transaction().execute((tx) => recordFollowUp(tx, h.decisions, { ...followUp, now: new Date(now.getTime() + 65_000) }));
    expect(again).toEqual(logged);
  });

  it('answers the same for a key flag set twice, a quote submitted twice and an approval given twice, never a deadline without its reason, cooldown, warning and pool', async () => {
    const rep = await h.createRep();
    const customerId = await h.createCustomer({ assign: false });
    const tenureId = newId();
    const t0 = Date.now();
    const at = (s: number) => new Date(t0 + s * 1_000);
    await h.db.transaction().execute((tx) => take(tx, h.decisions, { customerId, repId: rep.id, tenureId, idempotencyKey: `replay/${tenureId}/claim`, now: at(0) }, 'claim'));
    const owner = { customerId, tenureId, ownerId: rep.id, actorId: rep.id };

    // The flag set again (a second click, a second tab) changes nothing, and says so with the deadline as set.
    const keyed = await h.db.transaction().execute((tx) => setKey(tx, h.decisions, { ...owner, key: true, now: at(10) }));
    // Re-decided as of the claim that set the deadline: still the first follow-up's.
    expect(keyed).toMatchObject({ deadlineKind: 'first_follow_up', deadlineReason: 'no_follow_up', cooldownMs: 2 * 86_400_000, reclaimPool: 'replay-cold' });
    expect(keyed.warnAt).not.toBeNull();
    const keyedAgain = await h.db.transaction().execute((tx) => setKey(tx, h.decisions, { ...owner, key: true, now: at(20) }));
    expect(keyedAgain).toEqual(keyed);

    await h.db.updateTable('customers').set({ stage: 'costing' }).where('id', '=', customerId).execute();
    const quote = { ...owner, idempotencyKey: `replay/${tenureId}/quote`, body: { currency: 'USD', discountPct: 5, marginPct: 20, items: [{ description: 'Pump', quantity: 2, unitPrice: 150 }] } };
    const submitted = await h.db.transaction().execute((tx) => submitQuote(tx, h.decisions, { ...quote, now: at(30) }));
    expect(submitted.ownership).toMatchObject({ stage: 'quote', deadlineReason: 'no_deal', cooldownMs: 5 * 86_400_000, reclaimPool: 'replay-cold' });
    const resubmitted = await h.db.transaction().execute((tx) => submitQuote(tx, h.decisions, { ...quote, now: at(35) }));
    expect(resubmitted.ownership).toEqual(submitted.ownership);

    const approval = { quoteId: submitted.quote.id, approverId: 'admin', approve: true, level: 1 };
    const approved = await h.db.transaction().execute((tx) => decideApproval(tx, h.decisions, { ...approval, now: at(40) }));
    expect(approved.ownership).toMatchObject({ stage: 'sample', deadlineReason: 'no_deal', cooldownMs: 5 * 86_400_000, reclaimPool: 'replay-cold' });
    const approvedAgain = await h.db.transaction().execute((tx) => decideApproval(tx, h.decisions, { ...approval, now: at(45) }));
    expect(approvedAgain.ownership).toEqual(approved.ownership);
  });
});
