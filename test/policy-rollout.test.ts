// A published reclaim policy always rolls out (issue 9 defect 7): the rollout is recorded in the
// publish transaction and started from there, at once or, while Temporal is down, by the sweeper
// once it is back; the publish answers 200 either way.
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startRolloutSweeper } from '../server/rules/policy-rollouts.service.js';
import { createHarness, type Harness } from './support/harness.js';
import { type OwnTemporal, ownTemporal } from './support/own-temporal.js';
import { fastReclaim } from './support/rule-sets.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

const minutes = (n: number) => `${n}m`;
const policy = (firstFollowUp: string) =>
  fastReclaim({ firstFollowUp, cadence: { A: firstFollowUp, B: firstFollowUp, C: firstFollowUp, D: firstFollowUp, E: firstFollowUp } });

describe('publishing a reclaim policy while Temporal is down', () => {
  let temporal: OwnTemporal;
  let h: Harness;

  it('answers 200 with the rollout pending, and the rollout starts and re-decides open deadlines once Temporal is back', async () => {
    temporal = await ownTemporal();
    cleanups.push(() => temporal.close());
    h = await createHarness({ temporalAddress: temporal.address, reclaim: policy(minutes(10)) });
    cleanups.push(() => h.close());
    const rep = await h.createRep();
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    const before = await h.customerRow(id);
    expect(before.deadline!.getTime() - Date.now()).toBeLessThan(11 * 60_000);

    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { document: policy('2h'), comment: 'longer first follow-up' });
    expect(draft.status).toBe(201);

    await temporal.stop();
    const started = Date.now();
    const published = await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    const tookMs = Date.now() - started;
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(tookMs).toBeLessThan(10_000);
    expect(published.body.published).toMatchObject({ id: draft.body.id, status: 'published' });
    expect(published.body.rollout).toMatchObject({ workflowId: `reclaim-policy-${draft.body.id}`, status: 'pending', attempts: 1 });
    expect(published.body.rollout.lastError).toEqual(expect.any(String));
    // Published for good: a retry is refused as before, and the rollout is on record.
    expect((await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {})).body.error.code).toBe('CONFLICT');
    const outbox = await h.db.selectFrom('policy_rollouts').selectAll().where('rule_set_id', '=', draft.body.id).executeTakeFirstOrThrow();
    expect(outbox).toMatchObject({ status: 'pending', attempts: 1, started_at: null });

    // The worker role's sweeper keeps trying while Temporal is down, recording each attempt.
    const sweeper = startRolloutSweeper({ db: h.db, lifecycle: h.lifecycle, clock: { now: () => new Date() }, logger: pino({ level: 'silent' }) }, { everyMs: 300 });
    cleanups.push(() => sweeper.stop());
    await h.waitFor(async () => {
      const row = await h.db.selectFrom('policy_rollouts').selectAll().where('rule_set_id', '=', draft.body.id).executeTakeFirstOrThrow();
      return row.attempts >= 2;
    }, 30_000);
    expect((await h.customerRow(id)).deadline!.getTime()).toBe(before.deadline!.getTime());

    await temporal.restart();
    const row = await h.waitFor(async () => {
      const r = await h.db.selectFrom('policy_rollouts').selectAll().where('rule_set_id', '=', draft.body.id).executeTakeFirstOrThrow();
      return r.status === 'started' ? r : null;
    }, 60_000);
    expect(row.started_at).not.toBeNull();
    // The open tenure's deadline is re-decided under the new policy (2 hours from the claim).
    const after = await h.waitFor(async () => {
      const c = await h.customerRow(id);
      return c.deadline!.getTime() - before.claimed_at!.getTime() > 100 * 60_000 ? c : null;
    }, 60_000);
    expect(after.owner_id).toBe(rep.id);
    const decisions = (await h.call(rep.token, 'GET', `/customers/${id}/decisions`)).body.items;
    expect(decisions.find((d: { trigger: string }) => d.trigger === 'policy_change')?.ruleSet.id).toBe(draft.body.id);
  }, 180_000);
});
