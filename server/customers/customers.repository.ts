// Customer rows: creation with dedup identities, reads, and the history across owners.
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Customer, Database, NewCustomer } from '../db/database.js';
import { type Cursor, newestFirstPage } from '../db/pagination.js';
import type { Identity } from './identity.js';
import { nameKeyColumns } from './near-duplicates.js';
import type { Language } from '../../schemas/language.js';
import { type ActivityText, activityNote, repIdsOf } from './activity-notes.js';
import { repNames } from './rep-names.repository.js';
import { stageDetails, stageDetailsText, stageNote } from './stage-notes.js';

export async function findCustomer(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('customers as c')
    .leftJoin('reps as o', 'o.id', 'c.owner_id')
    .selectAll('c')
    .select('o.team_id as owner_team_id')
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CustomerWithOwnerTeam = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

/** Many customers as findCustomer reads one (those that exist), in one query. */
export function findCustomers(db: Kysely<Database>, ids: readonly string[]): Promise<CustomerWithOwnerTeam[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customers as c')
    .leftJoin('reps as o', 'o.id', 'c.owner_id')
    .selectAll('c')
    .select('o.team_id as owner_team_id')
    .where(sql<boolean>`c.id = any(${[...ids]}::text[])`)
    .execute();
}

/** Customers already holding any of these identities, with the identities they matched on. */
export async function findByIdentities(db: Kysely<Database>, identities: Identity[]) {
  if (identities.length === 0) return [];
  return db
    .selectFrom('customer_identities')
    .select(['customer_id', 'kind', 'value'])
    .where((eb) => eb.or(identities.map((i) => eb.and([eb('kind', '=', i.kind), eb('value', '=', i.value)]))))
    .execute();
}

/**
 * Inserts a customer and claims its identities. Returns the ids that already hold one of them
 * (the insert is then to be rolled back by the caller's transaction).
 */
export async function insertCustomerWithIdentities(
  tx: Transaction<Database>,
  customer: NewCustomer,
  identities: Identity[],
): Promise<{ conflicts: { customer_id: string; kind: string; value: string }[] }> {
  await tx.insertInto('customers').values({ ...nameKeyColumns(customer.company_name), ...customer }).execute();
  if (identities.length === 0) return { conflicts: [] };
  const inserted = await tx
    .insertInto('customer_identities')
    .values(identities.map((i) => ({ ...i, customer_id: customer.id })))
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .returning(['kind', 'value'])
    .execute();
  if (inserted.length === identities.length) return { conflicts: [] };
  const mine = new Set(inserted.map((i) => `${i.kind}:${i.value}`));
  const missing = identities.filter((i) => !mine.has(`${i.kind}:${i.value}`));
  return { conflicts: (await findByIdentities(tx, missing)).filter((c) => c.customer_id !== customer.id) };
}

export interface PoolFilter {
  /** The pools the caller may see; null: all. */
  openPools?: string[] | null;
  poolId?: string | undefined;
  country?: string | undefined;
  region?: string | undefined;
  source?: string | undefined;
  productLine?: string | undefined;
  grade?: string | undefined;
  q?: string | undefined;
}

export async function listPool(db: Kysely<Database>, filter: PoolFilter, limit: number, cursor?: Cursor) {
  let q = db.selectFrom('customers').selectAll().where('status', '=', 'pool');
  if (filter.openPools) q = q.where('pool_id', 'in', filter.openPools.length > 0 ? filter.openPools : ['']);
  if (filter.poolId) q = q.where('pool_id', '=', filter.poolId);
  if (filter.country) q = q.where('country', '=', filter.country);
  if (filter.region) q = q.where('region', '=', filter.region);
  if (filter.source) q = q.where('source', '=', filter.source);
  if (filter.productLine) q = q.where('product_line', '=', filter.productLine);
  if (filter.grade) q = q.where('grade', '=', filter.grade as Customer['grade'] & string);
  if (filter.q) q = q.where('company_name', 'ilike', `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  return newestFirstPage(q, limit, cursor).execute();
}

export async function listOwnedBy(
  db: Kysely<Database>,
  repId: string,
  status: 'owned' | 'won' | undefined,
  limit: number,
  cursor?: Cursor,
) {
  let q = db.selectFrom('customers').selectAll().where('owner_id', '=', repId);
  q = status ? q.where('status', '=', status) : q.where('status', 'in', ['owned', 'won']);
  return newestFirstPage(q, limit, cursor).execute();
}

/** The customers the rep collaborates on now (removed collaborations left out), newest first; merged ones left out. */
export async function listCollaboratingOn(db: Kysely<Database>, repId: string, limit: number, cursor?: Cursor) {
  const q = db
    .selectFrom('customers')
    .selectAll()
    .where('status', '!=', 'merged')
    .where('id', 'in', db.selectFrom('collaborators').select('customer_id').where('rep_id', '=', repId).where('removed_at', 'is', null));
  return newestFirstPage(q, limit, cursor).execute();
}

/** The customer and every customer merged into it (directly or through others). */
export async function mergedFamily(db: Kysely<Database>, customerId: string): Promise<string[]> {
  const ids = [customerId];
  for (let frontier = [customerId]; frontier.length > 0; ) {
    const next = (await db.selectFrom('customers').select('id').where('merged_into_id', 'in', frontier).execute()).map((r) => r.id);
    ids.push(...next);
    frontier = next;
  }
  return ids;
}

/** The reps a stored entry names; none for one this version cannot read (told from its note). */
function safeRepIds(text: ActivityText): string[] {
  try {
    return repIdsOf(text).filter((id) => typeof id === 'string');
  } catch {
    return [];
  }
}

/** Every ownership change and logged activity of a customer (and those merged into it), oldest first, whoever owned it; what the server wrote in `language`. */
export async function customerHistory(db: Kysely<Database>, customerId: string, language: Language) {
  const ids = await mergedFamily(db, customerId);
  const [events, activities, stages] = await Promise.all([
    db.selectFrom('ownership_events').selectAll().where('customer_id', 'in', ids).execute(),
    db.selectFrom('customer_activities').selectAll().where('customer_id', 'in', ids).execute(),
    db.selectFrom('stage_events').select(['idempotency_key', 'details']).where('customer_id', 'in', ids).where('idempotency_key', 'is not', null).execute(),
  ]);
  const texts = new Map(activities.map((a) => [a.id, a.text as ActivityText | null]));
  // What the rep entered at a stage (products, quantity, factory …), stored with the stage event
  // that the stage's activity shares its key with.
  const entered = new Map(stages.map((s) => [s.idempotency_key!, s.details as Record<string, unknown> | null]));
  /** A typed entry's stage details (none for a system entry or a stage without details). */
  const stageOf = (a: { idempotency_key: string | null; id: string }) => {
    const details = a.idempotency_key === null || texts.get(a.id) ? undefined : stageDetails(entered.get(a.idempotency_key));
    return details && Object.keys(details).length > 0 ? details : undefined;
  };
  // Every rep the entries name, named as people read them (schemas/rep-label).
  const names = await repNames(db, [
    ...events.flatMap((e) => [e.to_rep_id, e.from_rep_id, e.actor_id].filter((id): id is string => id !== null)),
    ...activities.flatMap((a) => {
      const text = texts.get(a.id);
      return [a.rep_id, ...(text ? safeRepIds(text) : [])];
    }),
  ]);
  const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
  const entries = [
    ...events.map((e) => ({
      type: 'ownership' as const,
      id: e.id,
      at: e.at,
      kind: e.kind,
      repId: e.to_rep_id,
      repName: nameOf(e.to_rep_id),
      fromRepId: e.from_rep_id,
      fromRepName: nameOf(e.from_rep_id),
      actorId: e.actor_id,
      actorName: nameOf(e.actor_id),
      reason: e.reason,
      note: e.kind === 'won' ? stageDetailsText(e.details as Record<string, unknown>, language) : null,
      details: { ...e.details, ...(e.rule_version ? { ruleVersion: e.rule_version } : {}), tenureId: e.tenure_id, ...(e.customer_id !== customerId ? { mergedFrom: e.customer_id } : {}) },
    })),
    ...activities.map((a) => ({
      type: 'activity' as const,
      id: a.id,
      at: a.occurred_at,
      kind: a.kind,
      repId: a.rep_id,
      repName: nameOf(a.rep_id),
      fromRepId: null,
      fromRepName: null,
      actorId: a.rep_id,
      actorName: nameOf(a.rep_id),
      reason: null,
      note: stageOf(a) ? stageNote(stageOf(a), a.note, language) : activityNote({ note: a.note, text: texts.get(a.id) ?? null, repId: a.rep_id }, language, names),
      details: {
        ...(stageOf(a) ? { stage: stageOf(a) } : {}),
        tenureId: a.tenure_id,
        loggedAt: a.created_at.toISOString(),
        ...(a.customer_id !== customerId ? { mergedFrom: a.customer_id } : {}),
      },
    })),
  ];
  return entries
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id))
    .map((e) => ({ ...e, at: e.at.toISOString() }));
}
