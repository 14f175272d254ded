// Choosing the pool customers go to (R1): wherever a rep or manager names a target pool (a create,
// an import, a bulk move, a handover), or lands in the default pool without naming one, a pool not
// open to them is refused with 403 POOL_CLOSED at the field that chose it, and nothing is written.
// Admins may use any pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { upload } from './support/imports.js';

let h: Harness;
let rep: { id: string; token: string };
let manager: { id: string; token: string };
beforeAll(async () => {
  h = await createHarness({ worker: false });
  for (const id of ['pt-east', 'pt-west']) expect((await h.call(h.adminToken, 'POST', '/teams', { id, name: id })).status).toBe(201);
  rep = await h.createRep({ id: 'pt-li', teamId: 'pt-east' });
  manager = await h.createRep({ id: 'pt-boss', role: 'manager', teamId: 'pt-east' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'pt-east').execute();
  expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'westonly', name: 'West only', openToAll: false, teamIds: ['pt-west'] })).status).toBe(201);
});
afterAll(() => h?.close());

const closed = (pointer: string, poolId = 'westonly') => ({ code: 'POOL_CLOSED', message: `Pool "${poolId}" is not open to you.`, details: { pointer, poolId } });
const customersNamed = async (companyName: string) => (await h.db.selectFrom('customers').select('id').where('company_name', '=', companyName).execute()).length;

describe('creating a customer', () => {
  it('refuses a rep a pool closed to them, named in the body, and creates nothing', async () => {
    const res = await h.call(rep.token, 'POST', '/customers', { companyName: 'Westonly Create Ltd', poolId: 'westonly', assign: false });
    expect([res.status, res.body.error]).toMatchObject([403, closed('/poolId')]);
    expect(await customersNamed('Westonly Create Ltd')).toBe(0);
    // An admin may use any pool.
    expect((await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Westonly Create Ltd', poolId: 'westonly', assign: false })).status).toBe(201);
  });
});

describe('choosing a target pool elsewhere', () => {
  it('refuses an import into a closed pool with the same error', async () => {
    const res = await upload(h, new Blob(['Company\nWestonly Import Ltd\n'], { type: 'text/csv' }), 'west.csv', { poolId: 'westonly' }, rep.token);
    expect([res.status, res.body.error]).toMatchObject([403, closed('/poolId')]);
  });

  it('refuses a manager a bulk move into a closed pool', async () => {
    const customer = await h.createCustomer({ assign: false });
    const res = await h.call(manager.token, 'POST', '/bulk-moves', { action: 'move_pool', customerIds: [customer], poolId: 'westonly' });
    expect([res.status, res.body.error]).toMatchObject([403, closed('/poolId')]);
    expect((await h.customerRow(customer)).pool_id).toBe('default');
  });

  it("refuses a manager a handover into a closed pool, and the rep stays active", async () => {
    const leaver = await h.createRep({ teamId: 'pt-east' });
    const res = await h.call(manager.token, 'POST', `/reps/${leaver.id}/handover`, { to: { kind: 'pool', poolId: 'westonly' } });
    expect([res.status, res.body.error]).toMatchObject([403, closed('/to/poolId')]);
    expect((await h.db.selectFrom('reps').select('active').where('id', '=', leaver.id).executeTakeFirstOrThrow()).active).toBe(true);
  });
});

// Last: it closes the default pool for the rest of the file.
describe('the default pool, closed', () => {
  it('refuses a rep a create that names no pool, and creates nothing', async () => {
    expect((await h.call(h.adminToken, 'PATCH', '/pools/default', { openToAll: false })).status).toBe(200);
    const res = await h.call(rep.token, 'POST', '/customers', { companyName: 'Closed Default Ltd', assign: false });
    expect([res.status, res.body.error]).toMatchObject([403, closed('/poolId', 'default')]);
    expect(await customersNamed('Closed Default Ltd')).toBe(0);
    expect((await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Closed Default Ltd', assign: false })).status).toBe(201);
  });

  it('refuses a rep an import that names no pool', async () => {
    const res = await upload(h, new Blob(['Company\nClosed Default Import Ltd\n'], { type: 'text/csv' }), 'default.csv', {}, rep.token);
    expect([res.status, res.body.error]).toMatchObject([403, closed('/poolId', 'default')]);
    expect((await upload(h, new Blob(['Company\nOpen West Import Ltd\n'], { type: 'text/csv' }), 'west.csv', { poolId: 'westonly' }, h.adminToken)).status).toBe(202);
  });
});
