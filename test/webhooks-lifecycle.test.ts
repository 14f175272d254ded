// End to end: a customer's durable timer fires, the tenure returns it to the pool, and an
// admin's webhook receives one signed customer.reclaimed POST from the lifecycle worker itself
// (the same wiring `npm start` uses), alongside the owner's in-app notification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../server/notifications/signature.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';
import { startReceiver } from './support/webhook-receiver.js';

let h: Harness;
let receiver: ReturnType<typeof startReceiver>;
let base: string;
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '2s' }) });
  receiver = startReceiver();
  base = await receiver.listen();
});
afterAll(async () => {
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
