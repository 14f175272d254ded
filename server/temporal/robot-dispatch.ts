// Wakes the sender of each chat channel that has new events: signalWithStart, so an idle channel's
// sender starts and a running one looks again. Waking twice is harmless; a sweep wakes channels
// whose events a crash between commit and wake-up left waiting.
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { channelsWithStaleEvents } from '../chat/chat-outbox.repository.js';
import type { WebhookRetryPolicy } from '../../workflows/webhook-delivery-policy.js';
import { ROBOT_CHANNEL_WORKFLOW, ROBOT_WAKE_SIGNAL, type RobotChannelInput, robotWorkflowIdFor } from '../../workflows/robot-channel-policy.js';

export interface RobotDispatchDeps {
  client: Client;
  /** The task queue of a worker that registers robotChannel and the robot activities. */
  taskQueue: string;
  /** Overrides of the default backoff (tests use short intervals). */
  retry?: Partial<WebhookRetryPolicy>;
}

/**
 * @example
 * const { chatChannelIds } = await emitEvent(db, event);
 * await wakeChannels({ client, taskQueue }, chatChannelIds); // after commit
 */
export async function wakeChannels(deps: RobotDispatchDeps, channelIds: readonly string[]): Promise<void> {
  for (const channelId of new Set(channelIds)) {
    const input: RobotChannelInput = { channelId, ...(deps.retry ? { retry: deps.retry } : {}) };
    await deps.client.workflow.signalWithStart(ROBOT_CHANNEL_WORKFLOW, {
      workflowId: robotWorkflowIdFor(channelId),
      taskQueue: deps.taskQueue,
      args: [input],
      signal: ROBOT_WAKE_SIGNAL,
      signalArgs: [],
    });
  }
}

/** Wakes channels with events older than `olderThanMs` that no message carries yet. */
export async function wakeStaleChannels(deps: RobotDispatchDeps & { db: Kysely<Database> }, options: { now: Date; olderThanMs: number }): Promise<number> {
  const ids = await channelsWithStaleEvents(deps.db, new Date(options.now.getTime() - options.olderThanMs));
  await wakeChannels(deps, ids);
  return ids.length;
}
