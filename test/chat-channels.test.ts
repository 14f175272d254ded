// Chat robots on real Postgres and Temporal against local fake WeCom, DingTalk and Feishu robots
// that check each vendor's signature and message shape and enforce its rate limit: the channel
// API and its refusals, signing and message shapes of all three kinds, mentions, languages and deep
// links, a burst of 200 reclaims within the vendor's limit with nothing dropped, and retries.
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { systemClock } from '../server/clock.js';
import { metrics } from '../server/metrics/metrics.js';
import { emitEvent } from '../server/notifications/emit.js';
import { createRobotActivities } from '../server/temporal/robot.activities.js';
import { wakeChannels } from '../server/temporal/robot-dispatch.js';
import { createHarness, type Harness } from './support/harness.js';
import { eventMaker } from './support/notification-events.js';
import { type FakeKind, type FakeRobot, startFakeRobots } from './support/fake-robots.js';

/** The vendors' "minute" in this test: their limits per minute hold per WINDOW_MS. */
const WINDOW_MS = 4_000;
const PUBLIC_URL = 'https://crm.example.com';
const FAST = { initialIntervalMs: 200, backoffCoefficient: 2, maximumIntervalMs: 2_000, maximumAttempts: 4 };

let h: Harness;
let app: Harness['app'];
let fakes: Awaited<ReturnType<typeof startFakeRobots>>;
let connection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let robotsQueue: string;
let owner: { id: string; token: string };

beforeAll(async () => {
  h = await createHarness({ worker: false });
  app = h.newApp({ chat: { windowMs: WINDOW_MS, publicUrl: PUBLIC_URL } });
  fakes = await startFakeRobots({ windowMs: WINDOW_MS });
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'zh-team', name: '华东组' })).status).toBe(201);
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'en-team', name: 'Export desk', language: 'en' })).status).toBe(201);
  owner = await h.createRep({ id: 'c-owner', teamId: 'zh-team' });
  const patched = await h.call(h.adminToken, 'PATCH', `/reps/${owner.id}`, { mobile: '13800001111', wecomUserId: 'wangwei', dingtalkUserId: 'ding-wang', feishuUserId: 'ou_wang' });
  expect(patched.status).toBe(200);
  expect(patched.body).toMatchObject({ mobile: '13800001111', wecomUserId: 'wangwei', dingtalkUserId: 'ding-wang', feishuUserId: 'ou_wang' });
  robotsQueue = `${h.taskQueue}-robots`;
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  await startRobotWorker();
});
afterAll(async () => {
  await stopRobotWorker();
  await connection?.close();
  await fakes?.close();
  await h?.close();
});

async function startRobotWorker() {
  worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: robotsQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createRobotActivities({ db: h.db, clock: systemClock, destinations: h.destinations, windowMs: WINDOW_MS, publicUrl: PUBLIC_URL, requestTimeoutMs: 2_000 }),
  });
  running = worker.run();
}
async function stopRobotWorker() {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
}

const call = (method: string, url: string, body?: unknown, token = h.adminToken) => h.call(token, method, url, body, app);
const event = eventMaker(() => owner.id);

