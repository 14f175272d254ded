// Many rows into one table at once, for an import's batches (import-batch.ts): COPY for a plain
// insert, one jsonb parameter for one that needs `on conflict … returning`, and decision records
// with what they share sent once.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { isUniqueViolation } from '../db/errors.js';
import { copyRows } from '../db/copy-rows.js';
import type { Database } from '../db/database.js';
import type { Identity } from '../customers/identity.js';
import type { BatchDecider } from './batch-decisions.js';

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
export async function insertMany<T extends keyof Database & string, R = never>(db: Kysely<Database>, table: T, rows: readonly Record<string, unknown>[], tail?: RawBuilder<unknown>): Promise<R[]> {
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
export async function insertIdentities(tx: Kysely<Database>, identities: readonly (Identity & { customer_id: string })[]): Promise<'all' | Set<string>> {
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
export async function insertDecisionRecords(db: Kysely<Database>, rows: readonly DecisionRow[]) {
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
