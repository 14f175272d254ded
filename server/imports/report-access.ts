// What a reader of an import's report sees of the customers its rows name (R9): the report is
// stored once, as the workflow decided it, and shown to whoever may see the job (its creator, the
// team's manager, admins) through the one access policy (customers/customer-access.ts), as the
// duplicate look-up and POST /customers show customers. A duplicate's id only to those who may read
// that customer in full (as GET /customers/lookup); a similar name's id unless the customer is in a
// pool not open to the reader (as POST /customers' possibleDuplicates).
import type { Kysely } from 'kysely';
import type { ImportRow } from '../../schemas/imports.js';
import type { Actor } from '../auth/actor.js';
import { canRead, loadSubjects } from '../customers/customer-access.js';
import type { Database } from '../db/database.js';
import type { ImportJobRowRecord } from './import-jobs.repository.js';

type MatchedOn = NonNullable<ImportRow['duplicateOf']>['matchedOn'];

/** A row of the report as one reader sees it. */
export type SeenRow = Omit<ImportJobRowRecord, 'duplicate_of' | 'possible_duplicates'> & {
  duplicate_of: ImportRow['duplicateOf'] | null;
  possible_duplicates: ImportRow['possibleDuplicates'] | null;
};

/** The rows as `actor` may see them: ids of customers the policy keeps from them left out. */
export async function rowsSeenBy(db: Kysely<Database>, actor: Actor, rows: readonly ImportJobRowRecord[]): Promise<SeenRow[]> {
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.duplicate_of?.customerId) ids.add(r.duplicate_of.customerId);
    for (const p of r.possible_duplicates ?? []) ids.add(p.customerId);
  }
  const subjects = await loadSubjects(db, actor, [...ids]);
  const level = (id: string) => {
    const subject = subjects.get(id);
    return subject ? canRead(actor, subject).level : 'none';
  };
  return rows.map((r) => {
    const d = r.duplicate_of;
    const hidden = d?.customerId ? level(d.customerId) !== 'full' : false;
    return {
      ...r,
      duplicate_of: d && hidden ? { customerId: null, visibility: 'restricted', ...(d.row !== undefined ? { row: d.row } : {}), matchedOn: d.matchedOn as MatchedOn } : (d as SeenRow['duplicate_of']),
      possible_duplicates: r.possible_duplicates?.map((p) => (level(p.customerId) === 'none' ? { ...p, customerId: null } : p)) ?? null,
    };
  });
}
