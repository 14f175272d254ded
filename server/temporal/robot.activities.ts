// The activities of the per-channel robot sender: plan what the rate window allows, one signed
// attempt per call (Temporal retries with backoff), and the message failed once the attempts run out.
import { ApplicationFailure } from '@temporalio/common';
import type { RobotActivities } from '../../workflows/activities.js';
import { ROBOT_RATE_LIMITED, ROBOT_REJECTED, ROBOT_WINDOW_FULL } from '../../workflows/robot-channel-policy.js';
import { failMessage } from '../chat/chat-outbox.repository.js';
import { type RobotSenderDeps, WindowFull, createRobotSender } from '../chat/robot-sender.js';

export function createRobotActivities(deps: RobotSenderDeps): RobotActivities {
  const sender = createRobotSender(deps);
  return {
    planRobotMessages: (input) => sender.plan(input.channelId),

    async sendRobotMessage(input) {
      let result: Awaited<ReturnType<typeof sender.attempt>>;
      try {
        result = await sender.attempt(input.messageId);
      } catch (e) {
        if (e instanceof WindowFull) throw ApplicationFailure.retryable(e.message, ROBOT_WINDOW_FULL);
        throw e;
      }
      switch (result.outcome) {
        case 'delivered':
          return 'delivered';
        case 'gone':
          return 'gone';
        case 'already':
          return result.answer === 'delivered' ? 'delivered' : 'failed';
        case 'refused':
          return 'failed';
        case 'rate_limited':
          throw ApplicationFailure.retryable(`The robot is over its rate limit: ${result.answer ?? ''}`, ROBOT_RATE_LIMITED);
        default:
          throw ApplicationFailure.retryable(`The robot refused the message (HTTP ${result.status ?? '—'}): ${result.answer ?? ''}`, ROBOT_REJECTED);
      }
    },

    failRobotMessage: (input) => failMessage(deps.db, input.messageId),
  };
}
