// End to end: a customer's durable timer fires, the tenure returns it to the pool, and an
// admin's webhook receives one signed customer.reclaimed POST from the lifecycle worker itself
// (the same wiring `npm start` uses), alongside the owner's in-app notification; and the team's
// WeCom robot gets one message about it, in the team's language, with the link and the mention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../server/notifications/signature.js';
import { createHarness, type Harness, TEST_PUBLIC_URL } from './support/harness.js';
import { startFakeRobots } from './support/fake-robots.js';
import { fastReclaim } from './support/rule-sets.js';
import { startReceiver } from './support/webhook-receiver.js';

let h: Harness;
let receiver: ReturnType<typeof startReceiver>;
let base: string;
let fakes: Awaited<ReturnType<typeof startFakeRobots>>;
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '2s' }) });
  receiver = startReceiver();
  base = await receiver.listen();
  fakes = await startFakeRobots({ windowMs: 60_000 });
});
afterAll(async () => {
  await fakes?.close();
  await receiver?.close();
  await h?.close();
});

describe('a reclaim reaches the webhooks that subscribe to it', () => {
  it('posts one signed customer.reclaimed event and notifies the former owner in-app', async () => {
    const hook = await h.call(h.adminToken, 'POST', '/webhooks', { url: `${base}/reclaims`, events: ['customer.reclaimed'] });
    expect(hook.status).toBe(201);
    const other = await h.call(h.adminToken, 'POST', '/webhooks', { url: `${base}/approvals`, events: ['approval.requested'] });
    expect(other.status).toBe(201);

    const rep = await h.createRep();
    const id = await h.createCustomer({ companyName: 'Webhook Trading Co.' });
    expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);

    const hit = await h.waitFor(async () => receiver.on('/reclaims')[0], 30_000);
    const signature = hit.headers['x-highseas-signature'] as string;
    expect(verifySignature(hook.body.secret, hit.body, signature, { nowSeconds: Math.floor(Date.now() / 1000) })).toMatchObject({ ok: true });
    expect(hit.headers['x-highseas-event']).toBe('customer.reclaimed');
    const payload = JSON.parse(hit.body);
    expect(payload).toMatchObject({ type: 'customer.reclaimed', customerId: id });

    const delivery = await h.waitFor(async () => {
      const row = await h.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', hook.body.id).executeTakeFirst();
      return row?.status === 'delivered' ? row : null;
    });
    expect(delivery.attempts).toBe(1);

    const inbox = await h.call(rep.token, 'GET', '/notifications');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.some((n: { kind: string; customerId: string }) => n.kind === 'customer.reclaimed' && n.customerId === id)).toBe(true);

    // Nothing for the webhook that did not subscribe, and no second POST for the same reclaim.
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.on('/approvals')).toHaveLength(0);
    expect(receiver.on('/reclaims')).toHaveLength(1);
  });
});

describe('a reclaim reaches the chat robots that subscribe to it', () => {
  it("posts one message to the team's WeCom robot, in the team's language, with the link and the owner mentioned", async () => {
    expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'robot-team', name: 'Robot team', language: 'en' })).status).toBe(201);
    const robot = fakes.robot('wecom');
    const channel = await h.call(h.adminToken, 'POST', '/channels', { name: 'Team robot', kind: 'wecom', url: robot.url, events: ['customer.reclaimed'], teamId: 'robot-team' });
    expect(channel.status).toBe(201);
    const rep = await h.createRep({ teamId: 'robot-team' });
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${rep.id}`, { wecomUserId: 'robot-rep' })).status).toBe(200);
    const id = await h.createCustomer({ companyName: 'Robot Trading Co.' });
    expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);

    const message = await h.waitFor(async () => robot.accepted[0], 30_000);
    const content = (message.body as { markdown: { content: string } }).markdown.content;
    expect(content).toContain('Reclaimed to the pool: Robot Trading Co.');
    // Why, in words, and the pool it went to by name (no reason or deadline code).
    expect(content).toContain('The first follow-up deadline passed (no follow-up in time); the customer is back in the pool "Public pool".');
    expect(content).not.toMatch(/no_follow_up|first_follow_up/);
    expect(content).toContain(`${TEST_PUBLIC_URL}/ui/customers/${id}`);
    expect(content).toContain('<@robot-rep>');
    await new Promise((r) => setTimeout(r, 500));
    expect(robot.accepted).toHaveLength(1);
    expect(robot.refused).toEqual([]);
  });
});
