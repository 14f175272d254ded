// Possible duplicates of a new customer (similar company names, issue 14 §3): shown with the
// created customer, never a refusal, and remembered as pairs for the admins' list.
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Customer, Database } from '../db/database.js';
import { canRead, loadSubject } from './customer-access.js';
import { findSimilarCustomers, recordPairs } from './near-duplicates.js';

const SHOWN = 10;

export async function possibleDuplicatesOf(db: Kysely<Database>, actor: Actor, customer: Customer, threshold: number, now: Date) {
  const [similar = []] = await findSimilarCustomers(db, [customer.company_name], { threshold, limit: SHOWN, excludeIds: [customer.id] });
  await recordPairs(db, similar.map((s) => ({ a: customer.id, b: s.customerId, score: s.score })), now);
  return Promise.all(
    similar.map(async (s) => {
      const subject = await loadSubject(db, actor, s.customerId);
      // A customer in a pool not open to the creator is named, but not linked (R9).
      const known = subject !== null && canRead(actor, subject).level !== 'none';
      return { customerId: known ? s.customerId : null, companyName: s.companyName, score: s.score };
    }),
  );
}
