// R13: no request, however malformed, may freeze a tenure. Values the database cannot store are
// refused at the API with a pointer; the same values sent straight to the workflow (as a bug in a
// caller would) fail the command at once instead of retrying while holding the tenure's lock; and
// the deadline still reclaims the customer on time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { defaultRuleSets } from '../rules/defaults/index.js';
import { moveStageUpdate, stateQuery, submitQuoteUpdate, workflowIdFor } from '../workflows/shared.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
  await h.publishRuleSet(defaultRuleSets.approval as never);
});
afterAll(() => h?.close());

/** A call that must answer within `ms`; a hang fails the test with a clear message. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms (the command hangs)`)), ms);
  });
  try {
    return await Promise.race([work, hung]);
  } finally {
    clearTimeout(timer);
  }
}

async function claimed(rep: { token: string }): Promise<string> {
  const id = await h.createCustomer({ assign: false });
  expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
  return id;
}

const LONE = '\ud800';
const overflowingItems = Array.from({ length: 20 }, (_, i) => ({ description: `container ${i}`, quantity: 1e9, unitPrice: 1e9 }));

describe('input the database cannot store', () => {
  it('a lone UTF-16 surrogate in any text field is refused with a pointer to it, and nothing is written', async () => {
    const rep = await h.createRep();
    const id = await claimed(rep);
    const before = await h.customerRow(id);
    const cases: [string, string, unknown, string][] = [
      ['POST', `/customers/${id}/inquiry`, { products: ['LED', `panel ${LONE}`] }, '/products/1'],
      ['POST', `/customers/${id}/follow-ups`, { kind: 'call', note: `hi ${LONE}` }, '/note'],
      ['POST', `/customers/${id}/costing`, { factory: LONE }, '/factory'],
      ['POST', '/customers', { companyName: `Acme ${'\udc00'} Ltd`, country: 'DE' }, '/companyName'],
      // A key that is not well-formed is refused as well: JSON objects become jsonb.
      ['POST', `/customers/${id}/inquiry`, { [`x${LONE}`]: 1 }, `/x${LONE}`],
    ];
    for (const [method, url, body, pointer] of cases) {
      const res = await within(15_000, h.call(rep.token, method, url, body));
      expect(res.status, `${method} ${url}`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toContain(pointer);
      expect(res.body.error.message).toMatch(/UTF-16|Unicode/);
    }
    const after = await h.customerRow(id);
    expect(after.version).toBe(before.version);
    expect(after.stage).toBe(before.stage);
  });

  it('a quote whose total does not fit the amount column is refused with a pointer to the items', async () => {
    const rep = await h.createRep();
    const id = await claimed(rep);
    await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, {});
    const res = await within(15_000, h.call(rep.token, 'POST', `/customers/${id}/quotes`, { currency: 'USD', discountPct: 0, marginPct: 10, items: overflowingItems }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toContain('/items');
    expect(await h.db.selectFrom('quotes').select('id').where('customer_id', '=', id).execute()).toHaveLength(0);
    // The tenure still answers at once.
    expect((await within(15_000, h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' }))).status).toBe(200);
  });
});

describe('a poisoned command sent straight to the workflow', () => {
  it('fails at once as a refusal, not retried, and the deadline still reclaims the customer on time', async () => {
    const rep = await h.createRep();
    const id = await claimed(rep);
    await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, {});
    const handle = h.client.workflow.getHandle(workflowIdFor(id));
    const refusals: string[] = [];
    const poisoned = [
      () => handle.executeUpdate(moveStageUpdate, { args: [{ actorId: rep.id, move: 'inquiry', details: { products: [LONE] } }] }),
      () => handle.executeUpdate(moveStageUpdate, { args: [{ actorId: rep.id, move: 'costing', details: { [`factory${LONE}`]: 'Zhongshan' } }] }),
      () =>
        handle.executeUpdate(submitQuoteUpdate, {
          args: [{ actorId: rep.id, body: { currency: 'USD', discountPct: 0, marginPct: 10, items: overflowingItems } }],
        }),
    ];
    for (const [n, send] of poisoned.entries()) {
      const started = Date.now();
      const error = await within(15_000, send().then((r) => ({ succeeded: r }), (e: unknown) => e));
      expect(error, `poisoned command ${n}`).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (error as WorkflowUpdateFailedError).cause;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect((cause as ApplicationFailure).nonRetryable).toBe(true);
      refusals.push((cause as ApplicationFailure).type ?? '');
      // Refused on the first attempt: no retries behind the tenure's lock.
      expect(Date.now() - started).toBeLessThan(5000);
    }
    expect(refusals).toEqual(['VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED']);

    // The tenure is not frozen: the next command goes through, and the deadline decides.
    const followUp = await within(15_000, h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' }));
    expect(followUp.status).toBe(200);
    // Counted from the follow-up: long enough that the rollout lands before it on a loaded machine.
    await h.publishRuleSet(fastReclaim({ cadence: { A: '8s', B: '8s', C: '8s', D: '8s', E: '8s' } }));
    const redecided = await h.waitFor(async () => {
      const row = await h.customerRow(id);
      return row.deadline && row.deadline.getTime() - Date.now() < 60_000 ? row.deadline.getTime() : null;
    });
    // Poison again while the deadline approaches.
    await Promise.all(poisoned.map((send) => send().catch(() => {})));
    await h.waitFor(async () => (await h.customerRow(id)).status === 'pool', 20_000);
    const reclaim = await h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', id).where('kind', '=', 'reclaimed').execute();
    expect(reclaim).toHaveLength(1);
    expect(reclaim[0]!.at.getTime() - redecided).toBeLessThan(2000);
    expect(reclaim[0]!.at.getTime()).toBeGreaterThanOrEqual(redecided);
  }, 60_000);
});

describe('no worker polling the task queue', () => {
  it('a command answers 503 within 15 s, and does not run later when a worker returns', async () => {
    const idle = await createHarness({ worker: false });
    try {
      const reps = [await idle.createRep(), await idle.createRep(), await idle.createRep()];
      const id = await idle.createCustomer({ assign: false });
      const started = Date.now();
      // Three reps click Claim at once: each is answered within the bound, not one bound after another.
      const claims = await Promise.all(reps.map((rep) => within(16_000, idle.call(rep.token, 'POST', `/customers/${id}/claim`).then((res) => ({ ...res, ms: Date.now() - started })))));
      for (const claim of claims) {
        expect(claim.ms).toBeLessThan(15_000);
        expect(claim.status, JSON.stringify(claim.body)).toBe(503);
        expect(claim.body.error.code).toBe('TEMPORARILY_UNAVAILABLE');
      }
      // The worker comes back: the claim its caller gave up on is refused, not run late.
      await idle.startWorker();
      const state = await idle.waitFor(() => idle.client.workflow.getHandle(workflowIdFor(id)).query(stateQuery).catch(() => null), 20_000);
      expect(state.ownerId).toBeNull();
      await new Promise((r) => setTimeout(r, 1000));
      expect((await idle.customerRow(id)).status).toBe('pool');
      expect(await idle.db.selectFrom('ownership_events').select('id').where('customer_id', '=', id).execute()).toHaveLength(0);
    } finally {
      await idle.close();
    }
  }, 60_000);
});
