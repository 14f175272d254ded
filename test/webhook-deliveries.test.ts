// Signed webhooks on real Postgres and Temporal: the webhook admin API, and deliveries to a real
// HTTP receiver with signatures, retries with backoff, the attempt cap, racing attempts and a
// worker restart. Notifications and the inbox: notifications.test.ts.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { systemClock } from '../server/clock.js';
import { emitEvent } from '../server/notifications/emit.js';
import { dispatchPending, redispatchPending } from '../server/temporal/webhook-dispatch.js';
import { verifySignature } from '../server/notifications/signature.js';
import { createWebhookActivities } from '../server/temporal/webhook-delivery.activities.js';
import { webhookWorkflowIdFor } from '../workflows/webhook-delivery-policy.js';
import { createHarness, type Harness } from './support/harness.js';
import { eventMaker } from './support/notification-events.js';
import { startReceiver } from './support/webhook-receiver.js';

let h: Harness;
let owner: { id: string; token: string };
let manager: { id: string; token: string };
let receiver: ReturnType<typeof startReceiver>;
let base: string;
let worker: Worker;
let running: Promise<void>;
let connection: NativeConnection;
let hooksQueue: string;
const FAST = { initialIntervalMs: 300, backoffCoefficient: 2, maximumIntervalMs: 5_000, maximumAttempts: 3 };

async function startHookWorker() {
  worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: hooksQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createWebhookActivities({ db: h.db, clock: systemClock, destinations: h.destinations, requestTimeoutMs: 2_000 }),
  });
  running = worker.run();
}
async function stopHookWorker() {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running;
}

beforeAll(async () => {
  h = await createHarness({ worker: false });
  manager = await h.createRep({ id: 'n-manager', role: 'manager' });
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'n-team', name: 'Notified team', managerId: manager.id })).status).toBe(201);
  owner = await h.createRep({ id: 'n-owner', teamId: 'n-team' });
  receiver = startReceiver();
  base = await receiver.listen();
  // The webhook workflow and activities run on their own queue: the harness's worker is the
  // lifecycle's, built from files this module does not own.
  hooksQueue = `${h.taskQueue}-hooks`;
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  await startHookWorker();
});
afterAll(async () => {
  await stopHookWorker().catch(() => {});
  await connection?.close();
  await receiver?.close();
  await h?.close();
});

const event = eventMaker(() => owner.id);

async function createWebhook(path: string, events: string[]) {
  const res = await h.call(h.adminToken, 'POST', '/webhooks', { url: `${base}${path}`, events });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
}

const delivery = (id: string) => h.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const waitForStatus = (id: string, status: string, timeoutMs = 30_000) =>
  h.waitFor(async () => {
    const d = await delivery(id);
    return d.status === status ? d : null;
  }, timeoutMs);

function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
}

