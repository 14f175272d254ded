// The end of a handover or bulk move: whoever started it is told once what moved where, before
// the job reads completed, and a retry of the step after a failure in between still tells them
// (real Postgres; the finishing activity run as the worker runs it, its notice failing once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../server/ids.js';
import { systemClock } from '../server/clock.js';
import type { Decisions } from '../server/decisions/decider.js';
import { findJob, insertJob } from '../server/handovers/handover-jobs.repository.js';
import { type LifecycleEvents, notificationEvents } from '../server/notifications/lifecycle-events.js';
import { createHandoverActivities } from '../server/temporal/handover.activities.js';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
}, 120_000);
afterAll(() => h?.close());

async function startedJob() {
  const manager = await h.createRep({ role: 'manager' });
  const id = newId();
  await insertJob(h.db, { id, kind: 'bulk', from_rep_id: null, team_id: null, started_by: manager.id, options: {}, created_at: new Date() }, []);
  return { id, managerId: manager.id };
}

const told = (repId: string) => h.db.selectFrom('notifications').select(['kind', 'title']).where('rep_id', '=', repId).where('kind', '=', 'handover.completed').execute();

describe('finishing a handover job', () => {
  it('tells whoever started it once, though the first attempt failed after the job completed', async () => {
    const { id, managerId } = await startedJob();
    const real = notificationEvents({ db: h.db, clock: systemClock });
    let failures = 1;
    const events: LifecycleEvents = {
      async emit(event) {
        if (failures-- > 0) throw new Error('connection terminated unexpectedly');
        await real.emit(event);
      },
    };
    const activities = createHandoverActivities({ db: h.db, clock: systemClock, decisions: undefined as unknown as Decisions, events });
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
    const activities = createHandoverActivities({ db: h.db, clock: systemClock, decisions: undefined as unknown as Decisions, events });
    await activities.finishHandover({ jobId: id });
    expect(completedWhenTold).toBe('running');
    expect((await findJob(h.db, id))?.status).toBe('completed');
    expect(await told(managerId)).toHaveLength(1);
  });
});
