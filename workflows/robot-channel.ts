// One sender per chat channel (id `robot-<channelId>`): asks what the rate window allows (single
// messages, or digests when more events wait than the window takes), sends each message with
// retries and backoff, sleeps until the window frees a slot, and otherwise waits to be woken.
// Timers live in Temporal, so a burst keeps draining across worker restarts.
import { ActivityFailure, condition, continueAsNew, proxyActivities, setHandler, sleep, defineSignal } from '@temporalio/workflow';
import type { RobotActivities } from './activities.js';
import { DEFAULT_ROBOT_RETRY, ROBOT_WAKE_SIGNAL, type RobotChannelInput } from './robot-channel-policy.js';

const wake = defineSignal(ROBOT_WAKE_SIGNAL);
/** Rounds before the history is cut with continue-as-new. */
const ROUNDS_PER_RUN = 200;
/** An idle sender ends after this long; the next event starts it again. */
const IDLE_FOR = '1 hour';

export async function robotChannel(input: RobotChannelInput): Promise<void> {
  const retry = { ...DEFAULT_ROBOT_RETRY, ...input.retry };
  const { planRobotMessages, failRobotMessage } = proxyActivities<RobotActivities>({
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: '10 minutes',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  const { sendRobotMessage } = proxyActivities<RobotActivities>({
    // Longer than the request timeout (10 s) plus recording the answer.
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: '1 day',
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: retry.backoffCoefficient,
      maximumInterval: retry.maximumIntervalMs,
      maximumAttempts: retry.maximumAttempts,
    },
  });
  let woken = false;
  setHandler(wake, () => {
    woken = true;
  });

  const sendAll = async (messageIds: string[]) => {
    for (const messageId of messageIds) {
      try {
        await sendRobotMessage({ messageId });
      } catch (e) {
        if (!(e instanceof ActivityFailure)) throw e;
        // The attempts ran out: the message is failed, with its last answer, for Settings to show.
        await failRobotMessage({ messageId });
      }
    }
  };

  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    woken = false;
    const plan = await planRobotMessages({ channelId: input.channelId });
    if (plan.gone) return;
    await sendAll(plan.messageIds);
    if (plan.messageIds.length > 0) continue;
    if (plan.waitMs !== null) {
      await sleep(Math.max(1, plan.waitMs));
      continue;
    }
    if (!(await condition(() => woken, IDLE_FOR))) {
      // Idle: one last look (a wake-up may race the timer), then end.
      const last = await planRobotMessages({ channelId: input.channelId });
      if (last.gone || (last.messageIds.length === 0 && last.waitMs === null)) return;
      await sendAll(last.messageIds);
    }
  }
  await continueAsNew<typeof robotChannel>(input);
}
