// A real worker process is killed (SIGKILL) in the middle of a 20,000-row import job and another
// one started: the job finishes, and no row is lost or doubled — one report row per staged row,
// one customer per created row, one grading decision per customer, every tenure started once.
// Killed again in its similar-names phase (which runs beside the rows): it carries on from its
// cursor, every created row compared once, each pair listed once. Separate API and worker processes, as production runs them.
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Database } from '../server/db/database.js';
import { normalizeCompanyName } from '../server/customers/identity.js';
import { type ScratchDatabase, createScratchDatabase } from './support/scratch-database.js';
import { type ServiceProcess, freePort, startService } from './support/service-process.js';

const ROWS = 20_000;
const adminToken = `hs_${randomBytes(24).toString('hex')}`;
const taskQueue = `hs-import-restart-${randomBytes(3).toString('hex')}`;

let scratch: ScratchDatabase;
let api: ServiceProcess;
let worker: ServiceProcess;
let env: Record<string, string>;
let base: string;
let db: Kysely<Database>;

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SYLLABLES = ['ba', 'ko', 'du', 'mi', 'ser', 'van', 'tel', 'ru', 'pax', 'lin', 'qor', 'fen', 'zu', 'hal', 'mo', 'dree', 'sta', 'nix', 'cal', 'wen'];
/** `n` distinct company names unlike one another (as a real file's are), each its own company by name. */
function companyNames(n: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (let k = 0; out.length < n; k++) {
    const x = (k * 7919 + 13) % 160_000;
    const word = [x % 20, Math.floor(x / 20) % 20, Math.floor(x / 400) % 20, Math.floor(x / 8000) % 20].map((i) => SYLLABLES[i]).join('');
    const name = `${word[0]!.toUpperCase()}${word.slice(1)} Trading Ltd`;
    if (seen.has(normalizeCompanyName(name))) continue;
    seen.add(normalizeCompanyName(name));
    out.push(name);
  }
  return out;
}

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('adminDatabaseUrl'), 'hs_t_import_restart');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = {
    DATABASE_URL: scratch.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
    BOOTSTRAP_ADMIN_TOKEN: adminToken,
    PORT: String(port),
    LOG_LEVEL: 'error',
  };
  api = await startService('api', env);
  worker = await startService('worker', env);
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  // Dropping the scratch database at the end terminates its connections; an idle one must not fail the run.
  pool.on('error', () => {});
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([api?.kill('SIGKILL'), worker?.kill('SIGKILL')]);
  await db?.destroy().catch(() => {});
  await scratch?.drop();
});

