// What each chat robot vendor expects: where the signature goes, how a message and a mention are
// written, how large a message may be, how many messages a robot takes per window, and what its
// answer means. Checked against the vendors' public documentation:
//
// - WeCom group robot (企业微信群机器人), "群机器人配置说明":
//   https://developer.work.weixin.qq.com/document/path/91770 (also /document/path/99110).
//   POST …/cgi-bin/webhook/send?key=…; no signing (the key in the URL is the credential).
//   text: {msgtype:"text", text:{content, mentioned_list:[userid], mentioned_mobile_list:[mobile]}},
//   content at most 2048 bytes; markdown: {msgtype:"markdown", markdown:{content}}, at most 4096
//   bytes, mentions only as <@userid> inside the content. "每个机器人发送的消息不能超过20条/分钟".
//   Success {"errcode":0,"errmsg":"ok"}; over the limit errcode 45009 ("接口调用超过限制", global
//   error codes https://developer.work.weixin.qq.com/document/path/90313).
// - DingTalk custom robot (钉钉自定义机器人), https://open.dingtalk.com/document/robots/custom-robot-access
//   and its security settings https://open.dingtalk.com/document/robots/customize-robot-security-settings:
//   POST …/robot/send?access_token=…&timestamp=<ms>&sign=<urlEncode(base64(HmacSHA256(key=secret,
//   message=timestamp+"\n"+secret)))>, timestamp within an hour of the server's time.
//   markdown: {msgtype:"markdown", markdown:{title, text}, at:{atMobiles, atUserIds, isAtAll}}, the
//   mentioned "@<mobile>"/"@<userid>" also written in the text. "每个机器人每分钟最多发送20条…超过20条,
//   会限流10分钟"; success {"errcode":0,"errmsg":"ok"}, over the limit errcode 130101
//   ("send too fast, exceed 20 times per minute"); a wrong signature errcode 310000.
// - Feishu custom bot (飞书自定义机器人), "自定义机器人使用指南":
//   https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
//   (https://open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN): POST …/open-apis/bot/v2/hook/<id>
//   with "timestamp" (seconds, within an hour) and "sign" = base64(HmacSHA256(key=timestamp+"\n"+secret,
//   message=empty)) in the JSON body. Cards render markdown (lark_md) with <at id=…></at>; plain text
//   mentions are <at user_id="…">name</at>. "单租户单机器人 100 次/分钟，5 次/秒", request body at
//   most 20 KB; success {"code":0,"msg":"success"}; over the limit code 11232 (documented) or 9499
//   ("too many request", seen in the field); a wrong signature code 19021.
import { createHmac } from 'node:crypto';
import type { ChatKind } from '../db/tables/chat.js';
import type { DestinationRefusal } from '../net/destination-words.js';

/** A limit: at most `max` messages in any `perMs` (measured in minutes of `windowMs`). */
export interface RateLimit {
  max: number;
  /** The window as a fraction of a minute (1 = a minute, 1/60 = a second). */
  minutes: number;
}

export const RATE_LIMITS: Record<ChatKind, readonly RateLimit[]> = {
  wecom: [{ max: 20, minutes: 1 }],
  dingtalk: [{ max: 20, minutes: 1 }],
  feishu: [
    { max: 100, minutes: 1 },
    { max: 5, minutes: 1 / 60 },
  ],
};

/** The error codes that mean "over the rate limit, try later". */
const RATE_LIMIT_CODES: Record<ChatKind, readonly number[]> = { wecom: [45009], dingtalk: [130101], feishu: [11232, 9499] };

/** The most bytes of markdown a message may carry (leaving room for the JSON around it). */
export const MAX_CONTENT_BYTES: Record<ChatKind, number> = { wecom: 4_000, dingtalk: 16_000, feishu: 16_000 };

/** A rep to mention, with whatever the profile gives for this vendor. */
export interface Mention {
  name: string;
  mobile: string | null;
  userId: string | null;
}

export interface ChatMessage {
  title: string;
  /** Markdown lines (links as [text](url)). */
  lines: string[];
  mentions: Mention[];
}

/** WeCom's text messages hold 2048 bytes of content. */
const WECOM_TEXT_BYTES = 2_048;

