// An import batch decided (import-batch.ts): its staged rows read and validated, its identities
// looked up once, each row's outcome chosen (created with its grade and assignment, a duplicate,
// an existing customer's empty fields filled, refused), nothing written.
import { poolsOpenTo } from '../pools/pool-access.js';
import { sql } from 'kysely';
import { newId } from '../ids.js';
import type { ImportOptions } from '../../schemas/imports.js';
import type { Customer, NewCustomer } from '../db/database.js';
import type { Identity } from '../customers/identity.js';
import { customerIdentities } from '../customers/identity.js';
import { nameKeyColumns } from '../customers/near-duplicates.js';
import { newPoolCustomer } from '../customers/new-customer.js';
import { rowReader } from './row-input.js';
import { refusal } from './refusal-words.js';
import { type PickReason, pickReasonText } from '../../schemas/pick-reason.js';
import type { ImportJobRecord } from './import-jobs.repository.js';
import { type BatchDeps, type Carry, type Decided, FILLABLE, type Fill, type Fillable, keyOf, type RowResult, rowResult } from './batch-types.js';

/** Lets the process answer (a write in flight, a heartbeat) while a batch is decided. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Decides the staged rows from `fromRow` on (at most `limit`), writing nothing; null when there are none. */
export async function decideBatch(deps: BatchDeps, job: ImportJobRecord, headers: string[], fromRow: number, limit: number, carry: Carry): Promise<Decided | null> {
  const { db, now } = deps;
  const options = job.options as unknown as ImportOptions;
  const preview = job.mode === 'preview';
  const staged = await db
    .selectFrom('import_upload_rows')
    .select(['row_no', 'cells'])
    .where('upload_id', '=', job.upload_id)
    .where('row_no', '>=', fromRow)
    .orderBy('row_no')
    .limit(limit)
    .execute();
  if (staged.length === 0) return null;
  const reader = rowReader(headers, job.mapping, { source: options.source, poolId: options.poolId, country: options.country });
  const parsed: { row_no: number; parsed: ReturnType<typeof reader.read> }[] = [];
  for (const s of staged) {
    parsed.push({ row_no: s.row_no, parsed: reader.read(s.cells) });
    if (parsed.length % 100 === 0) await breathe();
  }

  // Pools named by rows or options: checked once.
  const poolIds = [...new Set(parsed.flatMap((p) => (p.parsed.ok ? [p.parsed.body.poolId ?? 'default'] : [])))];
  const pools = new Set(poolIds.length ? (await db.selectFrom('pools').select('id').where('id', 'in', poolIds).execute()).map((p) => p.id) : []);

  // Every identity of the batch, looked up once: existing customers, and (a preview writes none) earlier rows of the file;
  // what the run's earlier batches wrote (or are writing) is carried. One probe of the primary key per identity (lateral):
  // as a join, the planner hashed every customer's identities instead, a scan of the whole table per batch (2.4 s against
  // 10.4 s of Postgres time over the 100,000-row bench).
  const allKeys = [...new Set(parsed.flatMap((p) => (p.parsed.ok ? p.parsed.identities.map(keyOf) : [])))];
  const existing = new Map<string, string>();
  const earlierRow = new Map<string, number>();
  if (allKeys.length > 0) {
    const kinds = allKeys.map((k) => k.slice(0, k.indexOf(':')));
    const values = allKeys.map((k) => k.slice(k.indexOf(':') + 1));
    const found = await sql<{ kind: string; value: string; customer_id: string }>`
      select i.kind, i.value, i.customer_id from unnest(${kinds}::text[], ${values}::text[]) as q(kind, value)
      cross join lateral (select * from customer_identities i where i.kind = q.kind and i.value = q.value limit 1) i`.execute(db);
    for (const f of found.rows) existing.set(`${f.kind}:${f.value}`, f.customer_id);
    if (preview) {
      const claims = await db.selectFrom('import_claims').select(['key', 'row_no']).where('job_id', '=', job.id).where('key', 'in', allKeys).execute();
      for (const c of claims) earlierRow.set(c.key, c.row_no);
    }
    for (const k of allKeys) {
      const customerId = carry.identities.get(k);
      if (customerId !== undefined && !existing.has(k)) existing.set(k, customerId);
      const row = carry.claimed.get(k);
      if (row !== undefined && !earlierRow.has(k)) earlierRow.set(k, row);
    }
  }
  // Fill: the existing customers the batch matches, as they are now (or as the run's earlier batches left them).
  const matchedIds = [...new Set(existing.values())];
  const current = carry.current;
  const unread = matchedIds.filter((id) => !current.has(id));
  if (options.existing === 'fill' && unread.length > 0) {
    for (const c of await db.selectFrom('customers').selectAll().where('id', 'in', unread).execute()) current.set(c.id, c);
  }

  // The pools whose customers the importer may fill: read once, when a row first needs it.
  let open: Promise<(poolId: string) => boolean> | null = null;
  const fillsPool = async (poolId: string) => {
    open ??= db
      .selectFrom('reps')
      .select(['id', 'role', 'team_id'])
      .where('id', '=', job.created_by)
      .executeTakeFirst()
      .then((rep) => (rep ? poolsOpenTo(db, { id: rep.id, role: rep.role, teamId: rep.team_id }) : () => false));
    return (await open)(poolId);
  };

  const decider = carry.decider;
  const results: RowResult[] = [];
  const newCustomers: NewCustomer[] = [];
  const newIdentities: (Identity & { customer_id: string })[] = [];
  const decisionRows: Decided['decisionRows'] = [];
  const fills: Fill[] = [];
  const claims: { key: string; row_no: number }[] = [];
  // Identities taken by earlier rows of this batch: the customer (null in a preview) and the row.
  const taken = new Map<string, { customerId: string | null; row: number }>();

  for (const { row_no, parsed: p } of parsed) {
    if (results.length % 50 === 49) await breathe();
    if (!p.ok) {
      results.push(rowResult(row_no, 'refused', { errors: p.errors }));
      continue;
    }
    const body = p.body;
    const poolId = body.poolId ?? 'default';
    if (!pools.has(poolId)) {
      results.push(rowResult(row_no, 'refused', { errors: [refusal(null, 'poolId', 'unknown_pool', { poolId })] }));
      continue;
    }
    // The existing customer: the first identity of the row (name, email, phone, domain) that one holds.
    const hit = p.identities.map(keyOf).find((k) => existing.has(k) || taken.get(k)?.customerId);
    const existingId = hit ? (existing.get(hit) ?? taken.get(hit)!.customerId!) : null;
    if (existingId) {
      const matchedOn = p.identities.filter((i) => (existing.get(keyOf(i)) ?? taken.get(keyOf(i))?.customerId) === existingId).map((i) => i.kind);
      const sameFile = p.identities.map((i) => taken.get(keyOf(i))).find((t) => t?.customerId === existingId);
      const duplicateOf = { customerId: existingId, ...(sameFile ? { row: sameFile.row } : {}), matchedOn };
      const target = options.existing === 'fill' ? current.get(existingId) : undefined;
      if (!target) {
        results.push(rowResult(row_no, 'duplicate', { duplicate_of: duplicateOf }));
        continue;
      }
      // A pool customer only in a pool open to the importer (R1): a closed pool's customers are not theirs to change.
      if (target.status === 'pool' && !(await fillsPool(target.pool_id))) {
        results.push(rowResult(row_no, 'refused', { duplicate_of: duplicateOf, errors: [refusal(null, '', 'closed_pool_customer')] }));
        continue;
      }
      const privateTo = target.owner_id && target.owner_id !== job.created_by ? target.owner_id : null;
      if (privateTo && !options.overridePrivate) {
        results.push(
          rowResult(row_no, 'refused', {
            duplicate_of: duplicateOf,
            // Whoever reads the report sees this text; the owner is for those who may read the customer (report-access.ts).
            errors: [refusal(null, '', 'private_customer')],
          }),
        );
        continue;
      }
      // Empty fields only; an identity another customer holds is not copied onto this one.
      const set: Record<string, string> = {};
      const fields: Fillable[] = [];
      for (const [field, column] of Object.entries(FILLABLE) as [Fillable, keyof Customer][]) {
        const value = body[field];
        if (value === undefined || value === null || value === '' || (target[column] !== null && target[column] !== '')) continue;
        set[column] = String(value);
        fields.push(field);
      }
      const filledIdentities = customerIdentities({ companyName: target.company_name, email: set.email, phone: set.phone, website: set.website, country: set.country ?? target.country }).filter((i) => i.kind !== 'name');
      for (const i of filledIdentities) {
        const holder = existing.get(keyOf(i)) ?? taken.get(keyOf(i))?.customerId;
        if (!holder || holder === target.id) continue;
        const field: Fillable = i.kind === 'domain' ? 'website' : (i.kind as 'email' | 'phone');
        delete set[FILLABLE[field]];
        fields.splice(fields.indexOf(field), 1);
      }
      if (fields.length === 0) {
        results.push(rowResult(row_no, 'duplicate', { duplicate_of: duplicateOf }));
        continue;
      }
      Object.assign(target, set);
      const kept = filledIdentities.filter((i) => !existing.has(keyOf(i)) && !taken.has(keyOf(i)) && FILLABLE[i.kind === 'domain' ? 'website' : (i.kind as 'email' | 'phone')] in set);
      for (const i of kept) taken.set(keyOf(i), { customerId: target.id, row: row_no });
      fills.push({ id: target.id, set, fields, row_no, identities: kept });
      results.push(rowResult(row_no, 'updated', { customer_id: target.id, duplicate_of: duplicateOf, filled_fields: fields }));
      continue;
    }
    // An earlier row of this file (a preview: its customer is not written).
    const earlier = p.identities.map((i) => ({ kind: i.kind, t: taken.get(keyOf(i)) ?? (earlierRow.has(keyOf(i)) ? { customerId: null, row: earlierRow.get(keyOf(i))! } : undefined) })).filter((x) => x.t);
    if (earlier.length > 0) {
      const first = earlier[0]!.t!;
      const matchedOn = earlier.filter((x) => x.t!.row === first.row).map((x) => x.kind);
      results.push(rowResult(row_no, 'duplicate', { duplicate_of: { customerId: first.customerId, row: first.row, matchedOn } }));
      continue;
    }
    const id = newId();
    // Added to the new customer's object, not spread into a new one: a spread object literal this
    // size takes V8's slow path (about 25 µs a customer against under 1 µs, and slower to serialise).
    const keys = nameKeyColumns(body.companyName);
    const customer: Customer = Object.assign(newPoolCustomer(body, { id, poolId, createdBy: job.created_by, now }), {
      key_customer: false,
      deadline: null,
      deadline_kind: null,
      tenure_id: null,
      claimed_at: null,
      last_follow_up_at: null,
      version: 1,
      follow_ups: 0,
      reclaims: 0,
      no_demand: false,
      merged_into_id: null,
      won_at: null,
      stage_at: null,
      deadline_trigger: null,
      deadline_from: null,
      deadline_actor_role: null,
      name_key: keys.name_key,
      name_trades: keys.name_trades,
      name_places: keys.name_places,
      name_hanzi: keys.name_hanzi,
    });
    const graded = decider.grade(customer, { repId: job.created_by });
    customer.grade = graded.grade;
    decisionRows.push(graded.row);
    let assignment: RowResult['assignment'] = null;
    let tenure: RowResult['tenure'] = null;
    if (options.assign) {
      const { pick, row } = decider.assign(customer);
      decisionRows.push(row);
      assignment = { status: pick.kind === 'rep' ? 'assigned' : 'pool', repId: pick.kind === 'rep' ? pick.repId : null, reason: pick.reason, why: pick.why };
      if (pick.kind === 'rep') tenure = 'pending';
    } else {
      const why: PickReason = { code: 'not_assigned', via: 'import' };
      assignment = { status: 'pool', repId: null, reason: pickReasonText(why, 'en'), why };
    }
    for (const i of p.identities) {
      taken.set(keyOf(i), { customerId: preview ? null : id, row: row_no });
      if (preview) claims.push({ key: keyOf(i), row_no });
      else newIdentities.push({ kind: i.kind, value: i.value, customer_id: id });
    }
    newCustomers.push(customer as NewCustomer);
    results.push(rowResult(row_no, 'created', { customer_id: preview ? null : id, assignment, tenure: preview ? null : tenure }));
  }

  // What the next batch of this run must see: this batch's customers and claims.
  for (const i of newIdentities) carry.identities.set(keyOf(i), i.customer_id);
  for (const f of fills) for (const i of f.identities) carry.identities.set(keyOf(i), f.id);
  for (const c of claims) carry.claimed.set(c.key, c.row_no);
  const nextRow = staged[staged.length - 1]!.row_no + 1;
  return { fromRow, nextRow, results, newCustomers, newIdentities, decisionRows, fills, claims, cursors: new Map(decider.cursors()) };
}
