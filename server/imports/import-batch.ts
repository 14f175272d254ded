// Batches of an import job (R8, R11): the next staged rows decided together and recorded in one
// transaction with everything they write, and the job's next row advanced in it. Set-based: one
// read of the identities the batch holds, grading and assignment in process (batch-decisions.ts),
// multi-row inserts. A retried batch finds the job's next row moved on and does nothing twice.
// A run of batches (runBatches) decides the next batch while the one before it is written, so the
// process's work and the database's overlap; what the next batch needs from the one before (the
// customers it created, the reps' loads) is carried in memory, and a batch that did not go as
// decided (another attempt recorded it, a concurrent create took one of its identities, the job
// was cancelled) ends the run before anything decided after it is written.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { newId } from '../ids.js';
import { isUniqueViolation } from '../db/errors.js';
import { systemNote } from '../customers/activity-notes.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { copyRows } from '../db/copy-rows.js';
import type { ImportOptions, ImportOutcome } from '../../schemas/imports.js';
import type { Customer, Database, NewCustomer } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import type { Identity } from '../customers/identity.js';
import { customerIdentities } from '../customers/identity.js';
import { nameKeyColumns } from '../customers/near-duplicates.js';
import { newPoolCustomer } from '../customers/new-customer.js';
import { type BatchDecider, batchDecider } from './batch-decisions.js';
import { type RowError, rowReader } from './row-input.js';
import { refusal } from './refusal-words.js';
import { type PickReason, pickReasonText } from '../../schemas/pick-reason.js';
import type { ImportJobRecord } from './import-jobs.repository.js';

export interface RowResult {
  row_no: number;
  outcome: ImportOutcome;
  customer_id: string | null;
  duplicate_of: { customerId: string | null; row?: number; matchedOn: string[] } | null;
  errors: RowError[] | null;
  assignment: { status: 'assigned' | 'pool'; repId: string | null; reason: string; why: PickReason } | null;
  filled_fields: string[] | null;
  tenure: 'pending' | null;
}

/** Customer fields an import may fill on an existing customer (when empty), with their columns. */
const FILLABLE = {
  contactName: 'contact_name',
  email: 'email',
  phone: 'phone',
  website: 'website',
  country: 'country',
  region: 'region',
  source: 'source',
  productLine: 'product_line',
  language: 'language',
} as const satisfies Record<string, keyof Customer>;
type Fillable = keyof typeof FILLABLE;

const keyOf = (i: Identity) => `${i.kind}:${i.value}`;

/** Columns given as JSON text already (inserted as JSON, not as a JSON string), by table. */
const JSON_TEXT_COLUMNS: Partial<Record<keyof Database, Set<string>>> = {
  import_job_rows: new Set(['duplicate_of', 'errors', 'assignment', 'filled_fields', 'possible_duplicates']),
};

function recordsetJson(table: keyof Database, rows: readonly Record<string, unknown>[]): string {
  const jsonText = JSON_TEXT_COLUMNS[table] ?? new Set<string>();
  let out = '';
  for (const r of rows) {
    // The plain columns through JSON.stringify at once; the JSON-text ones spliced in as they are.
    // A null column is left out (jsonb_populate_recordset fills it with null): less to build and to parse.
    const plain: Record<string, unknown> = {};
    let raw = '';
    for (const k in r) {
      const v = r[k];
      if (v === null || v === undefined) continue;
      if (jsonText.has(k) && typeof v === 'string') raw += `,"${k}":${v}`;
      else plain[k] = v;
    }
    const text = JSON.stringify(plain);
    out += out === '' ? '[' : ',';
    out += raw === '' ? text : text === '{}' ? `{${raw.slice(1)}}` : `${text.slice(0, -1)}${raw}}`;
  }
  return out === '' ? '[]' : `${out}]`;
}

