// The two views of a customer (R9): in full, and another rep's private customer only as "owned".
// Who gets which is decided by customer-access.ts.
import type { Kysely } from 'kysely';
import type { CustomerView } from '../../schemas/customers.js';
import type { Customer, Database } from '../db/database.js';
import { nameIn, repNames } from './rep-names.repository.js';

/** The customer in full; its owner and previous owner named from `names` (by id). */
export function toCustomerView(c: Customer, names: ReadonlyMap<string, string> = new Map()): CustomerView {
  const nameOf = (id: string | null) => nameIn(names, id);
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
    ownerName: nameOf(c.owner_id),
    grade: c.grade,
    keyCustomer: c.key_customer,
    followUps: c.follow_ups,
    reclaims: c.reclaims,
    expectedCloseDays: c.expected_close_days,
    noDemand: c.no_demand,
    repGrade: c.rep_grade,
    previousOwnerId: c.previous_owner_id,
    previousOwnerName: nameOf(c.previous_owner_id),
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

/** Customers in full, their owners named (one query for all of them). */
export async function customerViews(db: Kysely<Database>, rows: readonly Customer[]): Promise<CustomerView[]> {
  const names = await repNames(db, rows.flatMap((c) => [c.owner_id, c.previous_owner_id].filter((id): id is string => id !== null)));
  return rows.map((c) => toCustomerView(c, names));
}

export function toRestrictedView(c: Customer) {
  return { visibility: 'restricted' as const, id: c.id, companyName: c.company_name, country: c.country, status: 'owned' as const };
}