async function createChannel(robot: FakeRobot, fields: Record<string, unknown> = {}) {
  const res = await call('POST', '/channels', { name: `${robot.kind} robot`, kind: robot.kind, url: robot.url, ...(robot.secret ? { secret: robot.secret } : {}), events: ['*'], ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; url: string; hasSecret: boolean; language: string };
}

/** Emits events and wakes the senders, as the lifecycle does after commit; a burst comes from many workflows at once. */
async function emit(...events: ReturnType<typeof event>[]) {
  const one = async (e: ReturnType<typeof event>) => {
    const result = await emitEvent(h.db, e);
    await wakeChannels({ client: h.client, taskQueue: robotsQueue, retry: FAST }, result.chatChannelIds);
  };
  for (let i = 0; i < events.length; i += 20) await Promise.all(events.slice(i, i + 20).map(one));
}

const allText = (robot: FakeRobot) => robot.accepted.map((m) => JSON.stringify(m.body)).join('\n');

describe('the channel API', () => {
  it('refuses bad channels with 400, a stable code and the pointer', async () => {
    const wecom = fakes.robot('wecom');
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'slack' }, '/kind'],
      [{ secret: 'SECabc' }, '/secret'],
      [{ url: wecom.url.replace('/cgi-bin/webhook/send', '/hook') }, '/url'],
      [{ url: 'http://10.1.2.3/cgi-bin/webhook/send?key=abc' }, '/url'],
      [{ url: 'ftp://example.com/cgi-bin/webhook/send?key=abc' }, '/url'],
      [{ url: wecom.url.replace('://', '://user:pass@') }, '/url'],
      [{ teamId: 'zh-team', language: 'en' }, '/language'],
      [{ teamId: 'no-such-team' }, '/teamId'],
      [{ events: ['customer.vanished'] }, '/events/0'],
      [{ events: [] }, '/events'],
      [{ extra: true }, ''],
    ];
    for (const [fields, pointer] of cases) {
      const res = await call('POST', '/channels', { name: 'bad', kind: 'wecom', url: wecom.url, events: ['*'], ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toBeTruthy();
      if (pointer) expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer), JSON.stringify(fields)).toContain(pointer);
    }
  });

  it('words an address refusal wholly in Chinese for a Chinese reader, its reason too', async () => {
    const refuse = async (url: string, language: string) => {
      const res = await app.request('/channels', {
        method: 'POST',
        headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': language },
        body: JSON.stringify({ name: 'bad', kind: 'wecom', url, events: ['*'] }),
      });
      expect(res.status, url).toBe(400);
      return ((await res.json()) as { error: { message: string; details: { issues: { pointer: string; code: string; message: string; params: Record<string, unknown> }[] } } }).error;
    };
    const privateUrl = 'https://10.0.0.1/cgi-bin/webhook/send?key=abc';
    const unresolved = 'https://no-such-robot.invalid/cgi-bin/webhook/send?key=abc';
    const zhPrivate = await refuse(privateUrl, 'zh-CN');
    expect(zhPrivate.details.issues[0]).toMatchObject({ pointer: '/url', code: 'address_refused', message: '地址不可用：10.0.0.1 是私有地址（内网地址），不是公网地址' });
    expect(zhPrivate.message).toBe('请求体无效：/url 地址不可用：10.0.0.1 是私有地址（内网地址），不是公网地址');
    const zhUnresolved = await refuse(unresolved, 'zh-CN');
    expect(zhUnresolved.details.issues[0]!.message).toMatch(/^地址不可用：无法解析域名 no-such-robot\.invalid（E[A-Z_]+）$/);
    expect((await refuse('https://qyapi.weixin.qq.com/hook', 'zh-CN')).details.issues[0]!.message).toBe('地址不可用：企业微信群机器人的地址形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…');
    // English as it always was.
    const enPrivate = await refuse(privateUrl, 'en');
    expect(enPrivate.details.issues[0]).toMatchObject({ message: '10.0.0.1 is a private address, not a public address', params: { reason: '10.0.0.1 is a private address, not a public address' } });
    expect(enPrivate.message).toBe('Invalid request body: /url 10.0.0.1 is a private address, not a public address. Robots are reached at public addresses only; an operator can allow a private range with WEBHOOK_ALLOW_PRIVATE.');
    expect((await refuse(unresolved, 'en')).details.issues[0]!.message).toMatch(/^no-such-robot\.invalid cannot be resolved \(E[A-Z_]+\)$/);
    expect((await refuse('https://qyapi.weixin.qq.com/hook', 'en')).details.issues[0]!.message).toBe('a WeCom robot URL looks like https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…');
  });

  it("refuses a rep's mention ids that could break a mention, with the pointer", async () => {
    for (const [body, pointer] of [
      [{ mobile: 'call me' }, '/mobile'],
      [{ feishuUserId: 'ou_x"></at><at user_id="all' }, '/feishuUserId'],
      [{ wecomUserId: '' }, '/wecomUserId'],
    ] as const) {
      const res = await h.call(h.adminToken, 'PATCH', `/reps/${owner.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toContain(pointer);
    }
    expect((await h.call(owner.token, 'PATCH', `/reps/${owner.id}`, { mobile: '13800009999' })).status).toBe(403);
  });

  it('is for admins only, answers 404 for unknown channels, and never shows a secret or the full key', async () => {
    const rep = await h.createRep({ id: 'c-plain' });
    expect((await call('GET', '/channels', undefined, rep.token)).status).toBe(403);
    expect((await call('POST', '/channels/00000000-0000-7000-8000-000000000000/test')).status).toBe(404);
    expect((await call('GET', '/channels/00000000-0000-7000-8000-000000000000/deliveries')).status).toBe(404);
    expect((await call('DELETE', '/channels/00000000-0000-7000-8000-000000000000')).status).toBe(404);
    const ding = fakes.robot('dingtalk');
    const created = await createChannel(ding, { events: ['handover.completed'] });
    expect(created.hasSecret).toBe(true);
    const listed = await call('GET', '/channels');
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(ding.secret!);
    expect(text).not.toContain(new URL(ding.url).searchParams.get('access_token')!);
    expect((await call('DELETE', `/channels/${created.id}`)).status).toBe(204);
  });
});

describe('signing and message shapes', () => {
  it.each<FakeKind>(['wecom', 'dingtalk', 'feishu'])('%s: a test message is signed as the vendor documents and answered ok', async (kind) => {
    const robot = fakes.robot(kind);
    // Subscribed to an event no other test emits, so it sees only its test message.
    const channel = await createChannel(robot, { language: 'en', events: ['handover.completed'] });
    const res = await call('POST', `/channels/${channel.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'test', status: 'delivered', attempts: 1, lastStatus: 200 });
    expect(JSON.parse(res.body.lastAnswer)).toMatchObject(kind === 'feishu' ? { code: 0 } : { errcode: 0, errmsg: 'ok' });
    expect(robot.refused).toEqual([]);
    expect(allText(robot)).toContain('highseas test message');
  });

  it.each<FakeKind>(['dingtalk', 'feishu'])('%s: a wrong secret is refused by the robot, and the refusal is shown as failed with its answer', async (kind) => {
    const robot = fakes.robot(kind);
    const channel = await createChannel({ ...robot, secret: 'SECwrong' }, { events: ['handover.completed'] });
    const res = await call('POST', `/channels/${channel.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('failed');
    expect(res.body.lastAnswer).toContain(kind === 'dingtalk' ? '310000' : '19021');
    expect(robot.refused.map((r) => r.reason)).toEqual(['signature']);
    const deliveries = await call('GET', `/channels/${channel.id}/deliveries`);
    expect(deliveries.body.items[0]).toMatchObject({ kind: 'test', status: 'failed' });
  });

  it("posts an event in the team's language, with the deep link and the owner mentioned in each vendor's syntax", async () => {
    const customerId = await h.createCustomer({ companyName: 'Acme 机械', assign: false });
    const wecom = fakes.robot('wecom');
    const ding = fakes.robot('dingtalk');
    const feishu = fakes.robot('feishu');
    await createChannel(wecom, { teamId: 'zh-team', events: ['customer.reclaimed'] });
    const everyone = await createChannel(ding, { language: 'en', events: ['customer.reclaimed'] });
    await createChannel(feishu, { teamId: 'zh-team', events: ['customer.reclaimed'] });
    const otherTeam = await createChannel(fakes.robot('wecom'), { teamId: 'en-team', events: ['customer.reclaimed'] });
    const subscribedElsewhere = await createChannel(fakes.robot('wecom'), { events: ['approval.requested'] });
    await emit(event({ customerId, data: { reason: 'no_follow_up', formerOwnerId: owner.id } }));
    await h.waitFor(async () => wecom.accepted.length === 1 && ding.accepted.length === 1 && feishu.accepted.length === 1, 20_000);
    const link = `${PUBLIC_URL}/ui/customers/${customerId}`;

    const w = wecom.accepted[0]!.body as any;
    expect(w.msgtype).toBe('markdown');
    expect(w.markdown.content).toContain('已收回公海：Acme 机械');
    expect(w.markdown.content).toContain(`(${link})`);
    expect(w.markdown.content).toContain('<@wangwei>');

    const d = ding.accepted[0]!.body as any;
    expect(d.msgtype).toBe('markdown');
    expect(d.markdown.title).toBe('Reclaimed to the pool: Acme 机械');
    expect(d.markdown.text).toContain(link);
    expect(d.at).toEqual({ atMobiles: [], atUserIds: ['ding-wang'], isAtAll: false });
    expect(d.markdown.text).toContain('@ding-wang');

    const f = feishu.accepted[0]!.body as any;
    expect(f.msg_type).toBe('interactive');
    expect(f.card.header.title.content).toBe('已收回公海：Acme 机械');
    expect(f.card.elements[0].text.content).toContain('<at id=ou_wang></at>');

    // Not for their team, or not subscribed: nothing in their outbox.
    const rows = await h.db.selectFrom('chat_events').select('channel_id').where('channel_id', 'in', [otherTeam.id, subscribedElsewhere.id]).execute();
    expect(rows).toEqual([]);
    // Deleted with its messages: later bursts of reclaims are not for it.
    expect((await call('DELETE', `/channels/${everyone.id}`)).status).toBe(204);
  });

  it('tells a deadline in the rep’s time zone and names a departed rep by name, in the message the robot gets', async () => {
    const shanghai = await h.createRep({ id: 'c-shanghai', teamId: 'zh-team', timeZone: 'Asia/Shanghai' });
    const customerId = await h.createCustomer({ companyName: 'Beta (Asia) 贸易', assign: false });
    const wecom = fakes.robot('wecom');
    await createChannel(wecom, { teamId: 'zh-team', events: ['deadline.warning', 'customer.handed_over'] });
    await emit(event({ type: 'deadline.warning', customerId, recipients: [shanghai.id], data: { deadline: '2026-12-24T08:00:00.000Z', deadlineKind: 'follow_up', ownerId: shanghai.id } }));
    await emit(event({ type: 'customer.handed_over', customerId, recipients: [owner.id], data: { kind: 'handover', fromRepId: shanghai.id, toRepId: owner.id, poolId: null, code: null } }));
    await h.waitFor(async () => wecom.accepted.length === 2, 20_000);
    const [warning, handed] = wecom.accepted.map((a) => (a.body as any).markdown.content as string);
    expect(warning).toContain('跟进期限将至：Beta (Asia) 贸易');
    expect(warning).toContain('「跟进」期限为 2026年12月24日周四 16:00（GMT+8）');
    expect(warning).not.toContain('2026-12-24');
    expect(handed).toContain('原属 Rep c-shanghai（c-shanghai）（已离职）的客户');
  });

  it('WeCom mentions a rep known only by mobile with a text message and mentioned_mobile_list', async () => {
    const mobileOnly = await h.createRep({ id: 'c-mobile', teamId: 'zh-team' });
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${mobileOnly.id}`, { mobile: '+8613900002222' })).status).toBe(200);
    const wecom = fakes.robot('wecom');
    await createChannel(wecom, { teamId: 'zh-team', events: ['customer.assigned'] });
    await emit(event({ type: 'customer.assigned', recipients: [mobileOnly.id], data: { reason: 'round robin' } }));
    await h.waitFor(async () => wecom.accepted.length === 1, 20_000);
    const body = wecom.accepted[0]!.body as any;
    expect(body.msgtype).toBe('text');
    expect(body.text.mentioned_mobile_list).toEqual(['+8613900002222']);
  });
});