describe('the webhook admin API', () => {
  it('shows the secret once, lists without it, deletes', async () => {
    const created = await createWebhook('/admin-api', ['customer.reclaimed', 'approval.requested']);
    expect(created.secret).toMatch(/^whsec_/);
    const list = await h.call(h.adminToken, 'GET', '/webhooks');
    const listed = list.body.items.find((w: { id: string }) => w.id === created.id);
    expect(listed).toMatchObject({ url: `${base}/admin-api`, events: ['customer.reclaimed', 'approval.requested'], active: true, createdBy: 'admin' });
    expect(JSON.stringify(list.body)).not.toContain(created.secret);
    expect((await h.call(h.adminToken, 'GET', `/webhooks/${created.id}/deliveries`)).body).toEqual({ items: [], nextCursor: null });
    expect((await h.call(h.adminToken, 'DELETE', `/webhooks/${created.id}`)).status).toBe(204);
    expectError(await h.call(h.adminToken, 'DELETE', `/webhooks/${created.id}`), 404, 'NOT_FOUND');
    expectError(await h.call(h.adminToken, 'GET', `/webhooks/${created.id}/deliveries`), 404, 'NOT_FOUND');
  });

  it('refuses bad subscriptions with a pointer each, and non-admins', async () => {
    const res = await h.call(h.adminToken, 'POST', '/webhooks', { url: 'ftp://example.com/x', events: ['customer.reclaimed', 'customer.exploded', 'customer.reclaimed'], extra: 1 });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual(['/events/1', '/extra', '/url']);
    const dup = await h.call(h.adminToken, 'POST', '/webhooks', { url: 'https://example.com/x', events: ['*', '*'] });
    expect(dup.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toEqual(['/events/1']);
    expectError(await h.call(h.adminToken, 'POST', '/webhooks', { url: 'https://example.com/x', events: [] }), 400, 'VALIDATION_FAILED');
    expectError(await h.call(manager.token, 'POST', '/webhooks', { url: 'https://example.com/x', events: ['*'] }), 403, 'FORBIDDEN');
    expectError(await h.call(owner.token, 'GET', '/webhooks'), 403, 'FORBIDDEN');
    expectError(await h.call(h.adminToken, 'GET', '/webhooks/x/deliveries?status=lost'), 400, 'VALIDATION_FAILED');
  });
});

describe('webhook deliveries', () => {
  const deps = () => ({ client: h.client, taskQueue: hooksQueue, retry: FAST });

  it('POST the event, signed, to every subscribed webhook once; other subscriptions get nothing', async () => {
    const hook = await createWebhook('/signed', ['customer.reclaimed']);
    const all = await createWebhook('/all', ['*']);
    const other = await createWebhook('/other', ['approval.requested']);
    const e = event({ customerId: null, data: { reason: 'no_follow_up', 中文: '公海' } });
    const { deliveryIds } = await emitEvent(h.db, e);
    expect(deliveryIds).toHaveLength(2);
    expect((await dispatchPending(deps(), deliveryIds)).started.sort()).toEqual([...deliveryIds].sort());

    const [mine] = await h.db.selectFrom('webhook_deliveries').select('id').where('webhook_id', '=', hook.id).execute();
    const done = await waitForStatus(mine!.id, 'delivered');
    expect(done).toMatchObject({ attempts: 1, last_status: 200, last_error: null });
    expect(done.delivered_at).not.toBeNull();
    const [got] = receiver.on('/signed');
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['x-highseas-event']).toBe('customer.reclaimed');
    expect(got!.headers['x-highseas-delivery']).toBe(mine!.id);
    const signature = got!.headers['x-highseas-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(hook.secret, got!.body, signature, { nowSeconds: Math.floor(Date.now() / 1000) })).toMatchObject({ ok: true });
    expect(verifySignature(all.secret, got!.body, signature, { nowSeconds: Math.floor(Date.now() / 1000) })).toMatchObject({ ok: false });
    expect(JSON.parse(got!.body)).toEqual({
      type: 'customer.reclaimed',
      eventKey: e.idempotencyKey,
      occurredAt: e.occurredAt,
      customerId: null,
      recipients: [owner.id],
      title: e.title,
      body: e.body,
      data: { reason: 'no_follow_up', 中文: '公海' },
    });

    await h.waitFor(async () => receiver.on('/all').length === 1);
    expect(receiver.on('/other')).toHaveLength(0);

    // Emitting and dispatching again sends nothing more.
    const again = await emitEvent(h.db, e);
    expect(again.deliveryIds).toEqual([]);
    expect((await dispatchPending(deps(), deliveryIds)).alreadyStarted.sort()).toEqual([...deliveryIds].sort());
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.on('/signed')).toHaveLength(1);
    expect(receiver.on('/all')).toHaveLength(1);
    for (const id of [all.id, other.id, hook.id]) await h.call(h.adminToken, 'DELETE', `/webhooks/${id}`);
  });

  it('retries a receiver that fails twice with growing pauses; the third attempt delivers', async () => {
    const hook = await createWebhook('/flaky', ['deadline.warning']);
    receiver.scripts.set('/flaky', [500, 503]);
    const { deliveryIds } = await emitEvent(h.db, event({ type: 'deadline.warning' }));
    await dispatchPending(deps(), deliveryIds);
    const done = await waitForStatus(deliveryIds[0]!, 'delivered');
    expect(done).toMatchObject({ attempts: 3, last_status: 200, last_error: null });

    const hits = receiver.on('/flaky');
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((r) => r.headers['x-highseas-delivery']))).toEqual(new Set([deliveryIds[0]]));
    for (const r of hits) expect(verifySignature(hook.secret, r.body, r.headers['x-highseas-signature'] as string, { nowSeconds: Math.floor(Date.now() / 1000) }).ok).toBe(true);
    const [gap1, gap2] = [hits[1]!.at - hits[0]!.at, hits[2]!.at - hits[1]!.at];
    expect(gap1).toBeGreaterThanOrEqual(250);
    expect(gap2).toBeGreaterThanOrEqual(550);

    const listed = await h.call(h.adminToken, 'GET', `/webhooks/${hook.id}/deliveries`);
    expect(listed.body.items[0]).toMatchObject({ id: deliveryIds[0], status: 'delivered', attempts: 3, lastStatus: 200, lastError: null });
    await h.call(h.adminToken, 'DELETE', `/webhooks/${hook.id}`);
  });

  it('gives up after the attempt cap: failed, with every attempt counted and the last answer kept', async () => {
    const hook = await createWebhook('/down', ['approval.escalated']);
    receiver.scripts.set('/down', Array(10).fill(500));
    const refused = await createWebhook('/nobody-listens', ['approval.escalated']);
    // Point the second webhook at a port nobody listens on.
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/x`;
    await new Promise<void>((r) => closed.close(() => r()));
    await h.db.updateTable('webhooks').set({ url: deadUrl }).where('id', '=', refused.id).execute();

    const { deliveryIds } = await emitEvent(h.db, event({ type: 'approval.escalated' }));
    await dispatchPending(deps(), deliveryIds);
    const rows = await Promise.all(deliveryIds.map((id) => waitForStatus(id, 'failed')));
    const byHook = new Map(rows.map((r) => [r.webhook_id, r]));
    expect(byHook.get(hook.id)).toMatchObject({ attempts: 3, last_status: 500, delivered_at: null });
    expect(byHook.get(hook.id)!.last_error).toContain('HTTP 500: receiver says no');
    expect(byHook.get(refused.id)).toMatchObject({ attempts: 3, last_status: null });
    expect(byHook.get(refused.id)!.last_error).toMatch(/ECONNREFUSED|fetch failed/);
    expect(receiver.on('/down')).toHaveLength(3);

    const failed = await h.call(h.adminToken, 'GET', `/webhooks/${hook.id}/deliveries?status=failed`);
    expect(failed.body.items).toHaveLength(1);
    expect((await h.call(h.adminToken, 'GET', `/webhooks/${hook.id}/deliveries?status=delivered`)).body.items).toHaveLength(0);
    for (const id of [hook.id, refused.id]) await h.call(h.adminToken, 'DELETE', `/webhooks/${id}`);
  });

  it('racing attempts of one delivery send it once: the second waits, later ones find it delivered', async () => {
    const hook = await createWebhook('/slow', ['customer.assigned']);
    receiver.delays.set('/slow', 400);
    const { deliveryIds } = await emitEvent(h.db, event({ type: 'customer.assigned' }));
    const activities = createWebhookActivities({ db: h.db, clock: systemClock, destinations: h.destinations, requestTimeoutMs: 2_000 });
    const input = { deliveryId: deliveryIds[0]! };
    const [a, b] = await Promise.allSettled([activities.attemptWebhookDelivery(input), activities.attemptWebhookDelivery(input)]);
    const outcomes = [a, b].map((r) => (r.status === 'fulfilled' ? r.value.outcome : (r.reason as { type: string }).type)).sort();
    expect(outcomes).toEqual(['WEBHOOK_ATTEMPT_IN_PROGRESS', 'delivered'].sort());
    expect(await activities.attemptWebhookDelivery(input)).toEqual({ outcome: 'delivered', attempts: 1 });
    expect(await activities.failWebhookDelivery(input)).toBe('delivered');
    expect(receiver.on('/slow')).toHaveLength(1);
    expect(await delivery(input.deliveryId)).toMatchObject({ status: 'delivered', attempts: 1, lease_until: null });

    // A delivery whose webhook was deleted has nothing left to send.
    const gone = await emitEvent(h.db, event({ type: 'customer.assigned' }));
    await h.call(h.adminToken, 'DELETE', `/webhooks/${hook.id}`);
    expect(await activities.attemptWebhookDelivery({ deliveryId: gone.deliveryIds[0]! })).toEqual({ outcome: 'gone', attempts: 0 });
  });

  it('survives a worker restart between attempts, and a sweep dispatches what a crash left behind', async () => {
    const hook = await createWebhook('/restart', ['approval.decided']);
    receiver.scripts.set('/restart', [500]);
    const { deliveryIds } = await emitEvent(h.db, event({ type: 'approval.decided' }));
    const id = deliveryIds[0]!;
    await dispatchPending({ ...deps(), retry: { ...FAST, initialIntervalMs: 2_000 } }, deliveryIds);
    await h.waitFor(async () => (await delivery(id)).attempts === 1 && receiver.on('/restart').length === 1);
    await stopHookWorker();
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await delivery(id)).status).toBe('pending');
    await startHookWorker();
    expect(await waitForStatus(id, 'delivered')).toMatchObject({ attempts: 2, last_status: 200 });
    const handle = h.client.workflow.getHandle(webhookWorkflowIdFor(id));
    expect(await handle.result()).toBe('delivered');

    // Committed but never dispatched (the emitter crashed): the sweep starts it, once.
    const orphan = await emitEvent(h.db, event({ type: 'approval.decided', occurredAt: new Date(Date.now() - 60_000).toISOString() }));
    const swept = await redispatchPending({ ...deps(), db: h.db }, { now: new Date(), olderThanMs: 30_000 });
    expect(swept.started).toEqual(orphan.deliveryIds);
    await waitForStatus(orphan.deliveryIds[0]!, 'delivered');
    expect((await redispatchPending({ ...deps(), db: h.db }, { now: new Date(), olderThanMs: 30_000 })).started).toEqual([]);
    expect(receiver.on('/restart')).toHaveLength(3);
    await h.call(h.adminToken, 'DELETE', `/webhooks/${hook.id}`);
  });
});
