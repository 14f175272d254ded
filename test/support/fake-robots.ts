// Local fake chat robots (WeCom, DingTalk, Feishu) on one random port. Each checks a request the
// way its vendor documents it — computing the signature itself from the vendor's formula, checking
// the message shape and size — and enforces the vendor's rate limit with the vendor's error answer
// (the "minute" is `windowMs`, so tests run a window in seconds). Formulas and answers:
// - WeCom https://developer.work.weixin.qq.com/document/path/91770: no signature; 20 a minute, else
//   {"errcode":45009,…}; text ≤ 2048 bytes, markdown ≤ 4096 bytes.
// - DingTalk https://open.dingtalk.com/document/robots/customize-robot-security-settings:
//   sign = urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret))) in the query, timestamp
//   in ms within an hour, else {"errcode":310000,…}; 20 a minute, else {"errcode":130101,…}.
// - Feishu https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot: sign =
//   base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")) in the body, timestamp in s
//   within an hour, else {"code":19021,…}; 100 a minute and 5 a second, else {"code":11232,…}.
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeKind = 'wecom' | 'dingtalk' | 'feishu';

export interface FakeRobot {
  kind: FakeKind;
  /** The URL a channel is created with. */
  url: string;
  secret: string | null;
  /** Accepted messages (the parsed body) with their arrival time. */
  accepted: { at: number; body: Record<string, unknown> }[];
  /** Refusals: why and the answer given. */
  refused: { at: number; reason: 'signature' | 'shape' | 'rate_limit' | 'scripted'; answer: string }[];
  /** Answers to give to the next requests instead of checking them (status and body). */
  script: { status: number; body: string }[];
  /** How long the next requests take to reach the vendor (ms, one per request), as a slow network path would. */
  delays: number[];
}

const LIMITS: Record<FakeKind, { max: number; minutes: number }[]> = {
  wecom: [{ max: 20, minutes: 1 }],
  dingtalk: [{ max: 20, minutes: 1 }],
  feishu: [
    { max: 100, minutes: 1 },
    { max: 5, minutes: 1 / 60 },
  ],
};
const OK: Record<FakeKind, string> = {
  wecom: '{"errcode":0,"errmsg":"ok"}',
  dingtalk: '{"errcode":0,"errmsg":"ok"}',
  feishu: '{"code":0,"data":{},"msg":"success"}',
};
const TOO_FAST: Record<FakeKind, string> = {
  wecom: '{"errcode":45009,"errmsg":"api freq out of limit"}',
  dingtalk: '{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}',
  feishu: '{"code":11232,"data":{},"msg":"frequency limited"}',
};
const BAD_SIGN: Record<FakeKind, string> = {
  wecom: '{"errcode":93000,"errmsg":"invalid webhook url"}',
  dingtalk: '{"errcode":310000,"errmsg":"sign not match"}',
  feishu: '{"code":19021,"data":{},"msg":"sign match fail or timestamp is not within one hour from current time"}',
};
const BAD_BODY: Record<FakeKind, string> = {
  wecom: '{"errcode":40008,"errmsg":"invalid message type"}',
  dingtalk: '{"errcode":300001,"errmsg":"param error"}',
  feishu: '{"code":9499,"data":{},"msg":"Bad Request"}',
};

const HOUR = 3_600_000;
const bytes = (s: unknown) => (typeof s === 'string' ? Buffer.byteLength(s) : Number.POSITIVE_INFINITY);
const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/** Why a body does not have the vendor's shape, or null. */
function shapeProblem(kind: FakeKind, b: Record<string, any>): string | null {
  if (kind === 'wecom') {
    if (b.msgtype === 'text') return bytes(b.text?.content) <= 2048 && strings(b.text.mentioned_list) && strings(b.text.mentioned_mobile_list) ? null : 'text';
    if (b.msgtype === 'markdown') return bytes(b.markdown?.content) <= 4096 ? null : 'markdown';
    return 'msgtype';
  }
  if (kind === 'dingtalk') {
    const text = b.msgtype === 'markdown' ? b.markdown?.text : b.msgtype === 'text' ? b.text?.content : undefined;
    if (typeof text !== 'string' || (b.msgtype === 'markdown' && typeof b.markdown.title !== 'string')) return 'msgtype';
    if (b.at !== undefined && !(strings(b.at.atMobiles) && strings(b.at.atUserIds))) return 'at';
    // A mention shows only when the text names it too.
    for (const m of [...(b.at?.atMobiles ?? []), ...(b.at?.atUserIds ?? [])]) if (!text.includes(`@${m}`)) return `@${m} missing from the text`;
    return null;
  }
  if (b.msg_type === 'text') return typeof b.content?.text === 'string' ? null : 'text';
  if (b.msg_type === 'interactive') return Array.isArray(b.card?.elements) ? null : 'card';
  if (b.msg_type === 'post') return typeof b.content?.post === 'object' ? null : 'post';
  return 'msg_type';
}

