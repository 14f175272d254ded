// Notifications on real Postgres: events reach the right reps once, and the inbox API. Webhooks and
// their deliveries: webhook-deliveries.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../server/notifications/emit.js';
import { createHarness, type Harness } from './support/harness.js';
import { eventMaker } from './support/notification-events.js';

let h: Harness;
let owner: { id: string; token: string };
let manager: { id: string; token: string };
let loner: { id: string; token: string };

beforeAll(async () => {
  h = await createHarness({ worker: false });
  manager = await h.createRep({ id: 'n-manager', role: 'manager' });
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'n-team', name: 'Notified team', managerId: manager.id })).status).toBe(201);
  owner = await h.createRep({ id: 'n-owner', teamId: 'n-team' });
  loner = await h.createRep({ id: 'n-loner' });
});
afterAll(async () => {
  await h?.close();
});

const event = eventMaker(() => owner.id);

function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
}

describe('emitting an event', () => {
  it('notifies the owner and their team manager once, however often it is emitted', async () => {
    const e = event({ type: 'deadline.escalation', recipients: [owner.id, { managerOf: owner.id }] });
    const first = await emitEvent(h.db, e);
    expect(first.notifications.map((n) => n.repId).sort()).toEqual([manager.id, owner.id].sort());
    expect(first.skipped).toEqual([]);
    const again = await Promise.all([emitEvent(h.db, e), emitEvent(h.db, e)]);
    for (const r of again) expect(r.notifications.map((n) => n.id).sort()).toEqual(first.notifications.map((n) => n.id).sort());
    const rows = await h.db.selectFrom('notifications').selectAll().where('idempotency_key', 'like', `${e.idempotencyKey}:%`).execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: 'deadline.escalation', title: e.title, data: e.data });
  });

  it('skips recipients that resolve to nobody and notifies a manager who is also the owner once', async () => {
    const res = await emitEvent(h.db, event({ recipients: [loner.id, { managerOf: loner.id }, 'ghost', manager.id, { managerOf: owner.id }] }));
    expect(res.notifications.map((n) => n.repId).sort()).toEqual([loner.id, manager.id].sort());
    expect(res.skipped).toEqual([
      { recipient: { managerOf: loner.id }, reason: expect.stringContaining('no manager') },
      { recipient: 'ghost', reason: 'unknown rep' },
    ]);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const e = event();
    await expect(
      h.db.transaction().execute(async (tx) => {
        await emitEvent(tx, e);
        throw new Error('the reclaim failed');
      }),
    ).rejects.toThrow('the reclaim failed');
    expect(await h.db.selectFrom('notifications').select('id').where('idempotency_key', '=', `${e.idempotencyKey}:${owner.id}`).execute()).toEqual([]);
  });

  it('refuses a malformed event as a domain error (not retried by an activity)', async () => {
    await expect(emitEvent(h.db, { ...event(), type: 'customer.exploded' as never })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('the inbox', () => {
  it('lists your notifications newest first, pages them, filters unread and marks them read', async () => {
    const rep = await h.createRep({ id: 'n-inbox' });
    for (let i = 0; i < 3; i++) await emitEvent(h.db, event({ recipients: [rep.id], title: `Inbox ${i}` }));
    const page1 = await h.call(rep.token, 'GET', '/notifications?limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((n: { title: string }) => n.title)).toEqual(['Inbox 2', 'Inbox 1']);
    expect(page1.body.unreadCount).toBe(3);
    const page2 = await h.call(rep.token, 'GET', `/notifications?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((n: { title: string }) => n.title)).toEqual(['Inbox 0']);
    expect(page2.body.nextCursor).toBeNull();

    const newest = page1.body.items[0];
    const read = await h.call(rep.token, 'POST', `/notifications/${newest.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    // Reading again keeps the first time.
    expect((await h.call(rep.token, 'POST', `/notifications/${newest.id}/read`)).body.readAt).toBe(read.body.readAt);
    const unread = await h.call(rep.token, 'GET', '/notifications?unread=true');
    expect(unread.body.items.map((n: { title: string }) => n.title)).toEqual(['Inbox 1', 'Inbox 0']);
    expect(unread.body.unreadCount).toBe(2);

    expect((await h.call(rep.token, 'POST', '/notifications/read-all')).body).toEqual({ read: 2 });
    expect((await h.call(rep.token, 'POST', '/notifications/read-all')).body).toEqual({ read: 0 });
    expect((await h.call(rep.token, 'GET', '/notifications?unread=true')).body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    expect((await h.call(rep.token, 'GET', '/notifications?unread=false')).body.items).toHaveLength(3);
  });

  it("tells each notification in the reader's language: English titles as stored, Chinese from the event's values, the customer by name", async () => {
    const rep = await h.createRep({ id: 'n-zh' });
    const customerId = await h.createCustomer({ assign: false, companyName: 'Hamburg (Süd) Trading GmbH' });
    await emitEvent(h.db, event({ type: 'customer.reclaimed', customerId, recipients: [rep.id], title: 'Reclaimed to the pool: Hamburg', body: 'The follow-up deadline passed (no_follow_up).', data: { reason: 'no_follow_up' } }));
    await emitEvent(h.db, event({ type: 'approval.decided', customerId, recipients: [rep.id], title: 'Quote rejected', body: 'Rejected: too cheap', data: { decided: 'rejected', comment: 'price [too] low' } }));
    const read = async (language: string, path = '/notifications') => {
      const res = await h.app.request(path, { method: path === '/notifications' ? 'GET' : 'POST', headers: { authorization: `Bearer ${rep.token}`, 'accept-language': language } });
      expect(res.headers.get('vary')).toMatch(/accept-language/i);
      return (await res.json()) as any;
    };
    const zh = await read('zh-CN');
    expect(zh.items.map((n: { title: string; body: string }) => [n.title, n.body])).toEqual([
      ['报价被驳回：Hamburg (Süd) Trading GmbH', '报价已驳回：price [too] low'],
      ['已收回公海：Hamburg (Süd) Trading GmbH', '期限已过（未按时跟进），客户已回到公海。'],
    ]);
    expect((await read('en')).items.map((n: { title: string; body: string }) => [n.title, n.body])).toEqual([
      ['Quote rejected', 'Rejected: too cheap'],
      // A reclaim stored with its reason's code is told in words (stored before it named its pool: the pool, unnamed).
      ['Reclaimed to the pool: Hamburg', 'The deadline passed (no follow-up in time); the customer is back in the pool.'],
    ]);
    expect((await read('zh', `/notifications/${zh.items[1].id}/read`)).title).toBe('已收回公海：Hamburg (Süd) Trading GmbH');

    // A customer since moved to a pool closed to the reader goes unnamed.
    expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'n-closed', name: 'Closed desk', openToAll: false, repIds: [owner.id] })).status).toBe(201);
    const hidden = await h.createCustomer({ assign: false, companyName: 'Secret Buyer AG', poolId: 'n-closed' });
    await emitEvent(h.db, event({ type: 'customer.reclaimed', customerId: hidden, recipients: [rep.id], title: 'Reclaimed', body: 'Gone.', data: { reason: 'no_follow_up' } }));
    const latest = (await read('zh')).items[0];
    expect([latest.title, latest.customerId]).toEqual(['已收回公海', hidden]);
  });

  it("tells a deadline in the reader's time zone and names the reps a notice names, in either language", async () => {
    const rep = await h.createRep({ id: 'n-tz', timeZone: 'Asia/Shanghai' });
    const gone = await h.createRep({ id: 'n-gone' });
    const customerId = await h.createCustomer({ assign: false, companyName: 'Zeit Trading GmbH' });
    await emitEvent(h.db, event({ type: 'deadline.warning', customerId, recipients: [rep.id], title: 'Deadline soon', body: 'The follow_up deadline is 2026-12-24T08:00:00.000Z; after it the customer returns to the pool.', data: { deadline: '2026-12-24T08:00:00.000Z', deadlineKind: 'follow_up', ownerId: rep.id } }));
    await emitEvent(h.db, event({ type: 'customer.handed_over', customerId, recipients: [rep.id], title: 'Handed over to you', body: 'x', data: { kind: 'handover', fromRepId: gone.id, toRepId: rep.id, poolId: null, code: null } }));
    const read = async (language: string) =>
      ((await (await h.app.request('/notifications', { headers: { authorization: `Bearer ${rep.token}`, 'accept-language': language } })).json()) as { items: { body: string }[] }).items.map((n) => n.body);
    expect(await read('zh')).toEqual(['原属 Rep n-gone（n-gone）（已离职）的客户：现在归你，历史记录随客户转移。', '「跟进」期限为 2026年12月24日周四 16:00（GMT+8），逾期后客户回到公海。']);
    expect(await read('en')).toEqual(['A customer of Rep n-gone (n-gone), who left: it is yours now, with its history.', 'The follow-up deadline is Thu, 24 Dec 2026, 16:00 (GMT+8); after it the customer returns to the pool.']);
  });

  it("never shows or marks another rep's notifications", async () => {
    const theirs = (await h.call(owner.token, 'GET', '/notifications?limit=1')).body.items[0];
    expectError(await h.call(loner.token, 'POST', `/notifications/${theirs.id}/read`), 404, 'NOT_FOUND');
    expect((await h.call(loner.token, 'GET', '/notifications')).body.items.every((n: { id: string }) => n.id !== theirs.id)).toBe(true);
  });

  it('refuses bad queries with a pointer', async () => {
    const res = await h.call(owner.token, 'GET', '/notifications?unread=yes&limit=0');
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual(['/limit', '/unread']);
    expectError(await h.call(owner.token, 'GET', '/notifications?cursor=garbage'), 400, 'VALIDATION_FAILED');
    expectError(await h.call(null, 'GET', '/notifications'), 401, 'UNAUTHENTICATED');
  });
});
