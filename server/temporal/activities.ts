// Every activity the worker registers, built from its dependencies: the tenure's commands, the
// policy rollout, the reconciler's round, the webhook attempts, the chat robots' sender and handover batches (interfaces in workflows/activities.ts).
import type { Client } from '@temporalio/client';
import type { Activities, ReconcileReport } from '../../workflows/activities.js';
import { createLifecycleClient } from '../lifecycle/lifecycle.client.js';
import type { DestinationPolicy } from '../net/public-destination.js';
import { createReconcileActivities } from './reconcile.activities.js';
import { createRolloutActivities } from './rollout.activities.js';
import { type TenureActivityDeps, createTenureActivities } from './tenure.activities.js';
import { createWebhookActivities } from './webhook-delivery.activities.js';
import { createRobotActivities } from './robot.activities.js';
import { createHandoverActivities } from './handover.activities.js';
import { createImportActivities } from './import.activities.js';

export interface ActivityDeps extends TenureActivityDeps {
  /** For activities that talk to other workflows (policy rollouts signal open tenures). */
  client?: Client | undefined;
  /** The task queue this worker serves (the reconciler compares it with the database). */
  taskQueue?: string | undefined;
  /** Where webhook deliveries may connect: public addresses and the allowed private ranges. */
  destinations: DestinationPolicy;
  /** Chat robots: the vendors' minute (CHAT_RATE_WINDOW, 1 min) and where deep links point (PUBLIC_URL). */
  chat?: { windowMs: number; publicUrl: string | null } | undefined;
  /** NEAR_DUPLICATE_THRESHOLD: imports flag new customers with similar names (default: the configuration's). */
  nearDuplicateThreshold?: number | undefined;
}

export function createActivities(deps: ActivityDeps): Activities {
  const { db, clock, decisions, client } = deps;
  const reconcile =
    client && deps.taskQueue
      ? createReconcileActivities({ db, clock, decisions, client, taskQueue: deps.taskQueue, metrics: deps.metrics })
      : {
          reconcileTenures(): Promise<ReconcileReport> {
            throw new Error('reconcileTenures needs a Temporal client and the task queue in the activity dependencies');
          },
        };
  // The rollout signals tenures as the API's lifecycle client does (bounded, a tenure gone is skipped).
  const lifecycle = client && deps.taskQueue ? createLifecycleClient(client, deps.taskQueue, { metrics: deps.metrics }) : undefined;
  const policyChanged = lifecycle?.policyChanged;
  return {
    ...createRobotActivities({ db, clock, destinations: deps.destinations, windowMs: deps.chat?.windowMs ?? 60_000, publicUrl: deps.chat?.publicUrl ?? null, metrics: deps.metrics }),
    ...createWebhookActivities({ db, clock, destinations: deps.destinations, metrics: deps.metrics }),
    ...reconcile,
    ...createTenureActivities(deps),
    ...createRolloutActivities({ db, policyChanged }),
    // A handover moves each customer through its tenure, as the API's commands do.
    ...createHandoverActivities({ db, clock, decisions, lifecycle, events: deps.events, metrics: deps.metrics }),
    // An import starts the tenures of the customers it gives to reps, as a create does.
    ...createImportActivities({ db, clock, decisions, lifecycle, metrics: deps.metrics, threshold: deps.nearDuplicateThreshold }),
  };
}
