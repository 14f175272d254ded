// An import job's similar-names phase (issue 14 §3): the company names of the rows it created (a
// preview: would create) are compared with the customers, a batch at a time from the job's cursor,
// and the similar ones written on the rows; a commit also records the pairs for Settings →
// Duplicates. Shown, never refused. A batch records its rows, the pairs and the cursor in one
// transaction, so a retried batch or a restarted worker does nothing twice. The phase runs beside
// the rows: it follows their cursor (rows are recorded in order, so the created rows it reads are
// all there are up to the last) and waits for more until every row is recorded.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { NameKey } from '../names/name-key.js';
import { recordPairs } from '../customers/near-duplicates.js';
import type { IndexMatch } from '../customers/names-index.js';
import type { ImportJobRecord } from './import-jobs.repository.js';
import { type Candidate, candidates } from './similar-candidates.js';
import { type Tools, forgetIndex, toolsFor } from './similar-matchers.js';

/**
 * A cancel stops the phase of a preview (nothing it found is kept), not a commit's: the customers a
 * cancelled commit created stay, so their names are compared all the same.
 */
export const stopsComparing = (job: { mode: string; cancel_requested: boolean }): boolean => job.cancel_requested && job.mode === 'preview';

/** Similar customers shown per row, best first. */
const SHOWN = 10;
/** Similar customers asked for at most per row, when later rows of the file (left out) are among its best. */
const ASKED_AT_MOST = SHOWN * 4 ** 3;

export interface SimilarNamesDeps {
  db: Kysely<Database>;
  now: Date;
  /** NEAR_DUPLICATE_THRESHOLD. */
  threshold: number;
  /** A run records no further batch after this long (default 30 s; the activity's timeout is 5 minutes). */
  budgetMs?: number;
  /** The job's rows are still being recorded: the run waits for created rows until every row is recorded (or its time is up). */
  beside?: boolean;
  /** Ends a wait for rows (the activity is cancelled). */
  signal?: AbortSignal;
}

/** How often a run beside the rows looks for newly recorded rows. */
const WAIT_MS = 200;


/**
 * Compares the created rows of `job` from its cursor, `limit` rows to a transaction, until none
 * remain or the time budget has passed. Answers how many were compared and whether any remain, or
 * null when another attempt recorded a batch first (or the job was cancelled before its first).
 */
export async function runSimilarBatch(deps: SimilarNamesDeps, job: ImportJobRecord, headers: string[], limit: number): Promise<{ checked: number; more: boolean } | null> {
  const { db } = deps;
  const started = Date.now();
  const overBudget = () => Date.now() - started >= (deps.budgetMs ?? 30_000);
  // The created rows from `from` on: none once every row is compared (or the job stopped), null when the time ran out waiting for rows.
  const rowsFrom = async (from: number): Promise<Candidate[] | null> => {
    for (;;) {
      // Read before the rows: every row recorded by then is among them.
      const state = deps.beside ? await db.selectFrom('import_jobs').select(['status', 'cancel_requested', 'rows_done_at']).where('id', '=', job.id).executeTakeFirst() : null;
      const rows = await candidates(db, { ...job, similar_next_row: from }, headers, limit);
      if (rows.length > 0 || !state || state.rows_done_at !== null || !['queued', 'running'].includes(state.status) || state.cancel_requested) return rows;
      if (overBudget() || deps.signal?.aborted) return null;
      await sleep(WAIT_MS);
    }
  };
  // Beside the rows, the customers' names are read while the first rows are recorded.
  const ready = deps.beside ? await toolsFor(deps, job) : null;
  const first = await rowsFrom(job.similar_next_row);
  if (first === null) return { checked: 0, more: true };
  if (first.length === 0) {
    forgetIndex(job.id);
    return { checked: 0, more: false };
  }
  const tools = ready ?? (await toolsFor(deps, job));
  let fetched: Candidate[] = first;
  let cursor = job.similar_next_row;
  let checked = 0;
  let compared = await compare(fetched, tools, db, job);
  for (;;) {
    // The next batch is read and compared while this one is written (the worker's work beside Postgres').
    const writing = write(deps, job, cursor, compared);
    const next = fetched.at(-1)!.rowNo + 1;
    const following = overBudget() ? null : rowsFrom(next).then(async (rows) => ({ rows, compared: rows && rows.length > 0 ? await compare(rows, tools, db, job) : null }));
    // Should the write fail, the batch read meanwhile is dropped, its failure with it.
    following?.catch(() => {});
    const recorded = await writing;
    if (!recorded) return checked === 0 ? null : { checked, more: true };
    checked += fetched.length;
    cursor = next;
    if (!following) return { checked, more: true };
    const after = await following;
    if (after.rows === null) return { checked, more: true };
    if (!after.rows.length || !after.compared) {
      forgetIndex(job.id);
      return { checked, more: false };
    }
    fetched = after.rows;
    compared = after.compared;
  }
}


interface Compared {
  fetched: Candidate[];
  flagged: { row: Candidate & { key: NameKey }; similar: { customerId: string; companyName: string; score: number; row?: number }[] }[];
}

