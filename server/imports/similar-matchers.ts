// How an import's similar-names phase (similar-names.ts) finds a row's similar customers: by asking
// the trigram index, when few rows are left, or in every customer's key held in memory, kept for the
// job's next activities; with the customers' names and the rows of the job's own customers.
import { type Kysely, sql } from 'kysely';
import { similarByKeys } from '../customers/near-duplicates.js';
import type { IndexMatch, NamesIndex } from '../customers/names-index.js';
import { findInIndex, indexedKeys, loadSimilarNamesIndex } from '../customers/similar-names-index.repository.js';
import { ThreadedNamesIndex } from '../customers/threaded-names-index.js';
import type { Database } from '../db/database.js';
import type { NameKey } from '../names/name-key.js';
import type { ImportJobRecord } from './import-jobs.repository.js';
import type { Candidate } from './similar-candidates.js';

/** Company names of customers by id, read as needed. */
function lookUpNames(db: Kysely<Database>) {
  return async (ids: string[]): Promise<Map<string, string>> => {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('customers').select(['id', 'company_name']).where(sql<boolean>`id = any(${ids}::text[])`).execute();
    return new Map(rows.map((r) => [r.id, r.company_name]));
  };
}

/** The similar customers of each row, best first, at most `limit`. */
export type Matcher = (rows: (Candidate & { key: NameKey })[], limit: number) => Promise<IndexMatch[][]>;

export interface Tools {
  match: Matcher;
  names: (ids: string[]) => Promise<Map<string, string>>;
  /** The job's created customers by id, with their rows (a row names an earlier row of the file it resembles). */
  rowOf: Map<string, number>;
  /** Matches read the customers as they are now (the trigram index query), not a snapshot: the job's rows among them are looked up. */
  live: boolean;
}

/**
 * Reading every customer's key costs about 25 µs a customer, asking the trigram index 2–6 ms a
 * name: an import with fewer rows left than customers / this asks the index, one query a batch.
 */
export const CUSTOMERS_PER_ROW_FOR_MEMORY = 120;

/**
 * The in-memory indexes of the jobs comparing in this process, kept for their phases' next
 * activities (beside the rows a phase takes several): with their customers' rows. Dropped when a
 * phase ends, or after a while unused (its job went on in another process).
 */
const kept = new Map<string, { threshold: number; index: NamesIndex; rowOf: Map<string, number>; idle?: NodeJS.Timeout }>();
const KEPT_IDLE_MS = 5 * 60_000;

/** Lets the job's kept index go (its phase is over). */
export function forgetIndex(jobId: string): void {
  const entry = kept.get(jobId);
  if (!entry) return;
  kept.delete(jobId);
  clearTimeout(entry.idle);
  void entry.index.close();
}

/** The job's matcher, from the run's deps (SimilarNamesDeps in similar-names.ts: `beside`, the job's rows still being recorded). */
export async function toolsFor(deps: { db: Kysely<Database>; threshold: number; beside?: boolean }, job: ImportJobRecord): Promise<Tools> {
  const { db, threshold } = deps;
  const names = lookUpNames(db);
  if (kept.get(job.id)?.threshold !== threshold) forgetIndex(job.id);
  let entry = kept.get(job.id);
  if (!entry) {
    const customers = await db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    // The rows left to compare: the created ones not compared yet, and (beside the rows) every row still to record.
    const left = job.created - job.similar_checked + (deps.beside ? job.rows_total - job.rows_done : 0);
    if (left * CUSTOMERS_PER_ROW_FOR_MEMORY < Number(customers.n)) {
      const match: Matcher = async (rows, limit) => {
        const found = await similarByKeys(db, rows.map((r) => r.key), { threshold, limit, selfIds: rows.map((r) => r.customerId) });
        return found.map((matches) => matches.map((m) => ({ customerId: m.customerId, score: m.score })));
      };
      return { match, names, rowOf: await ownRows(db, job), live: true };
    }
    // Every customer's key in memory once for the whole phase, instead of one index search per name,
    // in a thread of its own (the rows are decided beside it); the job's rows read after it, so
    // each of its customers in the index has its row.
    const index = new ThreadedNamesIndex(threshold);
    try {
      await loadSimilarNamesIndex(db, index);
      entry = { threshold, index, rowOf: await ownRows(db, job) };
    } catch (e) {
      await index.close();
      throw e;
    }
    kept.set(job.id, entry);
  }
  clearTimeout(entry.idle);
  entry.idle = setTimeout(() => forgetIndex(job.id), KEPT_IDLE_MS).unref();
  const { index, rowOf } = entry;
  // A commit's rows are customers: those created since the index was read are added as they come
  // (in row order, so a row finds the earlier rows of the file); a preview's are compared by their keys' trigrams.
  const match: Matcher = async (rows, limit) => {
    const added = rows.filter((r) => r.customerId !== null && !index.has(r.customerId));
    const keys = await indexedKeys(db, added.map((r) => r.key));
    index.addRows(added.map((r, i) => ({ id: r.customerId!, trigrams: keys[i]!.trigrams.join('|'), trades: keys[i]!.trades, places: keys[i]!.places, hanzi: keys[i]!.hanzi })));
    for (const r of added) rowOf.set(r.customerId!, r.rowNo);
    return findInIndex(db, index, rows, limit);
  };
  return { match, names, rowOf, live: false };
}

/** A commit's created customers so far, with their rows. */
async function ownRows(db: Kysely<Database>, job: ImportJobRecord): Promise<Map<string, number>> {
  const rowOf = new Map<string, number>();
  if (job.mode !== 'commit') return rowOf;
  const own = await db.selectFrom('import_job_rows').select(['row_no', 'customer_id']).where('job_id', '=', job.id).where('outcome', '=', 'created').execute();
  for (const o of own) if (o.customer_id) rowOf.set(o.customer_id, o.row_no);
  return rowOf;
}
