// Builds the facts a decision sees from database rows, as its contract describes them. Each
// customer field names the columns it needs, so a bulk reader (simulation) can select only what
// the rules in play read.
import { DateTime } from 'luxon';
import type { Customer, Rep } from '../db/database.js';

const wholeDays = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));

interface Field<T> {
  columns: readonly (keyof Customer)[];
  build(c: Customer, now: Date): T;
}
const field = <T>(columns: readonly (keyof Customer)[], build: (c: Customer, now: Date) => T): Field<T> => ({ columns, build });

/** Every field of the `customer` fact: the columns it reads and how its value is made. */
export const customerFields = {
  id: field(['id'], (c) => c.id),
  country: field(['country'], (c) => c.country),
  region: field(['region'], (c) => c.region),
  source: field(['source'], (c) => c.source),
  productLine: field(['product_line'], (c) => c.product_line),
  language: field(['language'], (c) => c.language),
  poolId: field(['pool_id'], (c) => c.pool_id),
  status: field(['status'], (c) => c.status),
  stage: field(['stage'], (c) => c.stage),
  grade: field(['grade'], (c) => c.grade),
  keyCustomer: field(['key_customer'], (c) => c.key_customer),
  // Nobody owned it before: in the pool, never owned; owned (a quote, a stage), its owner is the first.
  isNew: field(['previous_owner_id', 'status'], (c) => c.previous_owner_id === null && c.status !== 'won'),
  createdAt: field(['created_at'], (c) => c.created_at.toISOString()),
  daysSinceCreated: field(['created_at'], (c, now) => wholeDays(c.created_at, now)),
  claimedAt: field(['claimed_at'], (c) => c.claimed_at?.toISOString() ?? null),
  daysSinceClaim: field(['claimed_at'], (c, now) => (c.claimed_at ? wholeDays(c.claimed_at, now) : null)),
  stageAt: field(['stage_at'], (c) => c.stage_at?.toISOString() ?? null),
  daysInStage: field(['stage_at'], (c, now) => (c.stage_at ? wholeDays(c.stage_at, now) : null)),
  followUps: field(['follow_ups'], (c) => c.follow_ups),
  daysSinceLastFollowUp: field(['last_follow_up_at'], (c, now) => (c.last_follow_up_at ? wholeDays(c.last_follow_up_at, now) : null)),
  reclaims: field(['reclaims'], (c) => c.reclaims),
  expectedCloseDays: field(['expected_close_days'], (c) => c.expected_close_days),
  noDemand: field(['no_demand'], (c) => c.no_demand),
  repGrade: field(['rep_grade'], (c) => c.rep_grade),
};

export type CustomerField = keyof typeof customerFields;
export type CustomerFacts = { [K in CustomerField]: ReturnType<(typeof customerFields)[K]['build']> };
const ALL_FIELDS = Object.keys(customerFields) as CustomerField[];

/** The customer fact; with `only`, just those fields (the row then needs only their columns). */
export function customerFacts(c: Customer, now: Date, only: readonly CustomerField[] = ALL_FIELDS): CustomerFacts {
  const out = {} as Record<CustomerField, unknown>;
  for (const f of only) out[f] = customerFields[f].build(c, now);
  return out as CustomerFacts;
}

/** The columns that building these fields reads. */
export function columnsFor(fields: readonly CustomerField[]): (keyof Customer)[] {
  return [...new Set(fields.flatMap((f) => customerFields[f].columns))];
}


export function repFacts(r: Pick<Rep, 'id' | 'role' | 'team_id' | 'hired_at' | 'tags' | 'time_zone'>, now: Date) {
  const hired = DateTime.fromISO(String(r.hired_at), { zone: r.time_zone });
  const months = Math.max(0, Math.floor(DateTime.fromJSDate(now, { zone: r.time_zone }).diff(hired, 'months').months));
  return {
    id: r.id,
    role: r.role,
    teamId: r.team_id,
    seniorityMonths: months,
    newHire: months < 3,
    tags: [...r.tags],
    timeZone: r.time_zone,
  };
}
