// R13: the database and the workflows cannot disagree for good. A claim whose workflow task fails
// after its transaction committed is retried by the API; when it cannot be saved, or a tenure is
// terminated by hand, the reconciler restarts the tenure from the row within a minute (reclaiming
// it at once when its deadline passed), stops tenures the database moved past, and audits each
// repair as `reconciled`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkflowBundle } from '../workflows/bundle.js';
import { reconcilerTotalsQuery, reconcilerWorkflowId } from '../workflows/reconciler.js';
import { stateQuery, workflowIdFor } from '../workflows/shared.js';
import { createHarness, type Harness } from './support/harness.js';
import { failFirstWrite, firstWriteFailed } from './support/database-faults.js';
import { fastReclaim } from './support/rule-sets.js';
import { parseExposition, sampleValue } from './support/prometheus-text.js';
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/database.js';
import type { Metrics } from '../server/metrics/metrics.js';
import { systemClock } from '../server/clock.js';
import { createReconcileActivities } from '../server/temporal/reconcile.activities.js';

const REPAIR_WITHIN_MS = 60_000;

let h: Harness;
/** Customers whose claim fails its workflow task this many more times. */
const failClaims = new Map<string, number>();

beforeAll(async () => {
  h = await createHarness({ worker: false, reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
  const bundle = await buildWorkflowBundle([new URL('./support/fault-points.workflow-interceptor.ts', import.meta.url).pathname]);
  await h.startWorker({
    workflowBundle: { code: bundle.code },
    extraActivities: {
      async faultPoint(input: { point: string; workflowId: string }) {
        const left = failClaims.get(input.workflowId) ?? 0;
        if (left > 0) failClaims.set(input.workflowId, left - 1);
        return left > 0;
      },
    },
  });
  await h.startReconciler(1000);
}, 120_000);
afterAll(() => h?.close());

const events = async (id: string) =>
  (await h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', id).orderBy('at').orderBy('id').execute()).map((e) => ({ kind: e.kind, details: e.details }));

async function tenureState(id: string) {
  const handle = h.client.workflow.getHandle(workflowIdFor(id));
  const description = await handle.describe().catch(() => null);
  if (description?.status.name !== 'RUNNING') return null;
  return handle.query(stateQuery).catch(() => null);
}

describe('a claim whose workflow task fails after its transaction committed', () => {
  it('is sent again by the API and succeeds, with nothing left to repair', async () => {
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    // A refused claim first, so the next one lands on a running workflow (a speculative task).
    const capped = await h.createRep({ privateCap: 0 });
    expect((await h.call(capped.token, 'POST', `/customers/${id}/claim`)).body.error?.code).toBe('CAP_REACHED');
    failClaims.set(workflowIdFor(id), 1);
    const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    expect(failClaims.get(workflowIdFor(id))).toBe(0);
    const state = await tenureState(id);
    expect(state).toMatchObject({ ownerId: rep.id, tenureId: (await h.customerRow(id)).tenure_id });
    expect((await events(id)).map((e) => e.kind)).toEqual(['claimed']);
  });

  it('when it keeps failing, answers 503, and the reconciler gives the rep the tenure the database holds', async () => {
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    failClaims.set(workflowIdFor(id), 1000);
    const started = Date.now();
    const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(claim.status).toBe(503);
    expect(claim.body.error.code).toBe('TEMPORARILY_UNAVAILABLE');
    // The transaction committed: the row is owned, but no tenure holds it.
    const row = await h.customerRow(id);
    expect(row).toMatchObject({ status: 'owned', owner_id: rep.id });

    // The fault stays until the reconciler has repaired: a failed workflow task is retried by the
    // server with the claim it carried, and that retry must not be what gives the rep the tenure.
    await h.waitFor(async () => (await events(id)).some((e) => e.kind === 'reconciled'), REPAIR_WITHIN_MS);
    failClaims.delete(workflowIdFor(id));
    const repaired = await h.waitFor(async () => {
      const state = await tenureState(id);
      return state?.ownerId === rep.id ? state : null;
    }, REPAIR_WITHIN_MS);
    expect(repaired.tenureId).toBe(row.tenure_id);
    expect(repaired.deadline).toBe(row.deadline!.getTime());
    const reconciled = (await events(id)).filter((e) => e.kind === 'reconciled');
    expect(reconciled).toHaveLength(1);
    expect(reconciled[0]!.details).toMatchObject({ repair: 'restarted', overdue: false });
    // The repaired tenure answers commands.
    expect((await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call' })).status).toBe(200);
  }, 90_000);
});

describe('a tenure terminated by hand', () => {
  it('is restarted from the row with its remaining deadline, which then reclaims on time', async () => {
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '15s' }));
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    expect(claim.status).toBe(200);
    const deadline = Date.parse(claim.body.deadline);
    await h.client.workflow.getHandle(workflowIdFor(id)).terminate('an operator slipped');

    const state = await h.waitFor(() => tenureState(id), REPAIR_WITHIN_MS);
    expect(state).toMatchObject({ ownerId: rep.id, deadline });
    expect((await events(id)).filter((e) => e.kind === 'reconciled')[0]!.details).toMatchObject({ repair: 'restarted', overdue: false, previousRun: { status: 'TERMINATED' } });

    await h.waitFor(async () => (await h.customerRow(id)).status === 'pool', 30_000);
    const reclaims = await h.db.selectFrom('ownership_events').select('at').where('customer_id', '=', id).where('kind', '=', 'reclaimed').execute();
    expect(reclaims).toHaveLength(1);
    expect(reclaims[0]!.at.getTime()).toBeGreaterThanOrEqual(deadline);
    expect(reclaims[0]!.at.getTime() - deadline).toBeLessThan(2000);
  }, 90_000);

  it('is reclaimed at once when its deadline passed meanwhile', async () => {
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '2s' }));
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    await h.client.workflow.getHandle(workflowIdFor(id)).terminate('an operator slipped');

    await h.waitFor(async () => (await h.customerRow(id)).status === 'pool', REPAIR_WITHIN_MS);
    const kinds = await events(id);
    expect(kinds.map((e) => e.kind)).toEqual(['claimed', 'reconciled', 'reclaimed']);
    expect(kinds[1]!.details).toMatchObject({ repair: 'restarted', overdue: true });
  }, 90_000);
});

