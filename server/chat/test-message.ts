// The test message of a channel: composed and sent at once (one attempt, counted against the
// robot's rate window like every other message), failed at once if the robot refuses it.
import { AppError, ErrorCode } from '../errors.js';
import { testMessage } from './chat-texts.js';
import { deleteUnsentMessage, failMessage, insertMessage } from './chat-outbox.repository.js';
import { type RobotSenderDeps, WindowFull, createRobotSender } from './robot-sender.js';
import { messageBody } from './vendors.js';
import type { ChatKind } from '../db/tables/chat.js';

export async function sendTestMessage(
  deps: RobotSenderDeps,
  channel: { id: string; name: string; kind: ChatKind; language: 'zh' | 'en'; team_language: 'zh' | 'en' | null },
): Promise<string> {
  const body = messageBody(channel.kind, testMessage(channel.team_language ?? channel.language, channel.name, deps.publicUrl));
  const messageId = await insertMessage(deps.db, { channelId: channel.id, kind: 'test', body, eventIds: [], now: deps.clock.now() });
  try {
    const result = await createRobotSender(deps).attempt(messageId);
    if (result.outcome !== 'delivered') await failMessage(deps.db, messageId);
  } catch (e) {
    if (e instanceof WindowFull) {
      // Nothing was sent: no message to show.
      await deleteUnsentMessage(deps.db, messageId);
      const seconds = Math.max(1, Math.ceil(e.waitMs / 1000));
      throw new AppError(ErrorCode.RATE_LIMITED, `The robot's rate limit is reached; try again in ${seconds} s.`, { retryAfterSeconds: seconds });
    }
    await failMessage(deps.db, messageId);
    throw e;
  }
  return messageId;
}
