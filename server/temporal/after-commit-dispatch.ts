// Starts the webhook deliveries and wakes the chat robots of the events an API request committed.
// The request waits for Temporal at most `boundMs` in all, however many events it committed, and is
// never refused for it: the events are committed, and a delivery or robot not started by then (Temporal
// slow or down) is started by the worker's sweep (redispatchPending, wakeStaleChannels).
import type { Logger } from 'pino';
import type { EmitResult } from '../notifications/emit.js';
import { type DispatchDeps, dispatchPending } from './webhook-dispatch.js';
import { wakeChannels } from './robot-dispatch.js';

/** How long a request waits for the starts of its events' deliveries and robots. */
export const AFTER_COMMIT_DISPATCH_MS = 3_000;

export type DispatchEvents = (emitted: EmitResult | readonly EmitResult[]) => Promise<void>;

/**
 * @example
 * const dispatchEvents = afterCommitDispatch({ client, taskQueue });
 * const emitted = await db.transaction().execute((tx) => emitEventInTransaction(tx, event));
 * await dispatchEvents(emitted); // after commit; resolves within AFTER_COMMIT_DISPATCH_MS
 */
export function afterCommitDispatch(deps: DispatchDeps & { boundMs?: number; logger?: Logger }): DispatchEvents {
  const boundMs = deps.boundMs ?? AFTER_COMMIT_DISPATCH_MS;
  return async (emitted) => {
    const all: readonly EmitResult[] = Array.isArray(emitted) ? emitted : [emitted as EmitResult];
    const deliveryIds = [...new Set(all.flatMap((e) => e.deliveryIds))];
    const channelIds = [...new Set(all.flatMap((e) => e.chatChannelIds))];
    if (deliveryIds.length === 0 && channelIds.length === 0) return;
    // The deadline stops the calls; the timer stops the wait (the client's retries back off past a deadline).
    const work = deps.client.withDeadline(Date.now() + boundMs, () =>
      Promise.allSettled([deliveryIds.length > 0 ? dispatchPending(deps, deliveryIds) : null, channelIds.length > 0 ? wakeChannels(deps, channelIds) : null]),
    );
    let timer: NodeJS.Timeout | undefined;
    const outcomes = await Promise.race([work, new Promise<null>((resolve) => (timer = setTimeout(resolve, boundMs, null)))]).finally(() => clearTimeout(timer));
    const failed = outcomes === null ? ['not answered in time'] : outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    for (const reason of failed) {
      deps.logger?.warn({ err: reason, deliveries: deliveryIds.length, channels: channelIds.length }, 'events committed but not handed to Temporal; the sweep starts them');
    }
  };
}