/** The similar customers of one batch of rows. */
async function compare(fetched: Candidate[], { match, names, rowOf, live }: Tools, db: Kysely<Database>, job: ImportJobRecord): Promise<Compared> {
  const rows = fetched.filter((r): r is Candidate & { key: NameKey } => r.key !== null);
  const matches = await match(rows, SHOWN);
  const companyName = new Map<string, string>();
  /** Learns the names of matched customers, and the rows of the job's own among them. */
  const learn = async (found: IndexMatch[][]) => {
    const matchedIds = [...new Set(found.flat().map((m) => m.customerId))].filter((id) => !companyName.has(id));
    for (const [id, name] of await names(matchedIds)) companyName.set(id, name);
    // Live matches may meet customers this job created after its rows were read (later rows of the file).
    const unknown = live && job.mode === 'commit' ? matchedIds.filter((id) => !rowOf.has(id)) : [];
    if (unknown.length > 0) {
      const own = await db.selectFrom('import_job_rows').select(['row_no', 'customer_id']).where('job_id', '=', job.id).where(sql<boolean>`customer_id = any(${unknown}::text[])`).execute();
      for (const o of own) if (o.customer_id) rowOf.set(o.customer_id, o.row_no);
    }
  };
  // A commit's rows are customers by now, so two similar rows of the file find each other: the
  // later row names the earlier one (with its row), the earlier row leaves it out; one pair.
  const shown = (r: Candidate, found: IndexMatch[]) =>
    found.flatMap((m) => {
      const row = rowOf.get(m.customerId);
      const name = companyName.get(m.customerId);
      if ((row !== undefined && row >= r.rowNo) || name === undefined) return [];
      return [{ customerId: m.customerId, companyName: name, score: m.score, ...(row !== undefined ? { row } : {}) }];
    });
  await learn(matches);
  const similar = rows.map((r, i) => shown(r, matches[i]!));
  // The later rows left out may have taken places in the best SHOWN: a row so cut short is asked
  // again for more, until SHOWN remain, there are no more to find, or ASKED_AT_MOST were asked
  // (a row with more similar later rows than that shows what is left of them).
  for (let asked = SHOWN; asked < ASKED_AT_MOST; asked *= 4) {
    const cut = rows.flatMap((r, i) => (similar[i]!.length < SHOWN && matches[i]!.length === asked ? [i] : []));
    if (cut.length === 0) break;
    const more = await match(cut.map((i) => rows[i]!), asked * 4);
    await learn(more);
    cut.forEach((i, k) => {
      matches[i] = more[k]!;
      similar[i] = shown(rows[i]!, more[k]!).slice(0, SHOWN);
    });
  }
  const found = rows.map((r, i) => ({ row: r, similar: similar[i]! }));
  return { fetched, flagged: found.filter((f) => f.similar.length > 0) };
}

/** Thrown to roll back a batch whose cursor had moved or whose job was cancelled. */
class Stale extends Error {}

/**
 * Records a compared batch with the cursor after it; false when the cursor had moved (another
 * attempt) or the job was cancelled. The job's row is locked last, for the moment of the cursor's
 * update: the rows' batches lock it for their whole transaction, and would otherwise wait for
 * this one's writes.
 */
async function write(deps: SimilarNamesDeps, job: ImportJobRecord, cursor: number, { fetched, flagged }: Compared): Promise<boolean> {
  const last = fetched.at(-1)!.rowNo;
  try {
    return await deps.db.transaction().execute(async (tx) => {
      if (flagged.length > 0) {
        // The rows by key (the primary key's index), each given its own list: a join with the list was
        // planned as a scan of every import's rows.
        await sql`update import_job_rows r
          set possible_duplicates = (select f.found from unnest(${flagged.map((f) => f.row.rowNo)}::int[], ${flagged.map((f) => JSON.stringify(f.similar))}::jsonb[]) as f(row_no, found) where f.row_no = r.row_no)
          where r.job_id = ${job.id} and r.row_no = any(${flagged.map((f) => f.row.rowNo)}::int[])`.execute(tx);
        if (job.mode === 'commit') {
          await recordPairs(tx, flagged.flatMap((f) => f.similar.map((s) => ({ a: f.row.customerId!, b: s.customerId, score: s.score }))), deps.now);
        }
      }
      const locked = await tx.selectFrom('import_jobs').select(['similar_next_row', 'status', 'cancel_requested']).where('id', '=', job.id).forUpdate().executeTakeFirst();
      // A preview cancelled meanwhile: nothing of the batch is kept, and the run stops here (the next activity ends the phase).
      if (!locked || locked.similar_next_row !== cursor || locked.status !== 'running' || stopsComparing({ mode: job.mode, cancel_requested: locked.cancel_requested })) throw new Stale();
      await tx
        .updateTable('import_jobs')
        .set((eb) => ({ similar_next_row: last + 1, similar_checked: eb('similar_checked', '+', fetched.length) }))
        .where('id', '=', job.id)
        .execute();
      return true;
    });
  } catch (e) {
    if (e instanceof Stale) return false;
    throw e;
  }
}
