// Near-duplicate company names (issue 14 §3): customers whose similarity keys (server/names/name-key.ts) are
// close by pg_trgm's similarity, found through the trigram index, many names in one query.
// Similar names are only ever shown, never refused.
import { type Expression, type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import { type NameKey, nameKey } from '../names/name-key.js';

export interface SimilarCustomer {
  customerId: string;
  companyName: string;
  /** 0..1: trigram similarity of the keys, halved where both name different places, trades or hanzi. */
  score: number;
}

export interface SimilarOptions {
  /** Only matches scoring at least this (NEAR_DUPLICATE_THRESHOLD). */
  threshold: number;
  /** At most this many matches per name, best first. */
  limit: number;
  /** Customers never to report (e.g. the one just created). */
  excludeIds?: string[];
  /** Also merged customers (the look-up says where they went); default false. */
  includeMerged?: boolean;
  /** Per name, the customer it is (when already inserted, e.g. an import batch): left out of that name's matches only. */
  selfIds?: (string | null)[];
}

/**
 * Same key but different places ("Acme Trading Ningbo" vs "Acme Trading Shenzhen") are often two
 * branches: their score is multiplied by this (measured in bench/near-duplicates.bench.ts).
 */
export const PLACE_MISMATCH_FACTOR = 0.5;
/** Both Chinese, different hanzi for the same sound (恒信 / 恒鑫): as a rule two companies. */
export const HANZI_MISMATCH_FACTOR = 0.5;
/** Same brand, different trades ("Acme Trading" vs "Acme Electronics"): often sister companies, not one. */
export const TRADE_MISMATCH_FACTOR = 0.5;

/** The largest factor a mismatch multiplies by: a threshold above it admits only pairs without mismatches. */
export const MAX_MISMATCH_FACTOR = Math.max(PLACE_MISMATCH_FACTOR, TRADE_MISMATCH_FACTOR, HANZI_MISMATCH_FACTOR);

/** The key columns the factors read. */
export interface KeyFactors {
  trades: string;
  places: string;
  hanzi: string;
}

/** Both non-empty and sharing no word (as `disjoint` below). */
function disjointWords(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  const mine = a.split(' ');
  return !b.split(' ').some((w) => mine.includes(w));
}

/**
 * pairScore in JavaScript, for the in-memory index (similar-names-index.ts): the keys' similarity
 * (a real) times each factor in turn, each product a real, as Postgres computes it. Held equal to
 * the SQL by test/similar-names-index.test.ts.
 */
export function scoreWithFactors(similarity: number, a: KeyFactors, b: KeyFactors): number {
  let score = Math.fround(similarity);
  if (disjointWords(a.places, b.places)) score = Math.fround(score * Math.fround(PLACE_MISMATCH_FACTOR));
  if (disjointWords(a.trades, b.trades)) score = Math.fround(score * Math.fround(TRADE_MISMATCH_FACTOR));
  if (a.hanzi !== '' && b.hanzi !== '' && a.hanzi !== b.hanzi) score = Math.fround(score * Math.fround(HANZI_MISMATCH_FACTOR));
  return score;
}

/** The key columns of a company name, for inserts and updates of customers. */
export function nameKeyColumns(companyName: string): { name_key: string; name_trades: string; name_places: string; name_hanzi: string } {
  const k = nameKey(companyName);
  return { name_key: k.key, name_trades: k.trades, name_places: k.places, name_hanzi: k.hanzi };
}

/** The key columns of one side of a pair, as SQL expressions. */
export interface KeyColumns {
  key: Expression<string | null>;
  trades: Expression<string | null>;
  places: Expression<string | null>;
  hanzi: Expression<string | null>;
}

/** Both non-empty and sharing no word. */
const disjoint = (a: Expression<string | null>, b: Expression<string | null>) =>
  sql`(${a} <> '' and ${b} <> '' and not (string_to_array(${a}, ' ') && string_to_array(${b}, ' ')))`;

/** The score of two names by their key columns, as SQL (the one definition the index query and the bench use). */
export function pairScore(a: KeyColumns, b: KeyColumns) {
  return sql<number>`(similarity(${a.key}, ${b.key})
    * case when ${disjoint(a.places, b.places)} then ${sql.lit(PLACE_MISMATCH_FACTOR)}::real else 1 end
    * case when ${disjoint(a.trades, b.trades)} then ${sql.lit(TRADE_MISMATCH_FACTOR)}::real else 1 end
    * case when ${a.hanzi} <> '' and ${b.hanzi} <> '' and ${a.hanzi} <> ${b.hanzi} then ${sql.lit(HANZI_MISMATCH_FACTOR)}::real else 1 end)::real`;
}

interface KeyedRow {
  i: number;
  id: string;
  company_name: string;
  score: number;
}

/** Runs `work` in a transaction (its own, or the caller's) with pg_trgm's index threshold set. */
async function withTrigramThreshold<T>(db: Kysely<Database>, threshold: number, work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  const set = (tx: Kysely<Database>, limit: string, seqscan: string, jit: string) =>
    sql`select set_config('pg_trgm.similarity_threshold', ${limit}, true), set_config('enable_seqscan', ${seqscan}, true), set_config('jit', ${jit}, true)`.execute(tx);
  const run = async (tx: Kysely<Database>) => {
    // The index finds candidates at this raw similarity; the factors only lower the score. The
    // planner prices the trigram index above a scan of the table; per name the index is far cheaper.
    // That price also made Postgres compile each query with LLVM (JIT) for a few hundred rows: off.
    await set(tx, String(Math.max(0.01, Math.min(1, threshold))), 'off', 'off');
    return work(tx);
  };
  if (!db.isTransaction) return db.transaction().execute(run);
  // In the caller's transaction: its settings again afterwards.
  const before = await sql<{ limit: string; seqscan: string; jit: string }>`
    select current_setting('pg_trgm.similarity_threshold') as limit, current_setting('enable_seqscan') as seqscan, current_setting('jit') as jit`.execute(db);
  try {
    return await run(db);
  } finally {
    await set(db, before.rows[0]!.limit, before.rows[0]!.seqscan, before.rows[0]!.jit);
  }
}

/** Per key (in order), the customers whose keys are similar; `selfIds[i]` is left out of key i's matches. */
export async function similarByKeys(db: Kysely<Database>, keys: NameKey[], opts: SimilarOptions): Promise<SimilarCustomer[][]> {
  const out: SimilarCustomer[][] = keys.map(() => []);
  if (keys.length === 0) return out;
  const exclude = opts.excludeIds ?? [];
  const selfIds = keys.map((_, i) => opts.selfIds?.[i] ?? '');
  const rows = await withTrigramThreshold(db, opts.threshold, (tx) =>
    sql<KeyedRow>`
      select q.i::int as i, m.id, m.company_name, m.score
      from unnest(${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.trades)}::text[], ${keys.map((k) => k.places)}::text[], ${keys.map((k) => k.hanzi)}::text[], ${selfIds}::text[]) with ordinality as q(key, trades, places, hanzi, self_id, i)
      cross join lateral (
        select s.id, s.company_name, s.score from (
          select c.id, c.company_name,
            ${pairScore(
              { key: sql.ref('c.name_key'), trades: sql.ref('c.name_trades'), places: sql.ref('c.name_places'), hanzi: sql.ref('c.name_hanzi') },
              { key: sql.ref('q.key'), trades: sql.ref('q.trades'), places: sql.ref('q.places'), hanzi: sql.ref('q.hanzi') },
            )} as score
          from customers c
          where c.name_key % q.key and (${opts.includeMerged ?? false} or c.status <> 'merged') and c.id <> q.self_id and c.id <> all(${exclude}::text[])
        ) s
        where s.score >= ${opts.threshold}
        order by s.score desc, s.id
        limit ${opts.limit}
      ) m
      order by q.i, m.score desc, m.id`.execute(tx),
  );
  for (const r of rows.rows) out[r.i - 1]!.push({ customerId: r.id, companyName: r.company_name, score: Math.round(r.score * 1000) / 1000 });
  return out;
}

/**
 * For each name (in order), the customers with similar company names, best first: one query for
 * all names (the import job asks per batch).
 */
export function findSimilarCustomers(db: Kysely<Database>, names: string[], opts: SimilarOptions): Promise<SimilarCustomer[][]> {
  return similarByKeys(db, names.map(nameKey), opts);
}

/**
 * Merges the name-key index's pending list (migration 0021) into the index: after a bulk insert,
 * so the similarity searches that follow read the index alone.
 */
export async function settleNameKeyIndex(db: Kysely<Database>): Promise<void> {
  await sql`select gin_clean_pending_list('customers_name_key_trgm'::regclass)`.execute(db);
}

/** Remembers pairs for the admins' list; a pair seen again keeps its dismissal and its best score. */
export async function recordPairs(db: Kysely<Database>, pairs: { a: string; b: string; score: number }[], now: Date): Promise<void> {
  const seen = new Map<string, { a: string; b: string; score: number }>();
  for (const p of pairs) {
    if (p.a === p.b) continue;
    const [a, b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
    const prior = seen.get(`${a}/${b}`);
    if (!prior || prior.score < p.score) seen.set(`${a}/${b}`, { a, b, score: p.score });
  }
  if (seen.size === 0) return;
  // The pairs as arrays, four parameters whatever their number: a batch of an import records
  // thousands, and one parameter a value would pass PGlite's limit (pglite-connection.ts).
  const rows = [...seen.values()];
  await sql`insert into duplicate_pairs (customer_a, customer_b, score, found_at)
    select a, b, score, ${now}::timestamptz from unnest(${rows.map((p) => p.a)}::text[], ${rows.map((p) => p.b)}::text[], ${rows.map((p) => p.score)}::real[]) as p(a, b, score)
    on conflict (customer_a, customer_b) do update set score = greatest(duplicate_pairs.score, excluded.score)`.execute(db);
}

/** Writes the key columns of these customers (one statement). */
export async function writeNameKeys(db: Kysely<any>, rows: { id: string; company_name: string }[]): Promise<void> {
  const keys = rows.map((r) => nameKey(r.company_name));
  await sql`update customers c set name_key = k.key, name_trades = k.trades, name_places = k.places, name_hanzi = k.hanzi
    from unnest(${rows.map((r) => r.id)}::text[], ${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.trades)}::text[], ${keys.map((k) => k.places)}::text[], ${keys.map((k) => k.hanzi)}::text[])
      as k(id, key, trades, places, hanzi)
    where c.id = k.id`.execute(db);
}

/** Computes the keys of customers that have none (rows written before the key existed or by bulk paths). */
export async function fillMissingNameKeys(db: Kysely<Database>, batch = 2000): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.selectFrom('customers').select(['id', 'company_name']).where('name_key', 'is', null).orderBy('id').limit(batch).execute();
    if (rows.length === 0) return filled;
    await writeNameKeys(db, rows);
    filled += rows.length;
  }
}
