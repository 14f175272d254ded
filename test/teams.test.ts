// A team's manager (who approves its quotes, decides its disputes and is told about its reps) is
// one of its own managers, so the team they decide for is the team they see. A team created before
// its manager gets one later; a manager moving away or demoted no longer manages it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
}, 120_000);
afterAll(() => h?.close());

const team = async (id: string) => (await h.call(h.adminToken, 'GET', '/teams')).body.items.find((t: { id: string }) => t.id === id);
const repTeam = async (id: string) => (await h.call(h.adminToken, 'GET', `/reps/${id}`)).body.teamId;

describe('a team’s manager', () => {
  it('is given to a team created without one, joins it, and then sees its reps', async () => {
    expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'sales', name: 'Sales' })).status).toBe(201);
    const li = await h.createRep({ id: 'li', teamId: 'sales' });
    const wang = await h.createRep({ id: 'wang', role: 'manager' });
    const set = await h.call(h.adminToken, 'PATCH', '/teams/sales', { managerId: wang.id });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({ id: 'sales', name: 'Sales', managerId: 'wang', language: 'zh' });
    expect(await repTeam('wang')).toBe('sales');
    const seen = (await h.call(wang.token, 'GET', '/reps')).body.items.map((r: { id: string }) => r.id).sort();
    expect(seen).toEqual([li.id, wang.id].sort());
    // A change of its name leaves the manager.
    const renamed = await h.call(h.adminToken, 'PATCH', '/teams/sales', { name: 'Sales Europe' });
    expect(renamed.body).toEqual({ id: 'sales', name: 'Sales Europe', managerId: 'wang', language: 'zh' });
  });

  it('refuses a manager of another team, a rep and an unknown rep at /managerId, and creates nothing', async () => {
    expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'east', name: 'East' })).status).toBe(201);
    const zhou = await h.createRep({ id: 'zhou', role: 'manager', teamId: 'east' });
    const plain = await h.createRep({ id: 'plain' });
    for (const managerId of [zhou.id, plain.id, 'nobody']) {
      const created = await h.call(h.adminToken, 'POST', '/teams', { id: `t-${managerId}`, name: `T ${managerId}`, managerId });
      expect(created.status, JSON.stringify(created.body)).toBe(400);
      expect(created.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ pointer: '/managerId' }] } });
      expect(await team(`t-${managerId}`)).toBeUndefined();
      const patched = await h.call(h.adminToken, 'PATCH', '/teams/sales', { managerId });
      expect(patched.status).toBe(400);
    }
    expect((await team('sales')).managerId).toBe('wang');
    expect(await repTeam(zhou.id)).toBe('east');
    expect((await h.call(h.adminToken, 'PATCH', '/teams/nope', { name: 'x' })).status).toBe(404);
  });

  it('is no longer the team’s manager once moved to another team or made a rep; null removes one', async () => {
    expect((await h.call(h.adminToken, 'PATCH', '/reps/wang', { teamId: 'east' })).status).toBe(200);
    expect((await team('sales')).managerId).toBeNull();
    expect((await h.call(h.adminToken, 'PATCH', '/reps/wang', { teamId: 'sales' })).status).toBe(200);
    expect((await h.call(h.adminToken, 'PATCH', '/teams/sales', { managerId: 'wang' })).status).toBe(200);
    expect((await h.call(h.adminToken, 'PATCH', '/reps/wang', { role: 'rep' })).status).toBe(200);
    expect((await team('sales')).managerId).toBeNull();
    expect((await h.call(h.adminToken, 'PATCH', '/teams/east', { managerId: 'zhou' })).status).toBe(200);
    expect((await h.call(h.adminToken, 'PATCH', '/teams/east', { managerId: null })).body.managerId).toBeNull();
    expect(await repTeam('zhou')).toBe('east');
  });
});

describe('a team’s id and name', () => {
  it('refuses an id or a name another team has with DUPLICATE_TEAM at the field, and changes nothing', async () => {
    expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'north', name: 'North' })).status).toBe(201);
    expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'south', name: 'South' })).status).toBe(201);
    const sameId = await h.call(h.adminToken, 'POST', '/teams', { id: 'north', name: 'Nord' });
    expect([sameId.status, sameId.body.error.code, sameId.body.error.details.pointer]).toEqual([409, 'DUPLICATE_TEAM', '/id']);
    const sameName = await h.call(h.adminToken, 'POST', '/teams', { id: 'north-2', name: 'North' });
    expect([sameName.status, sameName.body.error.code, sameName.body.error.details.pointer]).toEqual([409, 'DUPLICATE_TEAM', '/name']);
    expect(sameName.body.error.message).toMatch(/North/);
    const renamed = await h.call(h.adminToken, 'PATCH', '/teams/south', { name: 'North' });
    expect([renamed.status, renamed.body.error.code, renamed.body.error.details.pointer]).toEqual([409, 'DUPLICATE_TEAM', '/name']);
    expect(await team('south')).toMatchObject({ name: 'South' });
    expect(await team('north-2')).toBeUndefined();
  });

  it('takes ids and names as one whatever their case: DUPLICATE_TEAM at the field, and nothing changes', async () => {
    expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'pacific', name: 'Pacific' })).status).toBe(201);
    expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'atlantic', name: 'Atlantic' })).status).toBe(201);
    const sameId = await h.call(h.adminToken, 'POST', '/teams', { id: 'Pacific', name: 'Pacific coast' });
    expect([sameId.status, sameId.body.error?.code, sameId.body.error?.details?.pointer]).toEqual([409, 'DUPLICATE_TEAM', '/id']);
    const sameName = await h.call(h.adminToken, 'POST', '/teams', { id: 'pacific-2', name: 'PACIFIC' });
    expect([sameName.status, sameName.body.error?.code, sameName.body.error?.details?.pointer]).toEqual([409, 'DUPLICATE_TEAM', '/name']);
    const renamed = await h.call(h.adminToken, 'PATCH', '/teams/atlantic', { name: 'PACIFIC' });
    expect([renamed.status, renamed.body.error?.code, renamed.body.error?.details?.pointer]).toEqual([409, 'DUPLICATE_TEAM', '/name']);
    expect(await team('atlantic')).toMatchObject({ name: 'Atlantic' });
    expect(await team('Pacific')).toBeUndefined();
    expect(await team('pacific-2')).toBeUndefined();
    // A team may change the case of its own name.
    expect((await h.call(h.adminToken, 'PATCH', '/teams/atlantic', { name: 'ATLANTIC' })).status).toBe(200);
  });
});
