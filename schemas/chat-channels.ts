// Chat robot channels as the API accepts and returns them: the channel, the test message's answer
// and the messages sent with the robot's answers.
import { z } from 'zod';
import { Id, PageQuery, lineText, page } from './common.js';
import { OutboundUrl, SubscribedEvents } from './notifications.js';
import { CHAT_KINDS, CHAT_LANGUAGES } from './vocabulary.js';

export const ChatKind = z.enum(CHAT_KINDS).meta({ id: 'ChatKind', description: 'wecom: WeCom group robot; dingtalk: DingTalk custom robot; feishu: Feishu custom bot.' });
export const ChatLanguage = z.enum(CHAT_LANGUAGES).meta({ id: 'ChatLanguage' });

export const CreateChannelBody = z
  .strictObject({
    name: lineText(120),
    kind: ChatKind,
    url: OutboundUrl.meta({
        description: "The robot's webhook address: …/cgi-bin/webhook/send?key=… (WeCom), …/robot/send?access_token=… (DingTalk), …/open-apis/bot/v2/hook/<id> (Feishu).",
      }),
    secret: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: 'The signing secret of a DingTalk (SEC…) or Feishu robot; never shown again. WeCom robots do not sign.' }),
    events: SubscribedEvents.meta({ description: 'Event types to post, or ["*"] for all.' }),
    teamId: Id.nullable().optional().meta({ description: "Post only this team's events, in the team's language; null or absent: everyone's." }),
    language: ChatLanguage.optional().meta({ description: "The language of a channel for everyone (default zh); a team's channel speaks the team's language." }),
  })
  .meta({ id: 'CreateChannel' });
export type CreateChannelBody = z.infer<typeof CreateChannelBody>;

export const ChannelView = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: ChatKind,
    url: z.string().meta({ description: "The address with its key or access token masked (it is the robot's credential)." }),
    hasSecret: z.boolean(),
    events: z.array(z.string()),
    teamId: z.string().nullable(),
    language: ChatLanguage.meta({ description: "The language its messages are written in (the team's, for a team's channel)." }),
    active: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Channel' });
export type ChannelView = z.infer<typeof ChannelView>;

const MessageStatus = z.enum(['pending', 'delivered', 'failed']);

export const ChannelMessageView = z
  .object({
    id: z.string(),
    channelId: z.string(),
    kind: z.enum(['event', 'digest', 'test']).meta({ description: 'One event, a digest of several (the rate limit was reached), or a test message.' }),
    eventCount: z.number().int(),
    status: MessageStatus,
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable().meta({ description: "HTTP status of the last attempt; null when no answer came." }),
    lastAnswer: z.string().nullable().meta({ description: "The robot's last answer (e.g. {\"errcode\":0,\"errmsg\":\"ok\"}) or why there was none." }),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    body: z.record(z.string(), z.unknown()).meta({ description: 'What was posted (without the signature).' }),
  })
  .meta({ id: 'ChannelMessage' });
export type ChannelMessageView = z.infer<typeof ChannelMessageView>;

export const ChannelMessagesQuery = PageQuery.extend({ status: MessageStatus.optional() }).strict();
export const ChannelMessagePage = page(ChannelMessageView).meta({ id: 'ChannelMessagePage' });