/**
 * Inserts many rows: a plain insert by COPY (db/copy-rows.ts); one with a `tail` (an `on conflict`
 * or `returning` clause, ending each statement; the rows it returns are answered) as one jsonb
 * parameter (jsonb_populate_recordset), so PostgreSQL binds one value instead of tens of thousands
 * and reads nested JSON columns without parsing them twice; a column a row does not give is null.
 */
async function insertMany<T extends keyof Database & string, R = never>(db: Kysely<Database>, table: T, rows: readonly Record<string, unknown>[], tail?: RawBuilder<unknown>): Promise<R[]> {
  // A plain insert: COPY, half the work for Postgres (the rows' JSON-text columns go in as they are).
  if (!tail) {
    for (let at = 0; at < rows.length; at += 5000) await copyRows(db, table, rows.slice(at, at + 5000));
    return [];
  }
  const returned: R[] = [];
  for (let at = 0; at < rows.length; at += 5000) {
    const json = recordsetJson(table, rows.slice(at, at + 5000));
    const got = await sql<R>`insert into ${sql.table(table)} select * from jsonb_populate_recordset(null::${sql.table(table)}, ${json}::jsonb) ${tail}`.execute(db);
    returned.push(...got.rows);
  }
  return returned;
}

/**
 * Inserts a batch's new identities; answers 'all', or (when a concurrent create took some first)
 * the keys inserted. The batch's look-up found none of them taken, so a plain insert is tried
 * first, in a savepoint: a third cheaper for Postgres than `on conflict … returning`, which is
 * only needed, and only run, when that lost a race.
 */
async function insertIdentities(tx: Kysely<Database>, identities: readonly (Identity & { customer_id: string })[]): Promise<'all' | Set<string>> {
  if (identities.length === 0) return 'all';
  await sql`savepoint identities`.execute(tx);
  try {
    await insertMany(tx, 'customer_identities', identities as unknown as Record<string, unknown>[]);
    await sql`release savepoint identities`.execute(tx);
    return 'all';
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    await sql`rollback to savepoint identities`.execute(tx);
  }
  const got = await insertMany<'customer_identities', { kind: string; value: string }>(
    tx,
    'customer_identities',
    identities as unknown as Record<string, unknown>[],
    sql`on conflict (kind, value) do nothing returning kind, value`,
  );
  const inserted = new Set(got.map((g) => `${g.kind}:${g.value}`));
  return inserted;
}

type DecisionRow = ReturnType<BatchDecider['grade']>['row'];

/**
 * A batch's decision records (R12). What many of them share (the decision and its rule set, the
 * rep, the trigger, the time, what fired and came out: a handful of variants in a batch) is sent
 * once and joined in; each record brings its id, customer and facts. Half the bytes for Postgres
 * to parse, and for this process to build.
 */
async function insertDecisionRecords(db: Kysely<Database>, rows: readonly DecisionRow[]) {
  for (let at = 0; at < rows.length; at += 5000) {
    const variant = new Map<string, number>();
    const shared: string[] = [];
    let own = '';
    for (const r of rows.slice(at, at + 5000)) {
      const key = `${r.decision}\u0000${r.rule_set_id}\u0000${r.rule_set_version}\u0000${r.rule_set_hash}\u0000${r.rep_id}\u0000${r.trigger}\u0000${r.at.getTime()}\u0000${r.fired}\u0000${r.outcome}`;
      let k = variant.get(key);
      if (k === undefined) {
        variant.set(key, (k = shared.length));
        const plain = JSON.stringify({ k, decision: r.decision, rule_set_id: r.rule_set_id, rule_set_version: r.rule_set_version, rule_set_hash: r.rule_set_hash, rep_id: r.rep_id, trigger: r.trigger, at: r.at });
        shared.push(`${plain.slice(0, -1)},"fired":${r.fired},"outcome":${r.outcome}}`);
      }
      own += `${own === '' ? '[' : ','}{"id":${JSON.stringify(r.id)},"customer_id":${JSON.stringify(r.customer_id)},"k":${k},"facts":${r.facts}}`;
    }
    await sql`
      insert into decision_records (id, decision, rule_set_id, rule_set_version, rule_set_hash, customer_id, rep_id, trigger, fired, outcome, facts, at)
      select o.id, s.decision, s.rule_set_id, s.rule_set_version, s.rule_set_hash, o.customer_id, s.rep_id, s.trigger, s.fired, s.outcome, o.facts, s.at
      from jsonb_to_recordset(${`${own}]`}::jsonb) as o(id text, customer_id text, k int, facts jsonb)
      join jsonb_to_recordset(${`[${shared.join(',')}]`}::jsonb)
        as s(k int, decision text, rule_set_id text, rule_set_version int, rule_set_hash text, rep_id text, trigger text, at timestamptz, fired jsonb, outcome jsonb)
        on s.k = o.k`.execute(db);
  }
}

