// Nobody can take away the last way in: the last active admin cannot be deactivated, demoted or
// handed over (no route could undo it), also when two admins remove each other at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
}, 120_000);
afterAll(() => h?.close());

const activeAdmins = async () => (await h.db.selectFrom('reps').select('id').where('role', '=', 'admin').where('active', '=', true).execute()).map((r) => r.id).sort();

describe('the last active admin', () => {
  it('cannot be deactivated, demoted or handed over, and keeps working', async () => {
    expect(await activeAdmins()).toEqual(['admin']);
    const before = (await h.call(h.adminToken, 'GET', '/reps/admin')).body;
    for (const [body, pointer] of [
      [{ active: false }, '/active'],
      [{ role: 'manager' }, '/role'],
      [{ role: 'rep', name: 'Demoted' }, '/role'],
    ] as const) {
      const res = await h.call(h.adminToken, 'PATCH', '/reps/admin', body);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'LAST_ADMIN', details: { pointer } });
    }
    // Nobody hands themselves over (403), so the last admin cannot be handed over either.
    const handover = await h.call(h.adminToken, 'POST', '/reps/admin/handover', { to: { kind: 'pool' } });
    expect(handover.status, JSON.stringify(handover.body)).toBe(403);
    expect(handover.body.error.code).toBe('FORBIDDEN');
    // Nothing changed, and the admin still gets in.
    expect((await h.call(h.adminToken, 'GET', '/reps/admin')).body).toEqual(before);
    expect((await h.call(h.adminToken, 'GET', '/me')).status).toBe(200);
    // Other changes of the last admin still go through.
    const renamed = await h.call(h.adminToken, 'PATCH', '/reps/admin', { name: 'The Admin', active: true, role: 'admin' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
  });

  it('may be deactivated once another admin is active; of two removing each other at once, one stays', async () => {
    const second = await h.createRep({ role: 'admin' });
    const third = await h.createRep({ role: 'admin' });
    expect((await h.call(second.token, 'PATCH', `/reps/${third.id}`, { active: false })).status).toBe(200);
    expect(await activeAdmins()).toEqual(['admin', second.id].sort());
    const [a, b] = await Promise.all([
      h.call(h.adminToken, 'PATCH', `/reps/${second.id}`, { active: false }),
      h.call(second.token, 'PATCH', '/reps/admin', { role: 'manager' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error.code).toBe('LAST_ADMIN');
    expect(await activeAdmins()).toHaveLength(1);
  });
});