export async function startFakeRobots(options: { windowMs: number }) {
  const robots = new Map<string, FakeRobot>();
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const id = url.searchParams.get('key') ?? url.searchParams.get('access_token') ?? url.pathname.split('/').pop() ?? '';
      const delay = robots.get(id)?.delays.shift();
      if (delay) setTimeout(() => handle(url, id), delay);
      else handle(url, id);
    });
    // The vendor's side: the request has arrived now.
    const handle = (url: URL, id: string) => {
      const now = Date.now();
      const raw = Buffer.concat(chunks).toString('utf8');
      const robot = robots.get(id);
      const answer = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      };
      if (!robot) return answer(200, '{"errcode":93000,"errmsg":"invalid webhook url"}');
      const refuse = (reason: FakeRobot['refused'][number]['reason'], body: string, status = 200) => {
        robot.refused.push({ at: now, reason, answer: body });
        answer(status, body);
      };
      const scripted = robot.script.shift();
      if (scripted) return refuse('scripted', scripted.body, scripted.status);
      let body: Record<string, any>;
      try {
        body = JSON.parse(raw) as Record<string, any>;
      } catch {
        return refuse('shape', BAD_BODY[robot.kind]);
      }
      if (robot.kind === 'dingtalk' && robot.secret) {
        // URLSearchParams decodes the query once: what is left is the base64 signature.
        const ts = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', robot.secret).update(`${ts}\n${robot.secret}`).digest('base64');
        if (Math.abs(now - Number(ts)) > HOUR || url.searchParams.get('sign') !== expected) return refuse('signature', BAD_SIGN.dingtalk);
      }
      if (robot.kind === 'feishu' && robot.secret) {
        const ts = String(body.timestamp ?? '');
        const expected = createHmac('sha256', `${ts}\n${robot.secret}`).update(Buffer.alloc(0)).digest('base64');
        if (!/^\d+$/.test(ts) || Math.abs(now / 1000 - Number(ts)) > HOUR / 1000 || body.sign !== expected) return refuse('signature', BAD_SIGN.feishu);
      }
      if (robot.kind === 'feishu' && Buffer.byteLength(raw) > 20 * 1024) return refuse('shape', BAD_BODY.feishu);
      if (shapeProblem(robot.kind, body)) return refuse('shape', BAD_BODY[robot.kind]);
      for (const limit of LIMITS[robot.kind]) {
        const per = limit.minutes * options.windowMs;
        if (robot.accepted.filter((m) => m.at > now - per).length >= limit.max) return refuse('rate_limit', TOO_FAST[robot.kind]);
      }
      robot.accepted.push({ at: now, body });
      answer(200, OK[robot.kind]);
    };
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** A new robot of `kind` (with a secret for DingTalk and Feishu unless `secret` is null). */
    robot(kind: FakeKind, secret: string | null = kind === 'wecom' ? null : `SEC${(++seq).toString().padStart(4, '0')}fake-secret`): FakeRobot {
      const id = `${kind}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
      const url =
        kind === 'wecom' ? `${base}/cgi-bin/webhook/send?key=${id}` : kind === 'dingtalk' ? `${base}/robot/send?access_token=${id}` : `${base}/open-apis/bot/v2/hook/${id}`;
      const robot: FakeRobot = { kind, url, secret, accepted: [], refused: [], script: [], delays: [] };
      robots.set(id, robot);
      return robot;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