export interface BatchDeps {
  db: Kysely<Database>;
  decisions: Decisions;
  now: Date;
}

/** What a run of batches carries from one batch to the next (nothing of it is written yet when the next is decided). */
interface Carry {
  decider: BatchDecider;
  /** Identities of the customers the run's earlier batches created or filled: key → customer. */
  identities: Map<string, string>;
  /** A preview's identities claimed by the run's earlier batches: key → row. */
  claimed: Map<string, number>;
  /** Existing customers as the run's earlier batches filled them. */
  current: Map<string, Customer>;
}

/** One batch decided, to be written. */
interface Decided {
  fromRow: number;
  nextRow: number;
  results: RowResult[];
  newCustomers: NewCustomer[];
  newIdentities: (Identity & { customer_id: string })[];
  decisionRows: ReturnType<BatchDecider['grade']>['row'][];
  fills: Fill[];
  claims: { key: string; row_no: number }[];
  /** Round-robin cursors as they stand after this batch. */
  cursors: Map<string, string>;
}

type Fill = { id: string; set: Partial<Record<string, string>>; fields: Fillable[]; row_no: number; identities: Identity[] };

/** A row's outcome, every field present (one object shape for all rows). */
function rowResult(row_no: number, outcome: ImportOutcome, r: Partial<Omit<RowResult, 'row_no' | 'outcome'>> = {}): RowResult {
  return {
    row_no,
    outcome,
    customer_id: r.customer_id ?? null,
    duplicate_of: r.duplicate_of ?? null,
    errors: r.errors ?? null,
    assignment: r.assignment ?? null,
    filled_fields: r.filled_fields ?? null,
    tenure: r.tenure ?? null,
  };
}

