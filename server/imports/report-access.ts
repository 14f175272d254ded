// What a reader of an import's report sees of the customers its rows name (R9): the report is
// stored once, as the workflow decided it, and shown to whoever may see the job (its creator, the
// team's manager, admins) through the one access policy (customers/customer-access.ts), as the
// duplicate look-up shows customers. An id, of a duplicate or of a customer with a similar name,
// only to those who may read that customer in full (as GET /customers/lookup), the row's own customer
// too: otherwise a report
// would list other reps' private customers with their ids, which the look-up never does. The row's
// own customer is named (its company name) to those who may read it in full, and the rep an
// assignment gave it to by their name. What the server wrote for people (why a row was refused, why
// nobody was assigned) is told in the reader's language.
import type { Kysely } from 'kysely';
import type { ImportRow } from '../../schemas/imports.js';
import type { Language } from '../../schemas/language.js';
import type { Actor } from '../auth/actor.js';
import { canRead, loadSubjects } from '../customers/customer-access.js';
import type { Database } from '../db/database.js';
import type { ImportJobRowRecord } from './import-jobs.repository.js';
import { refusalMessage } from './refusal-words.js';
import { storedReasonText } from '../../schemas/pick-reason.js';

type MatchedOn = NonNullable<ImportRow['duplicateOf']>['matchedOn'];

/** A row of the report as one reader sees it. */
export type SeenRow = Omit<ImportJobRowRecord, 'duplicate_of' | 'possible_duplicates' | 'assignment'> & {
  duplicate_of: ImportRow['duplicateOf'] | null;
  possible_duplicates: ImportRow['possibleDuplicates'] | null;
  assignment: ImportRow['assignment'] | null;
  /** The company name of the row's customer, when the reader may read it in full. */
  company_name: string | null;
};

/** The rows as `actor` may see them: ids of customers the policy keeps from them left out. */
export async function rowsSeenBy(db: Kysely<Database>, actor: Actor, rows: readonly ImportJobRowRecord[], language: Language): Promise<SeenRow[]> {
  const ids = new Set<string>();
  const repIds = new Set<string>();
  for (const r of rows) {
    if (r.customer_id) ids.add(r.customer_id);
    if (r.duplicate_of?.customerId) ids.add(r.duplicate_of.customerId);
    for (const p of r.possible_duplicates ?? []) ids.add(p.customerId);
    if (r.assignment?.repId) repIds.add(r.assignment.repId);
  }
  const subjects = await loadSubjects(db, actor, [...ids]);
  const reps = repIds.size ? await db.selectFrom('reps').select(['id', 'name']).where('id', 'in', [...repIds]).execute() : [];
  const repName = new Map(reps.map((r) => [r.id, r.name]));
  const full = (id: string) => {
    const subject = subjects.get(id);
    return subject ? canRead(actor, subject).level === 'full' : false;
  };
  const nameOf = (id: string) => {
    const name = subjects.get(id)?.customer.company_name;
    return name ? { companyName: name } : {};
  };
  return rows.map((r) => {
    const d = r.duplicate_of;
    const hidden = d?.customerId ? !full(d.customerId) : false;
    const a = r.assignment;
    return {
      ...r,
      // The row's own customer (created, or filled) by id only to whoever may read it in full: one the rules gave to another team's rep is not the importer's to open.
      customer_id: r.customer_id && full(r.customer_id) ? r.customer_id : null,
      errors: r.errors?.map((e) => ({ ...e, message: refusalMessage(e, language) })) ?? null,
      duplicate_of: d && hidden ? { customerId: null, visibility: 'restricted', ...(d.row !== undefined ? { row: d.row } : {}), matchedOn: d.matchedOn as MatchedOn } : d?.customerId ? { ...(d as NonNullable<SeenRow['duplicate_of']>), ...nameOf(d.customerId) } : (d as SeenRow['duplicate_of']),
      possible_duplicates: r.possible_duplicates?.map((p) => (full(p.customerId) ? p : { ...p, customerId: null })) ?? null,
      assignment: a ? { status: a.status, repId: a.repId, repName: a.repId ? (repName.get(a.repId) ?? a.repId) : null, reason: storedReasonText(a.reason, a.why, language) } : null,
      company_name: r.customer_id && full(r.customer_id) ? (nameOf(r.customer_id).companyName ?? null) : null,
    };
  });
}
