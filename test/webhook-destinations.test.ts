// Webhooks reach public addresses only (SSRF): refused when saved (literals in every spelling,
// names resolving to private ranges, names that do not resolve) and again at connect time, so a
// name that rebinds to a private address after it was saved reaches nothing. A listed private
// range (WEBHOOK_ALLOW_PRIVATE) lets on-premises receivers through. Real Postgres, Temporal and a
// real HTTP receiver on 127.0.0.1; the DNS answers come from a table the test switches.
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { systemClock } from '../server/clock.js';
import { createDestinationPolicy, type Resolve } from '../server/net/public-destination.js';
import { dispatchPending } from '../server/temporal/webhook-dispatch.js';
import { emitEvent } from '../server/notifications/emit.js';
import type { NotificationEvent } from '../server/notifications/events.js';
import { createWebhookActivities } from '../server/temporal/webhook-delivery.activities.js';
import { createHarness, type Harness } from './support/harness.js';
import { startReceiver } from './support/webhook-receiver.js';

const PUBLIC = '93.184.215.14';
const dns = new Map<string, string[]>();
const resolve: Resolve = async (hostname) => {
  const found = dns.get(hostname);
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
// No allowance: what a production server does by default.
const strict = createDestinationPolicy({ allowPrivate: [], resolve });
const onPremises = createDestinationPolicy({ allowPrivate: ['127.0.0.0/8'], resolve });

let h: Harness;
let receiver: ReturnType<typeof startReceiver>;
let port: number;
let strictApp: Harness['app'];
let onPremApp: Harness['app'];
let connection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let hooksQueue: string;

beforeAll(async () => {
  h = await createHarness({ worker: false });
  receiver = startReceiver();
  port = Number(new URL(await receiver.listen()).port);
  strictApp = h.newApp({ destinations: strict });
  onPremApp = h.newApp({ destinations: onPremises });
  // Deliveries run as the production worker runs them, without the allowance.
  hooksQueue = `${h.taskQueue}-hooks`;
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: hooksQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createWebhookActivities({ db: h.db, clock: systemClock, destinations: strict, requestTimeoutMs: 2_000 }),
  });
  running = worker.run();
});
afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await connection?.close();
  await receiver?.close();
  await h?.close();
});

const countWebhooks = async () => Number((await h.db.selectFrom('webhooks').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const save = (url: string, app = strictApp) => h.call(h.adminToken, 'POST', '/webhooks', { url, events: ['customer.reclaimed'] }, app);
const delivery = (id: string) => h.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

let seq = 0;
const event = (): NotificationEvent => ({
  type: 'customer.reclaimed',
  idempotencyKey: `destinations:${++seq}`,
  occurredAt: new Date().toISOString(),
  customerId: null,
  recipients: [],
  title: `Event ${seq}`,
  body: 'Reclaimed.',
  data: { seq },
});

describe('saving a webhook', () => {
  it.each([
    'http://127.0.0.1:{port}/hook',
    'http://127.1:{port}/hook',
    'http://2130706433:{port}/hook',
    'http://0x7f000001:{port}/hook',
    'http://0177.0.0.1:{port}/hook',
    'http://10.0.0.5/hook',
    'http://172.16.3.4/hook',
    'http://192.168.1.1/hook',
    'http://100.64.0.1/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0:{port}/hook',
    'http://[::1]:{port}/hook',
    'http://[::]/hook',
    'http://[::ffff:127.0.0.1]:{port}/hook',
    'http://[::ffff:7f00:1]:{port}/hook',
    'http://[fc00::1]/hook',
    'http://[fe80::1]/hook',
    'http://224.0.0.1/hook',
  ])('refuses %s with a pointer to /url, saving nothing', async (template) => {
    const before = await countWebhooks();
    const res = await save(template.replace('{port}', String(port)));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues).toEqual([{ pointer: '/url', code: 'address_refused', params: expect.objectContaining({ reason: expect.stringMatching(/not a public address/), refusal: 'address' }), message: expect.stringMatching(/not a public address/) }]);
    expect(res.body.error.message).toMatch(/WEBHOOK_ALLOW_PRIVATE/);
    expect(await countWebhooks()).toBe(before);
  });

  it('refuses names that resolve to a private address (any of them), or do not resolve', async () => {
    dns.set('intranet.test', ['10.1.2.3']);
    dns.set('split.test', [PUBLIC, '169.254.169.254']);
    const before = await countWebhooks();
    for (const [url, mention] of [
      ['https://intranet.test/hook', '10.1.2.3'],
      ['https://split.test/hook', '169.254.169.254'],
      ['https://nowhere.test/hook', 'cannot be resolved'],
    ] as const) {
      const res = await save(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.details.issues[0], url).toMatchObject({ pointer: '/url', message: expect.stringContaining(mention) });
    }
    // A Chinese reader reads the reason in Chinese too.
    const zh = async (url: string) =>
      ((await (await strictApp.request('/webhooks', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify({ url, events: ['customer.reclaimed'] }) })).json()) as { error: { details: { issues: { message: string }[] } } }).error.details.issues[0]!.message;
    expect(await zh('https://intranet.test/hook')).toBe('地址不可用：域名 intranet.test 解析到 10.1.2.3，是私有地址（内网地址），不是公网地址');
    expect(await zh('https://nowhere.test/hook')).toBe('地址不可用：无法解析域名 nowhere.test（ENOTFOUND）');
    expect(await zh('http://[::1]/hook')).toBe('地址不可用：::1 是回环地址，不是公网地址');
    expect(await countWebhooks()).toBe(before);
  });

  it('refuses a user name or password in the address, and shows a token in it only by its last four characters', async () => {
    dns.set('hooks.test', [PUBLIC]);
    const withUser = await save('https://admin:s3cret@hooks.test/hook');
    expect([withUser.status, withUser.body.error.details.issues[0].pointer]).toEqual([400, '/url']);
    const withToken = await save('https://hooks.test/hook?token=abcdef0123456789wxyz');
    expect(withToken.status).toBe(201);
    expect(withToken.body.url).toBe('https://hooks.test/hook?token=…wxyz');
    const listed = (await h.call(h.adminToken, 'GET', '/webhooks')).body.items.find((w: { id: string }) => w.id === withToken.body.id);
    expect(listed.url).toBe('https://hooks.test/hook?token=…wxyz');
    expect(JSON.stringify((await h.call(h.adminToken, 'GET', '/webhooks')).body)).not.toContain('abcdef0123456789');
    await h.call(h.adminToken, 'DELETE', `/webhooks/${withToken.body.id}`);
  });

  it('accepts public names and addresses', async () => {
    dns.set('hooks.test', [PUBLIC]);
    for (const url of ['https://hooks.test/hook', 'https://8.8.8.8/hook']) {
      const res = await save(url);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await h.call(h.adminToken, 'DELETE', `/webhooks/${res.body.id}`);
    }
  });
});

