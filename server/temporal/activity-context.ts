// The running activity's heartbeat and cancellation, for long activities (handover batches),
// captured by an activity interceptor so activity code needs no import of the SDK's context.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

export interface ActivityControl {
  heartbeat(details?: unknown): void;
  /** A warning in the worker's log, with the activity's context. */
  warn(message: string, details?: Record<string, unknown>): void;
  /** Aborted when the worker shuts down or the server cancels the activity. */
  readonly signal: AbortSignal;
}

const storage = new AsyncLocalStorage<ActivityControl>();

/** The current activity's control; outside an activity (unit tests), a no-op that is never cancelled. */
export function activityControl(): ActivityControl {
  return storage.getStore() ?? { heartbeat: () => {}, warn: () => {}, signal: new AbortController().signal };
}

export const activityContextInterceptors: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    execute: (input, next) =>
      storage.run({ heartbeat: (d) => ctx.heartbeat(d), warn: (m, d) => ctx.log.warn(m, d), signal: ctx.cancellationSignal }, () => next(input)),
  },
});
