// The notices of a handover or bulk move: each receiver is told of each customer, and whoever
// started the job what moved where, once, before the item or the job reads done, and a retry of
// the step after a failure in between still tells them (real Postgres and Temporal; the job's
// activities run as the worker runs them, their notice failing once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../server/ids.js';
import { systemClock } from '../server/clock.js';
import { metrics } from '../server/metrics/metrics.js';
import { findJob, insertJob } from '../server/handovers/handover-jobs.repository.js';
import { type LifecycleEvents, notificationEvents } from '../server/notifications/lifecycle-events.js';
import { createHandoverActivities } from '../server/temporal/handover.activities.js';
import { createHarness, type Harness } from './support/harness.js';
import { eventsFailingFirst } from './support/notification-events.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 120_000);
afterAll(() => h?.close());

async function startedJob() {
  const manager = await h.createRep({ role: 'manager' });
  const id = newId();
  await insertJob(h.db, { id, kind: 'bulk', from_rep_id: null, team_id: null, started_by: manager.id, options: {}, created_at: new Date() }, []);
  return { id, managerId: manager.id };
}

const failingFirst = (failures: number) => eventsFailingFirst(h.db, failures);

const told = (repId: string) => h.db.selectFrom('notifications').select(['kind', 'title']).where('rep_id', '=', repId).where('kind', '=', 'handover.completed').execute();

describe('finishing a handover job', () => {
  it('tells whoever started it once, though the first attempt of the step failed on its notice', async () => {
    const { id, managerId } = await startedJob();
    const activities = createHandoverActivities({ db: h.db, clock: systemClock, decisions: h.decisions, events: failingFirst(1) });
    await expect(activities.finishHandover({ jobId: id })).rejects.toThrow('connection terminated');
    // The retry the workflow makes.
    const summary = await activities.finishHandover({ jobId: id });
    expect(summary.total).toBe(0);
    expect((await findJob(h.db, id))?.status).toBe('completed');
    expect(await told(managerId)).toHaveLength(1);
    // Once: a third run (a replayed step) tells nobody again.
    await activities.finishHandover({ jobId: id });
    expect(await told(managerId)).toHaveLength(1);
  });

  it('names the departed rep by name with the id beside it, in the stored (English) notice', async () => {
    const manager = await h.createRep({ role: 'manager' });
    const leaver = await h.createRep({});
    const id = newId();
    await insertJob(h.db, { id, kind: 'handover', from_rep_id: leaver.id, team_id: null, started_by: manager.id, options: {}, created_at: new Date() }, []);
    await createHandoverActivities({ db: h.db, clock: systemClock, decisions: h.decisions, events: notificationEvents({ db: h.db, clock: systemClock }) }).finishHandover({ jobId: id });
    expect((await told(manager.id)).map((n) => n.title)).toEqual([`Handover of Rep ${leaver.id} (${leaver.id}) done`]);
  });

  it('has told them by the time the job reads completed', async () => {
    const { id, managerId } = await startedJob();
    const real = notificationEvents({ db: h.db, clock: systemClock });
    let completedWhenTold: string | undefined;
    const events: LifecycleEvents = {
      async emit(event) {
        completedWhenTold = (await findJob(h.db, id))?.status;
        await real.emit(event);
      },
    };
    const activities = createHandoverActivities({ db: h.db, clock: systemClock, decisions: h.decisions, events });
    await activities.finishHandover({ jobId: id });
    expect(completedWhenTold).toBe('running');
    expect((await findJob(h.db, id))?.status).toBe('completed');
    expect(await told(managerId)).toHaveLength(1);
  });

  it('tells the receiver of a customer, though the notice failed once after the move', async () => {
    const manager = await h.createRep({ role: 'manager' });
    const leaver = await h.createRep();
    const receiver = await h.createRep();
    const customerId = await h.createCustomer({ assign: false });
    expect((await h.call(leaver.token, 'POST', `/customers/${customerId}/claim`)).status).toBe(200);
    const jobId = newId();
    await insertJob(
      h.db,
      { id: jobId, kind: 'handover', from_rep_id: leaver.id, team_id: null, started_by: manager.id, options: {}, created_at: new Date() },
      [{ customerId, plan: 'rep', targetRepId: receiver.id, targetPoolId: null }],
    );
    const activities = createHandoverActivities({ db: h.db, clock: systemClock, decisions: h.decisions, lifecycle: h.lifecycle, events: failingFirst(1) });
    const moves = async () => (await metrics.handoverMoves.get()).values.reduce((a, v) => a + v.value, 0);
    const movesBefore = await moves();
    await expect(activities.runHandoverBatch({ jobId, limit: 10 })).rejects.toThrow('connection terminated');
    // The retry the workflow makes: the move is done already, the notice is not.
    expect(await activities.runHandoverBatch({ jobId, limit: 10 })).toEqual({ moved: 1, pending: 0 });
    expect((await h.customerRow(customerId)).owner_id).toBe(receiver.id);
    const item = await h.db.selectFrom('handover_items').selectAll().where('job_id', '=', jobId).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ outcome: 'to_rep', to_rep_id: receiver.id });
    const notices = await h.db.selectFrom('notifications').select('kind').where('rep_id', '=', receiver.id).where('kind', '=', 'customer.handed_over').execute();
    expect(notices).toHaveLength(1);
    // Counted once, when the item was settled.
    expect((await moves()) - movesBefore).toBe(1);
  });
});