it('loses and doubles no row when the worker is killed mid-job and replaced', async () => {
  // Two reps, so the shipped assignment rules give some customers out (tenures) until their caps fill.
  for (const id of ['restart_a', 'restart_b']) {
    expect((await call('POST', '/reps', { id, name: id, email: `${id}@example.com`, hiredAt: '2020-01-01', timeZone: 'Asia/Shanghai' })).status).toBe(201);
  }
  // 19,000 companies, and every 20th row repeats an earlier one (1,000 duplicates within the file).
  const lines = ['Company,E-mail,Country'];
  const names = companyNames(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const n = i % 20 === 19 ? i - 10 : i;
    lines.push(`${names[n]},buyer${n}@restart${n}.example,DE`);
  }
  const form = new FormData();
  form.set('file', new Blob([lines.join('\n')]), 'restart.csv');
  const started = await call('POST', '/imports', form);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const id = started.body.id as string;
  const progress = async () => (await call('GET', `/imports/${id}`)).body;

  // Kill the worker once the job is well under way, in the middle of whatever batch runs.
  for (let job = await progress(); job.progress.rowsRead < 2_000; job = await progress()) await sleep(50);
  await worker.kill('SIGKILL');
  const atKill = (await progress()).progress.rowsRead;
  expect(atKill).toBeLessThan(ROWS);
  await sleep(1500);
  // Nothing runs the job meanwhile.
  expect((await progress()).progress.rowsRead).toBeLessThan(ROWS);
  worker = await startService('worker', env);

  // Again once part of the similar-names phase is recorded: it runs beside the rows, behind their cursor.
  let job = await progress();
  let beside = false;
  for (const until = Date.now() + 150_000; job.progress.similarChecked < 1_000 && job.status === 'running' && Date.now() < until; job = await progress()) {
    beside ||= job.progress.phase === 'rows' && job.progress.similarChecked > 0;
    expect(job.progress.similarChecked).toBeLessThanOrEqual(job.progress.created);
    await sleep(100);
  }
  expect(job.status, JSON.stringify(job.progress)).toBe('running');
  beside ||= job.progress.phase === 'rows';
  expect(beside, 'names compared while rows are still being recorded').toBe(true);
  await worker.kill('SIGKILL');
  expect((await progress()).progress.similarChecked).toBeLessThan(19_000);
  worker = await startService('worker', env);

  for (const until = Date.now() + 150_000; job.status !== 'completed' && Date.now() < until; job = await progress()) await sleep(250);
  expect(job.status, JSON.stringify(job.progress)).toBe('completed');
  expect(job.progress).toMatchObject({ rowsTotal: ROWS, rowsRead: ROWS, created: 19_000, duplicates: 1_000, refused: 0, updated: 0, phase: 'done', similarChecked: 19_000, similarTotal: 19_000 });

  // One report row per staged row, in order.
  const rows = await db.selectFrom('import_job_rows').select(['row_no', 'outcome', 'customer_id', 'tenure']).where('job_id', '=', id).orderBy('row_no').execute();
  expect(rows.map((r) => r.row_no)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 2));
  // One customer per created row, none besides.
  const created = rows.filter((r) => r.outcome === 'created').map((r) => r.customer_id!);
  expect(new Set(created).size).toBe(19_000);
  const customers = await db.selectFrom('customers').select('id').where('company_name', 'like', '% Trading Ltd').execute();
  expect(new Set(customers.map((c) => c.id))).toEqual(new Set(created));
  // One grading decision per customer: no batch was decided twice.
  const grading = await sql<{ n: number; customers: number }>`
    select count(*)::int as n, count(distinct customer_id)::int as customers from decision_records where decision = 'grading' and trigger = 'import'`.execute(db);
  expect(grading.rows[0]).toEqual({ n: 19_000, customers: 19_000 });
  // Assigned rows: each tenure started once, its customer owned by that rep; none left waiting.
  const assigned = rows.filter((r) => r.tenure !== null);
  expect(assigned.length).toBeGreaterThan(0);
  expect(assigned.every((r) => r.tenure === 'started' || r.tenure === 'refused')).toBe(true);
  const owned = await db.selectFrom('customers').select(['id', 'owner_id']).where('id', 'in', assigned.filter((r) => r.tenure === 'started').map((r) => r.customer_id!)).execute();
  expect(owned.every((c) => c.owner_id === 'restart_a' || c.owner_id === 'restart_b')).toBe(true);
  const assignedEvents = await sql<{ n: number }>`select count(*)::int as n from ownership_events where kind = 'assigned'`.execute(db);
  expect(assignedEvents.rows[0]!.n).toBe(job.progress.assigned);
  // The pairs listed are exactly those the rows name, each once.
  const flagged = await db.selectFrom('import_job_rows').select(['customer_id', 'possible_duplicates']).where('job_id', '=', id).where('possible_duplicates', 'is not', null).execute();
  const named = new Set(flagged.flatMap((r) => r.possible_duplicates!.map((p) => [r.customer_id!, p.customerId].sort().join('/'))));
  const pairs = await db.selectFrom('duplicate_pairs').select(['customer_a', 'customer_b']).execute();
  expect(pairs.length).toBe(named.size);
  expect(new Set(pairs.map((p) => `${p.customer_a}/${p.customer_b}`))).toEqual(named);
}, 400_000);