/** Lets the process answer (a write in flight, a heartbeat) while a batch is decided. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Decides the staged rows from `fromRow` on (at most `limit`), writing nothing; null when there are none. */
async function decideBatch(deps: BatchDeps, job: ImportJobRecord, headers: string[], fromRow: number, limit: number, carry: Carry): Promise<Decided | null> {
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

/**
 * Records a decided batch in one transaction, if the job still expects it. Answers how it went:
 * `written`; `settled` (written, but a concurrent create took some of its identities first, so
 * what the run carries is no longer so); `stale` (another attempt recorded it, or the job is no
 * longer running or is being cancelled: nothing written).
 */
async function writeBatch(deps: BatchDeps, job: ImportJobRecord, batch: Decided): Promise<'written' | 'settled' | 'stale'> {
  const { db, now } = deps;
  const preview = job.mode === 'preview';
  const { results, decisionRows } = batch;
  return db.transaction().execute(async (tx) => {
    const locked = await tx.selectFrom('import_jobs').select(['next_row', 'status', 'cancel_requested']).where('id', '=', job.id).forUpdate().executeTakeFirst();
    if (!locked || locked.next_row !== batch.fromRow || locked.status !== 'running' || locked.cancel_requested) return 'stale';
    let lost = new Set<string>();
    if (!preview) {
      await insertMany(tx, 'customers', batch.newCustomers as unknown as Record<string, unknown>[]);
      // Identities: a concurrent create that took one first wins; this row's customer is taken back and reported as its duplicate.
      const inserted = await insertIdentities(tx, batch.newIdentities);
      lost = inserted === 'all' ? new Set() : new Set(batch.newIdentities.filter((i) => !inserted.has(keyOf(i))).map((i) => i.customer_id));
      if (lost.size > 0) await settleLostRaces(tx, lost, batch.newIdentities, results, decisionRows);
      await insertDecisionRecords(tx, decisionRows);
      await applyFills(tx, job, batch.fills, now);
    } else {
      await insertMany(tx, 'import_claims', batch.claims.map((c) => ({ job_id: job.id, ...c })));
    }
    await insertMany(
      tx,
      'import_job_rows',
      results.map((r) => ({
        job_id: job.id,
        row_no: r.row_no,
        outcome: r.outcome,
        customer_id: r.customer_id,
        duplicate_of: r.duplicate_of ? JSON.stringify(r.duplicate_of) : null,
        errors: r.errors ? JSON.stringify(r.errors) : null,
        assignment: r.assignment ? JSON.stringify(r.assignment) : null,
        filled_fields: r.filled_fields ? JSON.stringify(r.filled_fields) : null,
        // Written by the similar-names phase, beside the rows (similar-names.ts).
        possible_duplicates: null,
        tenure: r.tenure,
      })),
    );
    const count = (o: ImportOutcome) => results.filter((r) => r.outcome === o).length;
    await tx
      .updateTable('import_jobs')
      .set((eb) => ({
        next_row: batch.nextRow,
        rows_done: eb('rows_done', '+', results.length),
        created: eb('created', '+', count('created')),
        duplicates: eb('duplicates', '+', count('duplicate')),
        updated: eb('updated', '+', count('updated')),
        refused: eb('refused', '+', count('refused')),
        assigned: eb('assigned', '+', results.filter((r) => r.assignment?.status === 'assigned').length),
      }))
      .where('id', '=', job.id)
      .execute();
    if (!preview) {
      for (const [key, last] of batch.cursors) {
        await tx
          .insertInto('assignment_cursors')
          .values({ key, last_rep_id: last, updated_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ last_rep_id: last, updated_at: now }))
          .execute();
      }
    }
    return lost.size > 0 ? 'settled' : 'written';
  });
}

/**
 * Decides and records batches of `job` (`limit` rows each) from its next row on, for about
 * `budgetMs`: each batch is decided while the one before it is written. Answers the results
 * written and whether rows may be left (false once every staged row is recorded).
 */
export async function runBatches(deps: BatchDeps, job: ImportJobRecord, headers: string[], limit: number, budgetMs: number): Promise<{ results: RowResult[]; more: boolean }> {
  const started = Date.now();
  const options = job.options as unknown as ImportOptions;
  const carry: Carry = {
    decider: await batchDecider(deps.db, deps.decisions, deps.now, { assign: options.assign }),
    identities: new Map(),
    claimed: new Map(),
    current: new Map(),
  };
  const results: RowResult[] = [];
  let batch = await decideBatch(deps, job, headers, job.next_row, limit, carry);
  while (batch) {
    const writing = writeBatch(deps, job, batch);
    const last = batch.results.length < limit;
    const next = last || Date.now() - started >= budgetMs ? null : decideBatch(deps, job, headers, batch.nextRow, limit, carry);
    // A failed decision of the next batch is the next attempt's to meet; this batch is written first.
    next?.catch(() => {});
    const written = await writing;
    if (written === 'stale') return { results, more: true };
    // The first of a job's many batches recorded: the planner learns its rows before the progress polls and the similar-names phase read them.
    if (!last && results.length === 0 && job.rows_done === 0) await refreshPlannerStatistics(deps.db, 'import_job_rows');
    results.push(...batch.results);
    if (last) return { results, more: false };
    if (written === 'settled' || !next) return { results, more: true };
    batch = await next;
  }
  return { results, more: results.length > 0 };
}

