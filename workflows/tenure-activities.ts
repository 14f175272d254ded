// The activities of the customer lifecycle workflow and the bounds each runs within.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from './activities.js';

/**
 * Every activity is bounded (R13): an attempt that hangs is cut off, and retries (an outage) stop
 * after the schedule-to-close bound, so no command holds the tenure's lock for longer, and a
 * caller hears back within 15 s. Values the database refuses fail at once (activity-failures.ts).
 * The deadline's reclaim is retried by the workflow itself until it succeeds (see its main loop).
 */
const activityOptions = {
  startToCloseTimeout: '4 seconds',
  scheduleToCloseTimeout: '5 seconds',
  retry: { initialInterval: '200 ms', backoffCoefficient: 2, maximumInterval: '2 seconds' },
} as const;

// Ordinary activities also wait in the task queue, so their bound is wider.
export const remoteActs = proxyActivities<Activities>({ ...activityOptions, startToCloseTimeout: '10 seconds', scheduleToCloseTimeout: '10 seconds' });

/**
 * Runs started by this code do their work as local activities: inside the workflow task that the
 * update, signal or timer starts, with no activity task and no second workflow task in between —
 * a third of the round trips through Temporal for every claim, follow-up, stage move and reclaim.
 * Each is a short Postgres transaction keyed for idempotency (workflow id, tenure and sequence
 * number), so running again after a crashed workflow task is harmless; while Postgres is away they
 * retry with the same policy as ordinary activities. Runs started before
 * (no 'local-activities' marker in their history) keep ordinary activities to the end.
 */
export const localActs = proxyLocalActivities<Activities>(activityOptions);

export type TenureActivities = typeof remoteActs;