describe('delivering', () => {
  it('reaches a loopback receiver when its range is allowed', async () => {
    dns.set('receiver.test', ['127.0.0.1']);
    expect((await save(`http://receiver.test:${port}/allowed`)).status).toBe(400);
    const hook = await save(`http://receiver.test:${port}/allowed`, onPremApp);
    expect(hook.status).toBe(201);
    const { deliveryIds } = await emitEvent(h.db, event());
    const activities = createWebhookActivities({ db: h.db, clock: systemClock, destinations: onPremises, requestTimeoutMs: 2_000 });
    expect(deliveryIds).toHaveLength(1);
    expect(await activities.attemptWebhookDelivery({ deliveryId: deliveryIds[0]! })).toEqual({ outcome: 'delivered', attempts: 1 });
    expect(receiver.on('/allowed')).toHaveLength(1);
    await h.call(h.adminToken, 'DELETE', `/webhooks/${hook.body.id}`);
  });

  it('refuses at connect time a name that rebinds to 127.0.0.1 after it was saved: nothing reaches the receiver, the delivery fails once with the reason', async () => {
    dns.set('rebind.test', [PUBLIC]);
    const hook = await save(`http://rebind.test:${port}/rebind`);
    expect(hook.status).toBe(201);
    dns.set('rebind.test', ['127.0.0.1']);

    const { deliveryIds } = await emitEvent(h.db, event());
    expect(deliveryIds).toHaveLength(1);
    await dispatchPending({ client: h.client, taskQueue: hooksQueue, retry: { initialIntervalMs: 200, backoffCoefficient: 1, maximumIntervalMs: 200, maximumAttempts: 5 } }, deliveryIds);
    const failed = await h.waitFor(async () => {
      const row = await delivery(deliveryIds[0]!);
      return row.status === 'failed' ? row : null;
    }, 30_000);
    // Refused, not retried: one attempt, whatever the retry policy would allow.
    expect(failed.attempts).toBe(1);
    expect(failed.last_status).toBeNull();
    expect(failed.last_error).toMatch(/rebind\.test.*127\.0\.0\.1.*loopback/);
    expect(receiver.on('/rebind')).toHaveLength(0);
    await h.call(h.adminToken, 'DELETE', `/webhooks/${hook.body.id}`);
  });

  it('refuses a private literal saved before the check existed (connections to literals skip DNS)', async () => {
    dns.set('legacy.test', [PUBLIC]);
    const hook = await save(`http://legacy.test:${port}/legacy`);
    expect(hook.status).toBe(201);
    await h.db.updateTable('webhooks').set({ url: `http://[::ffff:127.0.0.1]:${port}/legacy` }).where('id', '=', hook.body.id).execute();
    const { deliveryIds } = await emitEvent(h.db, event());
    const activities = createWebhookActivities({ db: h.db, clock: systemClock, destinations: strict, requestTimeoutMs: 2_000 });
    expect(await activities.attemptWebhookDelivery({ deliveryId: deliveryIds[0]! })).toEqual({ outcome: 'failed', attempts: 1 });
    expect(await delivery(deliveryIds[0]!)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/127\.0\.0\.1.*loopback/) });
    expect(receiver.on('/legacy')).toHaveLength(0);
    await h.call(h.adminToken, 'DELETE', `/webhooks/${hook.body.id}`);
  });
});
