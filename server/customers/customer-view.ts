// What an actor may see of a customer (R9): the pool and their own in full, another rep's private
// customer only as "owned"; managers see their team, admins everything.
import type { CustomerView } from '../../schemas/customers.js';
import type { Customer } from '../db/database.js';
import type { Actor } from '../http/app-env.js';

export function toCustomerView(c: Customer): CustomerView {
  return {
    visibility: 'full',
    id: c.id,
    companyName: c.company_name,
    contactName: c.contact_name,
    email: c.email,
    phone: c.phone,
    website: c.website,
    country: c.country,
    region: c.region,
    source: c.source,
    productLine: c.product_line,
    language: c.language,
    poolId: c.pool_id,
    status: c.status,
    stage: c.stage,
    ownerId: c.owner_id,
    grade: c.grade,
    keyCustomer: c.key_customer,
    followUps: c.follow_ups,
    reclaims: c.reclaims,
    expectedCloseDays: c.expected_close_days,
    noDemand: c.no_demand,
    repGrade: c.rep_grade,
    previousOwnerId: c.previous_owner_id,
    mergedIntoId: c.merged_into_id,
    wonAt: c.won_at?.toISOString() ?? null,
    deadline: c.deadline?.toISOString() ?? null,
    deadlineKind: c.deadline_kind,
    claimedAt: c.claimed_at?.toISOString() ?? null,
    lastFollowUpAt: c.last_follow_up_at?.toISOString() ?? null,
    version: c.version,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  };
}

export function toRestrictedView(c: Customer) {
  return { visibility: 'restricted' as const, id: c.id, companyName: c.company_name, country: c.country, status: 'owned' as const };
}

/** Whether the actor sees the customer in full; `ownerTeamId` is the team of the current owner. */
export function canSeeFull(actor: Actor, c: Customer, ownerTeamId: string | null): boolean {
  if (actor.role === 'admin') return true;
  if (c.owner_id === null || c.owner_id === actor.repId) return true;
  return actor.role === 'manager' && actor.teamId !== null && ownerTeamId === actor.teamId;
}

/** Whether the actor may act for the owner (release, see their list): themselves, their manager, an admin. */
export function canActFor(actor: Actor, repId: string, repTeamId: string | null): boolean {
  if (actor.repId === repId || actor.role === 'admin') return true;
  return actor.role === 'manager' && actor.teamId !== null && repTeamId === actor.teamId;
}
