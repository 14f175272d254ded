// The customer access policy as a pure function of actor and customer: reads, actions and their order.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import { type AccessSubject, canAct, canRead } from './customer-access.js';
import type { CustomerWithOwnerTeam } from './customers.repository.js';

const actor = (repId: string, role: Actor['role'], teamId: string | null): Actor => ({ repId, name: repId, role, teamId, active: true, tokenId: 't', via: 'token', scopes: ['read', 'write', 'admin'] });
const owner = actor('owner', 'rep', 'a');
const peer = actor('peer', 'rep', 'a');
const managerA = actor('ma', 'manager', 'a');
const managerB = actor('mb', 'manager', 'b');
const admin = actor('admin', 'admin', null);

const customer = (fields: Partial<CustomerWithOwnerTeam>): CustomerWithOwnerTeam =>
  ({ id: 'c1', status: 'pool', owner_id: null, owner_team_id: null, pool_id: 'default', merged_into_id: null, ...fields }) as CustomerWithOwnerTeam;
const subject = (c: CustomerWithOwnerTeam, governing: CustomerWithOwnerTeam | null = c, poolOpen = true): AccessSubject => ({ customer: c, governing, poolOpen, collaborator: false });

const owned = customer({ status: 'owned', owner_id: 'owner', owner_team_id: 'a' });
const won = customer({ status: 'won', owner_id: 'owner', owner_team_id: 'a' });

describe('canRead', () => {
  it('gives the owner, their team manager and admins the full view of an owned customer, others only that it is owned', () => {
    expect([owner, managerA, admin].map((a) => canRead(a, subject(owned)).level)).toEqual(['full', 'full', 'full']);
    for (const a of [peer, managerB]) expect(canRead(a, subject(owned))).toMatchObject({ level: 'restricted', refusal: { code: 'NOT_OWNER' } });
  });

  it('refuses a pool customer to those its pool is not open to, admins excepted', () => {
    const pooled = customer({ pool_id: 'closed' });
    expect(canRead(peer, subject(pooled, pooled, false))).toMatchObject({ level: 'none', refusal: { code: 'POOL_CLOSED', details: { poolId: 'closed' } } });
    expect(canRead(peer, subject(pooled, pooled, true)).level).toBe('full');
    expect(canRead(admin, subject(pooled, pooled, false)).level).toBe('full');
  });

  it('reads a merged customer as its survivor, and refuses all but admins when the survivor is missing', () => {
    const merged = customer({ id: 'm', status: 'merged', merged_into_id: 'c1' });
    expect(canRead(peer, subject(merged, owned)).level).toBe('restricted');
    expect(canRead(managerA, subject(merged, owned)).level).toBe('full');
    expect(canRead(peer, subject(merged, customer({ pool_id: 'closed' }), false)).level).toBe('none');
    expect(canRead(peer, subject(merged, null)).level).toBe('none');
    expect(canRead(admin, subject(merged, null)).level).toBe('full');
  });
});

describe('canAct', () => {
  it('checks the role first, then readability, then a merge, then who may act, then the state', () => {
    const closed = customer({ pool_id: 'closed' });
    expect(canAct(admin, subject(closed), 'claim')?.code).toBe('FORBIDDEN');
    expect(canAct(peer, subject(closed, closed, false), 'claim')?.code).toBe('POOL_CLOSED');
    expect(canAct(peer, subject(closed), 'claim')).toBeNull();
    const merged = customer({ id: 'm', status: 'merged', merged_into_id: 'c1' });
    expect(canAct(owner, subject(merged, owned), 'stage')).toMatchObject({ code: 'CONFLICT', details: { mergedIntoId: 'c1' } });
    // A reader who sees the survivor only as owned is not told which customer it is.
    const unnamed = canAct(peer, subject(merged, owned), 'dispute');
    expect(unnamed).toMatchObject({ code: 'CONFLICT', details: { customerId: 'm' } });
    expect(JSON.stringify(unnamed)).not.toContain('c1');
    expect(canAct(owner, subject(closed), 'release')?.code).toBe('NOT_OWNER');
    expect(canAct(peer, subject(won), 'stage')?.code).toBe('NOT_OWNER');
    expect(canAct(managerA, subject(won), 'stage')?.code).toBe('CUSTOMER_WON');
    expect(canAct(owner, subject(won), 'follow_up')?.code).toBe('NOT_OWNER');
    expect(canAct(owner, subject(won), 'release')?.code).toBe('NOT_OWNER');
  });

  it('lets the owner, their team manager and admins move an owned customer, and only the owner log a follow-up', () => {
    for (const a of [owner, managerA, admin]) expect(canAct(a, subject(owned), 'stage')).toBeNull();
    for (const a of [peer, managerB]) expect(canAct(a, subject(owned), 'release')?.code).toBe('NOT_OWNER');
    expect(canAct(owner, subject(owned), 'follow_up')).toBeNull();
    expect(canAct(managerA, subject(owned), 'follow_up')?.code).toBe('NOT_OWNER');
    expect(canAct(owner, subject(owned), 'reassign')?.code).toBe('FORBIDDEN');
    expect(canAct(managerA, subject(owned), 'reassign')).toBeNull();
    expect(canAct(managerB, subject(owned), 'reassign')?.code).toBe('NOT_OWNER');
    expect(canAct(managerA, subject(owned), 'merge')?.code).toBe('FORBIDDEN');
    expect(canAct(admin, subject(owned), 'merge')).toBeNull();
  });
});