/** Rows whose customer lost an identity to a concurrent create: the customer is removed and the row reported as the winner's duplicate. */
async function settleLostRaces(tx: Kysely<Database>, lost: Set<string>, identities: (Identity & { customer_id: string })[], results: RowResult[], decisionRows: { customer_id: string | null }[]) {
  const ids = [...lost];
  await tx.deleteFrom('customer_identities').where('customer_id', 'in', ids).execute();
  await tx.deleteFrom('customers').where('id', 'in', ids).execute();
  for (let i = decisionRows.length - 1; i >= 0; i--) if (decisionRows[i]!.customer_id && lost.has(decisionRows[i]!.customer_id!)) decisionRows.splice(i, 1);
  for (const r of results) {
    if (!r.customer_id || !lost.has(r.customer_id) || r.outcome !== 'created') continue;
    const mine = identities.filter((i) => i.customer_id === r.customer_id);
    const winners = await tx
      .selectFrom('customer_identities')
      .select(['customer_id', 'kind'])
      .where((eb) => eb.or(mine.map((i) => eb.and([eb('kind', '=', i.kind), eb('value', '=', i.value)]))))
      .execute();
    const winner = winners[0]?.customer_id ?? null;
    Object.assign(r, { outcome: 'duplicate', customer_id: null, assignment: null, tenure: null, duplicate_of: { customerId: winner, matchedOn: winners.filter((w) => w.customer_id === winner).map((w) => w.kind) } });
  }
}

/** Fills existing customers' empty fields, claims the filled identities, and records it in each customer's history. */
async function applyFills(tx: Kysely<Database>, job: ImportJobRecord, fills: { id: string; set: Partial<Record<string, string>>; fields: string[]; row_no: number; identities: Identity[] }[], now: Date) {
  if (fills.length === 0) return;
  // One update per customer: later rows of the batch only filled what earlier ones left empty.
  const merged = new Map<string, Record<string, string>>();
  for (const f of fills) merged.set(f.id, { ...merged.get(f.id), ...(f.set as Record<string, string>) });
  const payload = JSON.stringify([...merged].map(([id, set]) => ({ id, ...set })));
  const cols = Object.values(FILLABLE);
  await sql`
    update customers c set
      ${sql.join(cols.map((col) => sql`${sql.ref(col)} = coalesce(nullif(c.${sql.ref(col)}, ''), v.${sql.ref(col)})`))},
      updated_at = ${now}, version = c.version + 1
    from jsonb_to_recordset(${payload}::jsonb) as v(id text, ${sql.join(cols.map((col) => sql`${sql.ref(col)} text`))})
    where c.id = v.id`.execute(tx);
  const identities = fills.flatMap((f) => f.identities.map((i) => ({ ...i, customer_id: f.id })));
  // In slices: one parameter a value, and a batch of fills can hold more than PGlite takes in one statement (pglite-connection.ts).
  for (let i = 0; i < identities.length; i += 2000) {
    await tx.insertInto('customer_identities').values(identities.slice(i, i + 2000)).onConflict((oc) => oc.columns(['kind', 'value']).doNothing()).execute();
  }
  await insertMany(
    tx,
    'customer_activities',
    fills.map((f) => ({
      id: newId(),
      customer_id: f.id,
      rep_id: job.created_by,
      kind: 'import_filled',
      ...systemNote({ key: 'import_filled', fileName: job.file_name, row: f.row_no, fields: f.fields }),
      occurred_at: now,
      tenure_id: null,
      idempotency_key: `import/${job.id}/${f.row_no}`,
      created_at: now,
    })),
  );
}
