// Changing a customer's details (PATCH /customers/{id}): only the fields sent, under the row's lock;
// the identities (R8) move with the values, so a change to another customer's e-mail, phone, website
// or company name is refused as a create would be, and nothing is written; the change is recorded
// in the customer's history with the values before and after. Ownership, stage and grade are not
// details: the commands change those.
import type { Kysely } from 'kysely';
import type { UpdateCustomerBody } from '../../schemas/customers.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { Customer, Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { invalidRequest } from '../request-issues.js';
import { insertActivity } from './activities.repository.js';
import { customerToActOn } from './customer-access.js';
import { lockCustomer, updateCustomerVersioned } from './customer-rows.repository.js';
import { findByIdentities } from './customers.repository.js';
import { duplicateError } from './customers.service.js';
import { customerIdentities, identityProblems, type Identity } from './identity.js';
import { nameKeyColumns } from './near-duplicates.js';
import { DETAILS } from './detail-columns.js';

type Detail = keyof typeof DETAILS;

const identityInput = (c: Pick<Customer, 'company_name' | 'email' | 'phone' | 'website' | 'country'>) => ({
  companyName: c.company_name,
  email: c.email,
  phone: c.phone,
  website: c.website,
  country: c.country,
});
const key = (i: Identity) => `${i.kind}:${i.value}`;

export async function editCustomer(deps: { db: Kysely<Database>; clock: Clock }, actor: Actor, id: string, body: UpdateCustomerBody): Promise<Customer> {
  const { db } = deps;
  await customerToActOn(db, actor, id, 'edit');
  try {
    return await db.transaction().execute(async (tx) => {
      const before = await lockCustomer(tx, id);
      const changed = (Object.keys(DETAILS) as Detail[]).filter((f) => body[f] !== undefined && (body[f] ?? null) !== before[DETAILS[f]]);
      if (changed.length === 0) return before;
      const after = { ...before, ...Object.fromEntries(changed.map((f) => [DETAILS[f], body[f] ?? null])) } as Customer;
      const issues = identityProblems(identityInput(after) as Parameters<typeof identityProblems>[0]);
      if (issues.length > 0) throw invalidRequest('body', issues);

      // The identities of the values left behind are given up; those of the new values claimed.
      const old = customerIdentities(identityInput(before));
      const next = customerIdentities(identityInput(after));
      const kept = new Set(next.map(key));
      const gone = old.filter((i) => !kept.has(key(i)));
      const had = new Set(old.map(key));
      const added = next.filter((i) => !had.has(key(i)));
      for (const i of gone) await tx.deleteFrom('customer_identities').where('customer_id', '=', id).where('kind', '=', i.kind).where('value', '=', i.value).execute();
      if (added.length > 0) {
        const holders = await findByIdentities(tx, added);
        const taken = holders.filter((m) => m.customer_id !== id);
        if (taken.length > 0) throw await duplicateError(tx, actor, taken);
        // One it holds already (a customer merged into it had it) stays; a concurrent claim of another is a unique violation.
        const held = new Set(holders.map((m) => `${m.kind}:${m.value}`));
        const claim = added.filter((i) => !held.has(key(i)));
        if (claim.length > 0) await tx.insertInto('customer_identities').values(claim.map((i) => ({ ...i, customer_id: id }))).execute();
      }

      const set = Object.fromEntries(changed.map((f) => [DETAILS[f], body[f] ?? null]));
      const updated = await updateCustomerVersioned(tx, id, { ...set, ...(changed.includes('companyName') ? nameKeyColumns(after.company_name) : {}) }, { now: deps.clock.now() });
      const now = deps.clock.now();
      await insertActivity(tx, {
        customerId: id,
        repId: actor.repId,
        kind: 'details_changed',
        note: null,
        text: { key: 'details_changed', changes: changed.map((f) => ({ field: f, before: before[DETAILS[f]] ?? null, after: body[f] ?? null })) },
        occurredAt: now,
        tenureId: before.tenure_id,
        idempotencyKey: null,
        at: now,
      });
      return updated;
    });
  } catch (e) {
    // Another customer claimed one of the new identities between the look and the insert: named as a duplicate.
    if (isUniqueViolation(e)) {
      const now = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const wanted = customerIdentities(identityInput({ ...now, ...Object.fromEntries((Object.keys(DETAILS) as Detail[]).filter((f) => body[f] !== undefined).map((f) => [DETAILS[f], body[f] ?? null])) }));
      const taken = (await findByIdentities(db, wanted)).filter((m) => m.customer_id !== id);
      if (taken.length > 0) throw await duplicateError(db, actor, taken);
    }
    throw e;
  }
}