const escapeAttr = (s: string) => s.replace(/["<>&]/g, '');

/** The vendor's JSON body for a message (without DingTalk's or Feishu's signature). */
export function messageBody(kind: ChatKind, message: ChatMessage): Record<string, unknown> {
  const text = [`**${message.title}**`, ...message.lines].join('\n');
  const mentioned = message.mentions.filter((m) => m.userId || m.mobile);
  if (kind === 'wecom') {
    // Markdown mentions only user ids; a rep known only by mobile needs the text message, which
    // holds 2048 bytes: a longer message (a digest) stays markdown and mentions by user id only.
    const content = [message.title, ...message.lines.map(plainLine)].join('\n');
    if (mentioned.some((m) => !m.userId) && Buffer.byteLength(content) <= WECOM_TEXT_BYTES) {
      return {
        msgtype: 'text',
        text: {
          content,
          mentioned_list: mentioned.flatMap((m) => (m.userId ? [m.userId] : [])),
          mentioned_mobile_list: mentioned.flatMap((m) => (!m.userId && m.mobile ? [m.mobile] : [])),
        },
      };
    }
    const at = mentioned.flatMap((m) => (m.userId ? [`<@${m.userId}>`] : [])).join(' ');
    return { msgtype: 'markdown', markdown: { content: at ? `${text}\n${at}` : text } };
  }
  if (kind === 'dingtalk') {
    const handles = mentioned.map((m) => (m.userId ? m.userId : m.mobile!));
    const at = handles.map((h) => `@${h}`).join(' ');
    return {
      msgtype: 'markdown',
      markdown: { title: message.title, text: at ? `${text}\n\n${at}` : text },
      at: {
        atMobiles: mentioned.flatMap((m) => (!m.userId && m.mobile ? [m.mobile] : [])),
        atUserIds: mentioned.flatMap((m) => (m.userId ? [m.userId] : [])),
        isAtAll: false,
      },
    };
  }
  // Feishu: a card renders markdown (lark_md); mentions by user id.
  const at = mentioned.flatMap((m) => (m.userId ? [`<at id=${escapeAttr(m.userId)}></at>`] : [])).join(' ');
  return {
    msg_type: 'interactive',
    card: {
      header: { title: { tag: 'plain_text', content: message.title } },
      elements: [{ tag: 'div', text: { tag: 'lark_md', content: [...message.lines, ...(at ? [at] : [])].join('\n') } }],
    },
  };
}

/** A markdown line as plain text: [text](url) becomes "text url". */
const plainLine = (line: string) => line.replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 $2').replace(/\*\*/g, '');

/** DingTalk: urlEncode(base64(HmacSHA256(key = secret, message = timestamp_ms + "\n" + secret))). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64'));
}

/** Feishu: base64(HmacSHA256(key = timestamp_s + "\n" + secret, message = empty)). */
export function feishuSign(secret: string, timestampS: number): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

/** The URL and body of one attempt, signed at `now` where the vendor signs. */
export function signedRequest(kind: ChatKind, url: string, secret: string | null, body: Record<string, unknown>, now: Date): { url: string; body: string } {
  if (kind === 'dingtalk' && secret) {
    const ts = now.getTime();
    // The sign is already URL-encoded, as the vendor's formula says; it goes into the query as is.
    const sep = url.includes('?') ? '&' : '?';
    return { url: `${url}${sep}timestamp=${ts}&sign=${dingtalkSign(secret, ts)}`, body: JSON.stringify(body) };
  }
  if (kind === 'feishu' && secret) {
    const ts = Math.floor(now.getTime() / 1000);
    return { url, body: JSON.stringify({ timestamp: String(ts), sign: feishuSign(secret, ts), ...body }) };
  }
  return { url, body: JSON.stringify(body) };
}

export type AnswerOutcome = 'delivered' | 'rate_limited' | 'failed';

/** What the robot's answer means: a 200 with a non-zero errcode/code is a failure. */
export function readAnswer(kind: ChatKind, status: number, text: string): AnswerOutcome {
  if (status === 429) return 'rate_limited';
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = null;
  }
  const code = kind === 'feishu' ? (parsed?.code ?? parsed?.StatusCode) : parsed?.errcode;
  if (typeof code === 'number' && RATE_LIMIT_CODES[kind].includes(code)) return 'rate_limited';
  return status >= 200 && status < 300 && code === 0 ? 'delivered' : 'failed';
}

/** What a channel URL must look like for its kind, or why it does not. */
export function urlShapeProblem(kind: ChatKind, url: string): DestinationRefusal | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { refusal: 'not_url', url };
  }
  if (kind === 'wecom' && !(u.pathname.endsWith('/cgi-bin/webhook/send') && u.searchParams.get('key'))) return { refusal: 'robot_url', robot: kind };
  if (kind === 'dingtalk' && !(u.pathname.endsWith('/robot/send') && u.searchParams.get('access_token'))) return { refusal: 'robot_url', robot: kind };
  if (kind === 'feishu' && !/\/bot\/v2\/hook\/[^/]+$/.test(u.pathname)) return { refusal: 'robot_url', robot: kind };
  return null;
}
