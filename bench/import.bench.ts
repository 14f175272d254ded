// A 100,000-row import against 100,000 existing customers: the import timed from POST /imports to
// its last row recorded, with dedup (existing customers and earlier rows of the file), grading and
// assignment (caps fill, so most rows land in the pool), and the job's similar-names phase (the
// created rows' company names compared with every customer's, beside the rows): what is left of it
// after the last row timed on its own.
// Company names are generated foreign-trade names (as bench/near-duplicates.bench.ts makes them). The worker is its own process; the API runs in this
// one. Then the same rows' decisions (grading and assignment) through the compiled engine and
// through json-rules-engine, for the ratio.
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { defaultRuleSets } from '../rules/defaults/index.js';
import { assignmentOutcome, gradingOutcome } from '../rules/decide/outcomes.js';
import { compileRuleSet, createSerialReference } from '../rules/engine/index.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { customerIdentities } from '../server/customers/identity.js';
import { openDatabase } from '../server/db/connect.js';
import { customerFacts } from '../server/decisions/facts.js';
import { seedCustomers } from '../test/support/seed.js';
import { startStack } from './support/stack.js';
import { nameKeyColumns } from '../server/customers/near-duplicates.js';
import { companyNamesForBench } from './near-duplicates.bench.js';
import { startWorkerProcess } from './tenures.bench.js';

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${Math.round(bytes / MiB)} MiB`;

/** CPU seconds (user + system) of every process now, by pid, with what it is: "postgres <database>" for a backend. */
function cpuByProcess(): Map<number, { what: string; seconds: number }> {
  const out = new Map<number, { what: string; seconds: number }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      let what = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // "postgres: 15/main: postgres hs_bench_… 127.0.0.1(…) idle": a backend of that database.
      if (what === 'postgres') what = /postgres: [^:]+: \S+ (\S+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'postgres';
      out.set(pid, { what, seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** CPU seconds used since `before`, summed by `group` (processes that exited meanwhile are missing). */
function cpuSince(before: Map<number, { what: string; seconds: number }>, group: (pid: number, what: string) => string | null): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [pid, p] of cpuByProcess()) {
    const g = group(pid, p.what);
    if (g) sums.set(g, (sums.get(g) ?? 0) + p.seconds - (before.get(pid)?.seconds ?? 0));
  }
  return sums;
}

/** CPU seconds the whole machine has been busy (every core, every process). */
function machineBusy(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

/** The upload: new companies, duplicates of existing customers (by name or e-mail), repeats within the file, and a few refused rows. */
function uploadCsv(rows: number, existing: string[], names: string[]): string {
  const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
  const lines = ['Company,Contact,E-mail,Country,Source,Expected close (days)'];
  const countries = ['DE', 'US', 'BR', 'IN', 'FR', 'Germany', '中国'];
  for (let i = 0; i < rows; i++) {
    const kind = i % 100;
    if (kind < 20) {
      const e = (i * 7919) % existing.length; // a duplicate of an existing customer
      lines.push(kind % 2 ? `${q(existing[e]!)},,,DE,,` : `Another Name ${i},,buyer${e}@existing${e}.example,DE,,`);
    } else if (kind < 29 && i > 100) {
      const j = i - 50 - (i % 7); // a repeat of an earlier row of this file
      lines.push(`${q(names[j]!)},Contact ${j},,US,canton_fair,`);
    } else if (kind === 99) {
      lines.push(`Refused ${i} Ltd,,not-an-email,DE,,`);
    } else {
      lines.push(`${q(names[i]!)},Contact ${i},sales${i}@import${i}.example,${countries[i % countries.length]},canton_fair,`);
    }
  }
  return lines.join('\n') + '\n';
}

function cpuRows(cpu: Map<string, number> | null) {
  const s = (k: string) => `${(cpu?.get(k) ?? 0).toFixed(1)}`;
  return [
    { measure: 'CPU seconds, POST → every row recorded: worker / API / Postgres (this database) / Temporal', value: `${s('worker')} / ${s('API')} / ${s('Postgres')} / ${s('Temporal')}` },
    { measure: '… the whole machine (2 cores: twice the wall time at most)', value: `${s('machine')}` },
  ];
}

export async function runImportBench(rows = 100_000, existing = 100_000) {
  const stack = await startStack({ worker: false });
  const worker = await startWorkerProcess(stack, undefined);
  const database = await openDatabase({ databaseUrl: stack.databaseUrl, dataDir: stack.dataDir, poolSize: 4 });
  try {
    // 100,000 existing customers with their identities, inserted directly (set-based).
    const seeded = Date.now();
    const existingNames = companyNamesForBench(existing, 1);
    const newNames = companyNamesForBench(rows, 7);
    const ids = await seedCustomers(database.db, existing, (i) => ({ company_name: existingNames[i]!, email: `buyer${i}@existing${i}.example`, ...nameKeyColumns(existingNames[i]!) }), 2000);
    for (let at = 0; at < ids.length; at += 5000) {
      const chunk = ids.slice(at, at + 5000).flatMap((id, k) =>
        customerIdentities({ companyName: existingNames[at + k]!, email: `buyer${at + k}@existing${at + k}.example` }).map((i) => ({ ...i, customer_id: id })),
      );
      // Generated names repeat now and then: the first customer holds the name (as a real database would).
      await database.db.insertInto('customer_identities').values(chunk).onConflict((oc) => oc.columns(['kind', 'value']).doNothing()).execute();
    }
    await sql`analyze`.execute(database.db);
    // The seeding's WAL flushed now, so a timed checkpoint does not land in the middle of the import in one run and not in another.
    await sql`checkpoint`.execute(database.db);
    const seedSeconds = (Date.now() - seeded) / 1000;

    // The shipped grading and assignment rules; 10 reps whose caps (20 each) fill early.
    await stack.publishRuleSet(defaultRuleSets.grading as RuleSetDocument);
    await stack.publishRuleSet(defaultRuleSets.assignment as RuleSetDocument);
    for (let r = 0; r < 10; r++) await stack.createRep(`imp-rep-${r}`, { privateMax: 20, dailyClaimMax: 100_000, keyMax: 5 });

    const csv = uploadCsv(rows, existingNames, newNames);
    const form = new FormData();
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
    let apiPeak = process.memoryUsage.rss();
    const sampler = setInterval(() => (apiPeak = Math.max(apiPeak, process.memoryUsage.rss())), 100);
    // Where the CPU goes until every row is recorded: the worker, the API (this process), Postgres' backends of this
    // database, the Temporal dev server, and the whole machine.
    const benchDatabase = new URL(stack.databaseUrl).pathname.slice(1);
    const group = (pid: number, what: string) =>
      pid === worker.child.pid ? 'worker' : pid === process.pid ? 'API' : what === benchDatabase ? 'Postgres' : what === 'temporal' ? 'Temporal' : null;
    const cpu0 = { processes: cpuByProcess(), machine: machineBusy() };
    let cpu: Map<string, number> | null = null;
    const t0 = performance.now();
    const t0Wall = Date.now();
    const res = await fetch(`${stack.url}/imports`, { method: 'POST', headers: { authorization: `Bearer ${stack.adminToken}` }, body: form });
    const started = (await res.json()) as { id: string };
    if (res.status !== 202) throw new Error(JSON.stringify(started));
    const stagedSeconds = (performance.now() - t0) / 1000;
    let job: any;
    for (;;) {
      job = (await stack.call(stack.adminToken, 'GET', `/imports/${started.id}`)).body;
      if (job.rowsDoneAt && !cpu) cpu = new Map([...cpuSince(cpu0.processes, group), ['machine', machineBusy() - cpu0.machine]]);
      if (!['queued', 'running'].includes(job.status)) break;
      // BENCH_IMPORT_ROWS_ONLY=1 stops once every row is recorded, without the similar-names phase (to compare changes quickly).
      if (cpu && process.env.BENCH_IMPORT_ROWS_ONLY) return [{ measure: 'import: POST → every row recorded', value: `${((Date.parse(job.rowsDoneAt) - t0Wall) / 1000).toFixed(1)} s` }, ...cpuRows(cpu)];
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    if (job.status !== 'completed') throw new Error(`import ended ${job.status}: ${job.error}`);
    const workerPeak = worker.peakRss();

    // The same rows' decisions, compiled and through json-rules-engine: every created customer graded and assigned.
    const created = await database.db.selectFrom('customers').selectAll().where('created_by', '=', job.createdBy).where('created_at', '>=', new Date(job.createdAt)).execute();
    const now = new Date();
    const grading = defaultRuleSets.grading as RuleSetDocument;
    const assignment = defaultRuleSets.assignment as RuleSetDocument;
    const inputs = created.map((c) => ({ customer: customerFacts({ ...c, grade: null }, now), trigger: { type: 'import', previousOwnerId: null } }));
    const [cg, ca] = [compileRuleSet(grading), compileRuleSet(assignment)];
    let t = performance.now();
    let compiledOut = 0;
    for (const f of inputs) compiledOut += (gradingOutcome(cg.evaluate(f).fired) ? 1 : 0) + (assignmentOutcome(ca.evaluate(f).fired) ? 1 : 0);
    const compiledMs = performance.now() - t;
    const [rg, ra] = [createSerialReference(grading), createSerialReference(assignment)];
    t = performance.now();
    let referenceOut = 0;
    for (const f of inputs) referenceOut += (gradingOutcome((await rg(f)).result.fired) ? 1 : 0) + (assignmentOutcome((await ra(f)).result.fired) ? 1 : 0);
    const referenceMs = performance.now() - t;
    if (compiledOut !== referenceOut) throw new Error(`the engines disagree: ${compiledOut} vs ${referenceOut} decisions with an outcome`);

    const p = job.progress;
    const rowsSeconds = (Date.parse(job.rowsDoneAt) - t0Wall) / 1000;
    const similarSeconds = (Date.parse(job.finishedAt) - Date.parse(job.rowsDoneAt)) / 1000;
    const flagged = await sql<{ rows: number; pairs: number }>`
      select (select count(*)::int from import_job_rows where job_id = ${started.id} and possible_duplicates is not null) as rows,
        (select count(*)::int from duplicate_pairs) as pairs`.execute(database.db);
    const table = [
      { measure: 'rows (existing customers)', value: `${rows.toLocaleString('en')} (${existing.toLocaleString('en')}; seeded in ${seedSeconds.toFixed(1)} s)` },
      { measure: 'import: POST → every row recorded (rowsDoneAt)', value: `${rowsSeconds.toFixed(1)} s` },
      { measure: '… of which upload read and staged (202)', value: `${stagedSeconds.toFixed(1)} s` },
      { measure: 'rows/s (import)', value: Math.round(rows / rowsSeconds).toLocaleString('en') },
      { measure: `similar-names phase (beside the rows): ${p.similarChecked.toLocaleString('en')} created rows compared; left after the last row (rowsDoneAt → finishedAt)`, value: `${similarSeconds.toFixed(1)} s` },
      { measure: '… rows flagged with similar names / pairs listed', value: `${flagged.rows[0]!.rows} / ${flagged.rows[0]!.pairs}` },
      { measure: 'whole job: POST → completed (target ≤ 30 s)', value: `${seconds.toFixed(1)} s` },
      { measure: 'created / duplicates / refused', value: `${p.created} / ${p.duplicates} / ${p.refused}` },
      { measure: 'assigned to reps (tenures started) / to the pool', value: `${p.assigned} / ${p.created - p.assigned}` },
      { measure: `decisions of the ${created.length.toLocaleString('en')} new customers (grading + assignment), compiled`, value: `${compiledMs.toFixed(0)} ms` },
      { measure: '… through json-rules-engine (reused Engine)', value: `${(referenceMs / 1000).toFixed(1)} s (${Math.round(referenceMs / compiledMs)}× slower)` },
      { measure: 'whole job with json-rules-engine decisions (estimate: job − compiled + json-rules-engine)', value: `${(seconds + (referenceMs - compiledMs) / 1000).toFixed(1)} s` },
      ...cpuRows(cpu),
      { measure: 'peak RSS, API process (this one)', value: mib(apiPeak) },
      { measure: 'peak RSS, worker process', value: mib(workerPeak) },
    ];
    return table;
  } finally {
    await database.close();
    await worker.stop();
    await stack.close();
  }
}