describe('rate limits and digests', () => {
  it('a burst of 200 reclaims gives at most 20 WeCom messages a window, and every event appears in some message', async () => {
    const wecom = fakes.robot('wecom');
    const channel = await createChannel(wecom, { events: ['customer.reclaimed'], language: 'en' });
    const keys = Array.from({ length: 200 }, (_, i) => `burst-${String(i).padStart(3, '0')}`);
    const started = Date.now();
    await emit(...keys.map((key) => event({ customerId: key, recipients: [] })));
    const emittedIn = Date.now() - started;
    await h.waitFor(async () => {
      // Events first: every event is in by now, so once none waits, a message made from the last of
      // them is already there to be seen (read the other way round, one made between the reads was missed).
      const unsent = await h.db.selectFrom('chat_events').select('id').where('channel_id', '=', channel.id).where('message_id', 'is', null).execute();
      const left = await h.db.selectFrom('chat_messages').select('id').where('channel_id', '=', channel.id).where('status', '!=', 'delivered').execute();
      return left.length === 0 && unsent.length === 0 && wecom.accepted.length > 0;
    }, 60_000);
    // The robot never had to refuse: the sender kept within 20 per window by itself.
    expect(wecom.refused).toEqual([]);
    const first = wecom.accepted[0]!.at;
    expect(wecom.accepted.filter((m) => m.at < first + WINDOW_MS).length).toBeLessThanOrEqual(20);
    for (const m of wecom.accepted) expect(wecom.accepted.filter((n) => n.at >= m.at && n.at < m.at + WINDOW_MS).length).toBeLessThanOrEqual(20);
    const text = allText(wecom);
    for (const key of keys) expect(text, key).toContain(key);
    expect(text).toContain('Digest:');
    const digests = (await call('GET', `/channels/${channel.id}/deliveries?limit=200`)).body.items.filter((m: { kind: string }) => m.kind === 'digest');
    expect(digests.length).toBeGreaterThan(0);
    // Two or three windows at most, whatever the emitting took.
    expect(Date.now() - started - emittedIn, `emitting took ${emittedIn} ms`).toBeLessThan(4 * WINDOW_MS);
  }, 70_000);

  it('a first message slow to reach WeCom does not bring the 21st inside the window WeCom counts from its arrival', async () => {
    const wecom = fakes.robot('wecom');
    // The first request takes 600 ms on its way: WeCom's window starts when it arrives.
    wecom.delays.push(600);
    const channel = await createChannel(wecom, { events: ['customer.reclaimed'], language: 'en' });
    await emit(...Array.from({ length: 20 }, (_, i) => event({ customerId: `slow-${i}`, recipients: [] })));
    await h.waitFor(async () => wecom.accepted.length === 20, 20_000);
    await emit(event({ customerId: 'slow-20', recipients: [] }));
    await h.waitFor(async () => {
      const unsent = await h.db.selectFrom('chat_events').select('id').where('channel_id', '=', channel.id).where('message_id', 'is', null).execute();
      const left = await h.db.selectFrom('chat_messages').select('id').where('channel_id', '=', channel.id).where('status', '!=', 'delivered').execute();
      return left.length === 0 && unsent.length === 0 && wecom.accepted.length === 21;
    }, 30_000);
    expect(wecom.refused).toEqual([]);
    expect(wecom.accepted[20]!.at - wecom.accepted[0]!.at).toBeGreaterThanOrEqual(WINDOW_MS);
  }, 40_000);

  it('Feishu: 12 events keep within 5 a second (and 100 a minute) as single messages', async () => {
    const feishu = fakes.robot('feishu');
    await createChannel(feishu, { events: ['deadline.warning'], language: 'zh' });
    await emit(...Array.from({ length: 12 }, (_, i) => event({ type: 'deadline.warning', customerId: `fs-${i}`, recipients: [], data: { deadline: '2026-12-03T10:00:00.000Z' } })));
    await h.waitFor(async () => feishu.accepted.length === 12, 30_000);
    expect(feishu.refused).toEqual([]);
    expect(allText(feishu)).toContain('跟进期限将至');
  }, 40_000);
});

