// Faults (issue 4): the Temporal server (file database) stopped and restarted while deadlines are
// pending; Postgres unreachable for a while; tenures that continue as new keep their state.
import { afterAll, describe, expect, it } from 'vitest';
import { ownTemporal } from './support/own-temporal.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});


async function ownServer(extraArgs: string[] = []) {
  const server = await ownTemporal(extraArgs);
  cleanups.push(() => server.close());
  return server;
}

const reclaims = (h: Harness, id: string) =>
  h.db.selectFrom('ownership_events').selectAll().where('customer_id', '=', id).where('kind', '=', 'reclaimed').execute();

describe('a Temporal server restart', () => {
  it('loses no pending deadline and reclaims each customer once, on time', async () => {
    const temporal = await ownServer();
    // The deadlines fall after the outage: while the server is down the worker's polls back off (200 ms,
    // doubling, at most 10 s), so a deadline inside the outage would measure that backoff, not the timers.
    const h = await createHarness({ temporalAddress: temporal.address, reclaim: fastReclaim({ firstFollowUp: '20s' }) });
    cleanups.push(() => h.close());
    const rep = await h.createRep();
    const ids = [await h.createCustomer({ assign: false }), await h.createCustomer({ assign: false }), await h.createCustomer({ assign: false })];
    const deadlines: number[] = [];
    for (const id of ids) deadlines.push(Date.parse((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).body.deadline));

    await temporal.stop();
    // The server is down for a while; the API answers 503 for commands meanwhile, reads still work.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await h.call(rep.token, 'GET', `/customers/${ids[0]}`)).status).toBe(200);
    await temporal.restart();
    // Back with time to spare: the worker's next poll (at most about 12.6 s into the outage) comes before the first deadline.
    expect(Math.min(...deadlines) - Date.now()).toBeGreaterThan(5000);

    for (const [i, id] of ids.entries()) {
      await h.waitFor(async () => (await h.customerRow(id)).status === 'pool', 20_000);
      const events = await reclaims(h, id);
      expect(events).toHaveLength(1);
      expect(events[0]!.at.getTime() - deadlines[i]!).toBeLessThan(2000);
    }
    // Nothing doubled once the dust settles.
    await new Promise((r) => setTimeout(r, 1500));
    for (const id of ids) expect(await reclaims(h, id)).toHaveLength(1);
  }, 90_000);
});

describe('a database outage', () => {
  it('is ridden out by retried activities: the reclaim happens once when Postgres is back', async () => {
    const h = await createHarness({ databaseProxy: true, reclaim: fastReclaim({ firstFollowUp: '3s' }) });
    cleanups.push(() => h.close());
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    const deadline = Date.parse(claim.body.deadline);

    h.proxy!.cut();
    // The deadline passes while the database is unreachable: the API refuses with 503, not 500.
    const during = await h.call(rep.token, 'GET', `/customers/${id}`);
    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('DATABASE_UNAVAILABLE');
    await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()) + 2500));
    h.proxy!.resume();

    await h.waitFor(async () => (await h.customerRow(id)).status === 'pool', 20_000);
    expect(await reclaims(h, id)).toHaveLength(1);
    const cooldowns = await h.db.selectFrom('cooldowns').selectAll().where('customer_id', '=', id).execute();
    expect(cooldowns).toHaveLength(1);
  }, 60_000);
});

describe('continue-as-new', () => {
  it('starts a fresh run when the history grows, carrying owner, deadline and sequence', async () => {
    const temporal = await ownServer(['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=40']);
    const h = await createHarness({ temporalAddress: temporal.address, reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
    cleanups.push(() => h.close());
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    for (let i = 0; i < 12; i++) expect((await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call', note: `call ${i}` })).status).toBe(200);
    const runs = await h.waitFor(async () => {
      const list = [];
      for await (const e of h.client.workflow.list({ query: `WorkflowId = 'customer-${id}'` })) list.push(e);
      return list.length >= 2 ? list : null;
    });
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const state = await h.client.workflow.getHandle(`customer-${id}`).query('state');
    expect(state).toMatchObject({ ownerId: rep.id, stage: 'follow_up' });
    expect((state as { seq: number }).seq).toBeGreaterThan(12);
    // The continued run still works: commands and the deadline.
    expect((await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, {})).status).toBe(200);
    const activities = await h.db.selectFrom('customer_activities').select('idempotency_key').where('customer_id', '=', id).execute();
    expect(new Set(activities.map((a) => a.idempotency_key)).size).toBe(activities.length);
    expect(activities).toHaveLength(13);
  }, 60_000);
});
