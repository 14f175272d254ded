// Shared by the chat robot sender workflow and whoever wakes it: names, the input, the retry
// policy of one message. Pure (no Temporal or Node imports), because the workflow bundle includes it.
import type { WebhookRetryPolicy } from './webhook-delivery-policy.js';

export const ROBOT_CHANNEL_WORKFLOW = 'robotChannel';
/** Signalled when a channel has new events to send (signalWithStart starts the sender if idle). */
export const ROBOT_WAKE_SIGNAL = 'wake';

/** One sender per channel: Temporal refuses a second, so a channel's rate window has one owner. */
export const robotWorkflowIdFor = (channelId: string) => `robot-${channelId}`;

/** 2 s, 4 s, 8 s … capped at 5 min; 10 attempts span about 20 minutes. */
export const DEFAULT_ROBOT_RETRY: WebhookRetryPolicy = {
  initialIntervalMs: 2_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 5 * 60_000,
  maximumAttempts: 10,
};

export interface RobotChannelInput {
  channelId: string;
  retry?: Partial<WebhookRetryPolicy>;
}

/** What the sender does next: send these messages, or wait until the rate window frees a slot. */
export interface RobotPlan {
  /** The channel was deleted or deactivated: the sender ends. */
  gone: boolean;
  messageIds: string[];
  /** Nothing may be sent before this many ms have passed (the window is full); null: not waiting. */
  waitMs: number | null;
}

export type RobotOutcome = 'delivered' | 'failed' | 'gone';

/** Failure types: the robot refused or did not answer, its rate limit answered, or our window is full. */
export const ROBOT_REJECTED = 'ROBOT_REJECTED';
export const ROBOT_RATE_LIMITED = 'ROBOT_RATE_LIMITED';
export const ROBOT_WINDOW_FULL = 'ROBOT_WINDOW_FULL';