describe('test messages sent at once', () => {
  it('send no more than the window allows, however many arrive together: the rest are 429 RATE_LIMITED and nothing is sent for them', async () => {
    const ding = fakes.robot('dingtalk');
    const channel = await createChannel(ding, { events: ['customer.assigned'], language: 'en' });
    const answers = await Promise.all(Array.from({ length: 26 }, () => call('POST', `/channels/${channel.id}/test`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    expect(answers.filter((a) => a.status === 429).every((a) => a.body.error.code === 'RATE_LIMITED')).toBe(true);
    expect(ding.accepted).toHaveLength(20);
    expect(ding.refused).toEqual([]);
    expect((await call('GET', `/channels/${channel.id}/deliveries?limit=100`)).body.items).toHaveLength(20);
  }, 40_000);
});

describe('durability', () => {
  it('a full window is waited out on a Temporal timer that survives a worker restart', async () => {
    const ding = fakes.robot('dingtalk');
    const channel = await createChannel(ding, { events: ['customer.assigned'], language: 'en' });
    // Twenty test messages fill the window; a twenty-first is refused by us, not by the robot.
    for (let i = 0; i < 20; i++) expect((await call('POST', `/channels/${channel.id}/test`)).body.status).toBe('delivered');
    const over = await call('POST', `/channels/${channel.id}/test`);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect((await call('GET', `/channels/${channel.id}/deliveries?limit=100`)).body.items).toHaveLength(20);
    const filledAt = ding.accepted[0]!.at;
    await emit(...['r-1', 'r-2', 'r-3'].map((customerId) => event({ type: 'customer.assigned', customerId, recipients: [] })));
    // The sender is asleep on its timer; the worker goes away and comes back.
    await new Promise((r) => setTimeout(r, 300));
    await stopRobotWorker();
    await startRobotWorker();
    await h.waitFor(async () => ding.accepted.length === 23, 30_000);
    expect(ding.refused).toEqual([]);
    expect(ding.accepted[20]!.at).toBeGreaterThanOrEqual(filledAt + WINDOW_MS);
    for (const key of ['r-1', 'r-2', 'r-3']) expect(allText(ding)).toContain(key);
  }, 40_000);
});

describe('retries', () => {
  it('retries a refused or failed send with backoff until the robot answers ok, and shows every answer', async () => {
    // The metrics are the process's: wait until no other DingTalk message is in flight.
    await h.waitFor(async () => {
      const busy = await h.db
        .selectFrom('chat_messages as m')
        .innerJoin('chat_channels as c', 'c.id', 'm.channel_id')
        .select('m.id')
        .where('c.kind', '=', 'dingtalk')
        .where('m.status', '=', 'pending')
        .execute();
      return busy.length === 0;
    }, 20_000);
    const ding = fakes.robot('dingtalk');
    const channel = await createChannel(ding, { events: ['approval.requested'], language: 'en' });
    ding.script.push(
      { status: 200, body: '{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}' },
      { status: 200, body: '{"errcode":-1,"errmsg":"system busy"}' },
      { status: 502, body: 'bad gateway' },
    );
    const counted = async (outcome: string) => (await metrics.robotDeliveries.get()).values.find((v) => v.labels.kind === 'dingtalk' && v.labels.outcome === outcome)?.value ?? 0;
    const before = { rateLimited: await counted('rate_limited'), failed: await counted('failed'), delivered: await counted('delivered') };
    await emit(event({ type: 'approval.requested', customerId: 'quote-customer', recipients: [], data: { quoteId: 'q1', level: 1 } }));
    // Delivered once the answer is recorded (the robot accepts a moment before).
    await h.waitFor(async () => (await h.db.selectFrom('chat_messages').select('status').where('channel_id', '=', channel.id).executeTakeFirst())?.status === 'delivered', 20_000);
    expect(ding.accepted).toHaveLength(1);
    const attempts = await h.db.selectFrom('chat_attempts').select(['outcome', 'status', 'answer']).where('channel_id', '=', channel.id).orderBy('at').execute();
    expect(attempts.map((a) => a.outcome)).toEqual(['rate_limited', 'failed', 'failed', 'delivered']);
    expect(attempts[1]!.answer).toContain('system busy');
    expect(await counted('rate_limited')).toBe(before.rateLimited + 1);
    expect(await counted('failed')).toBe(before.failed + 2);
    expect(await counted('delivered')).toBe(before.delivered + 1);
    const page = await call('GET', `/channels/${channel.id}/deliveries`);
    expect(page.body.items[0]).toMatchObject({ kind: 'event', status: 'delivered', attempts: 4, lastStatus: 200 });
    expect(JSON.stringify(ding.accepted[0]!.body)).toContain(`${PUBLIC_URL}/ui/approvals`);
  });

  it('a message the robot keeps refusing is failed after the last attempt, with its answer', async () => {
    const wecom = fakes.robot('wecom');
    const channel = await createChannel(wecom, { events: ['approval.escalated'] });
    for (let i = 0; i < FAST.maximumAttempts; i++) wecom.script.push({ status: 500, body: 'down' });
    await emit(event({ type: 'approval.escalated', customerId: 'esc-customer', recipients: [], data: { quoteId: 'q2', level: 2 } }));
    const failed = await h.waitFor(async () => {
      const row = await h.db.selectFrom('chat_messages').selectAll().where('channel_id', '=', channel.id).executeTakeFirst();
      return row?.status === 'failed' ? row : null;
    }, 30_000);
    expect(failed.attempts).toBe(FAST.maximumAttempts);
    expect(failed.last_answer).toBe('down');
  });
});