describe('a repair whose audit fails once', () => {
  it('is audited once and made by a later round (the audit comes before the act)', async () => {
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m' }));
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    const fault = 'fail_first_reconciled_audit';
    await failFirstWrite(h.db, { name: fault, table: 'ownership_events', event: 'insert', when: `new.kind = 'reconciled' and new.customer_id = '${id}'` });
    await h.client.workflow.getHandle(workflowIdFor(id)).terminate('an operator slipped');

    const state = await h.waitFor(() => tenureState(id), REPAIR_WITHIN_MS);
    expect(state).toMatchObject({ ownerId: rep.id });
    expect(await firstWriteFailed(h.db, fault)).toBe(true);
    const reconciled = (await events(id)).filter((e) => e.kind === 'reconciled');
    expect(reconciled).toHaveLength(1);
    expect(reconciled[0]!.details).toMatchObject({ repair: 'restarted', previousRun: { status: 'TERMINATED' } });
  }, 90_000);
});

describe('a tenure the database moved past', () => {
  it('is stopped, so the customer the pool shows can be claimed again', async () => {
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m' }));
    const rep = await h.createRep();
    const other = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    // A write the workflow never heard of puts the customer back in the pool.
    await h.db.updateTable('customers').set({ status: 'pool', owner_id: null, stage: null, tenure_id: null, deadline: null, deadline_kind: null }).where('id', '=', id).execute();
    expect((await h.call(other.token, 'POST', `/customers/${id}/claim`)).body.error?.code).toBe('CUSTOMER_OWNED');

    await h.waitFor(async () => (await events(id)).some((e) => e.kind === 'reconciled'), REPAIR_WITHIN_MS);
    expect((await events(id)).find((e) => e.kind === 'reconciled')!.details).toMatchObject({ repair: 'stopped', tenureOwnerId: rep.id });
    const claim = await h.call(other.token, 'POST', `/customers/${id}/claim`);
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    expect(claim.body.ownerId).toBe(other.id);
  }, 90_000);
});

describe('a round whose database reads cannot be trusted', () => {
  /** A round of the reconciler's check reading the database through `db`, repairs made at once. */
  const round = (db: Kysely<Database>) =>
    createReconcileActivities({ db, clock: systemClock, decisions: h.decisions, client: h.client, taskQueue: h.taskQueue, graceMs: 0, metrics: { reconcilerRepairs: { inc() {} } } as unknown as Metrics }).reconcileTenures();

  it('stops no live tenure when every read answers nothing, nor when the read fails', async () => {
    await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m' }));
    const rep = await h.createRep();
    const ids = [];
    for (let i = 0; i < 4; i++) {
      const id = await h.createCustomer({ assign: false });
      expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
      ids.push(id);
    }
    // The embedded database's protocol lost (issue: a 5,000-row import): every read came back empty, with no error.
    const answersNothing = h.db.withPlugin({ transformQuery: (a) => a.node, transformResult: async () => ({ rows: [] }) });
    const report = await round(answersNothing);
    expect(report).toMatchObject({ ownedRows: 0, stopped: 0 });
    const fails = h.db.withPlugin({
      transformQuery: (a) => a.node,
      transformResult: async () => {
        throw Object.assign(new Error('the embedded database is not queryable'), { code: '08006' });
      },
    });
    await expect(round(fails)).rejects.toThrow(/not queryable/);
    for (const id of ids) expect(await tenureState(id), id).toMatchObject({ ownerId: rep.id, ended: null });
  }, 60_000);
});

describe('the reconciler', () => {
  it('counts its rounds and repairs', async () => {
    const totals = await h.client.workflow.getHandle(reconcilerWorkflowId(h.taskQueue)).query(reconcilerTotalsQuery);
    expect(totals.rounds).toBeGreaterThan(0);
    expect(totals.restarted).toBeGreaterThanOrEqual(3);
    expect(totals.overdue).toBeGreaterThanOrEqual(1);
    expect(totals.stopped).toBeGreaterThanOrEqual(2);
    // The same repairs in the process's metrics, by kind.
    const res = await h.app.request('/metrics', { headers: { authorization: `Bearer ${h.adminToken}` } });
    const scrape = parseExposition(await res.text());
    const repairs = (kind: string) => sampleValue(scrape, 'highseas_reconciler_repairs_total', { kind });
    expect(repairs('restarted') + repairs('restarted_overdue')).toBe(totals.restarted);
    expect(repairs('restarted_overdue')).toBe(totals.overdue);
    expect(repairs('stopped')).toBe(totals.stopped);
  });
});
