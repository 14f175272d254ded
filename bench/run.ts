// `npm run bench [claims|reclaim|tenures|decisions|simulation|forecast|reports|memory|handover|import|near-duplicates]`: runs the benchmarks and prints markdown tables for the README.
import os from 'node:os';
import { runClaimBench } from './claims.bench.js';
import { runDecisionBench } from './decisions.bench.js';
import { runEmbeddedMemoryBench } from './embedded-memory.bench.js';
import { runForecastBench } from './forecast.bench.js';
import { runHandoverBench } from './handover.bench.js';
import { runImportBench } from './import.bench.js';
import { runNearDuplicateBench } from './near-duplicates.bench.js';
import { runReclaimLagBench } from './reclaim-lag.bench.js';
import { runReportsBench } from './reports.bench.js';
import { runSimulationBench } from './simulation.bench.js';
import { runTenuresBench } from './tenures.bench.js';
import { markdownTable } from './support/table.js';

const only = new Set(process.argv.slice(2));
const want = (name: string) => only.size === 0 || only.has(name);

console.log(`highseas benchmarks — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);

if (want('claims')) {
  const rows = await runClaimBench([
    { name: '1 rep, one claim at a time', reps: 1, customers: 200, attemptsPerRep: 100, privateCap: 200 },
    { name: '50 reps, 2,000 customers (spread)', reps: 50, customers: 2000, attemptsPerRep: 40, privateCap: 30 },
    { name: '50 reps, 20 customers (hot spot)', reps: 50, customers: 20, attemptsPerRep: 10, privateCap: 30 },
    { name: '50 reps, cap 5 (cap pressure)', reps: 50, customers: 1000, attemptsPerRep: 20, privateCap: 5 },
  ]);
  console.log('### Claims over loopback HTTP\n\nPostgres; one API+worker process; the Temporal dev server it launches (SQLite file, WAL); load from a separate process.\n');
  console.log(markdownTable(rows));
  console.log();
}

if (want('reclaim')) {
  const rows = await runReclaimLagBench(1000, 30_000);
  console.log('### Reclaim lag: deadline → customer back in the pool\n');
  console.log(markdownTable(rows));
  console.log();
}
if (want('tenures')) {
  const tenures = Number(process.env.BENCH_TENURES ?? 10_000);
  const rows = await runTenuresBench(tenures);
  console.log(`### ${tenures.toLocaleString('en')} open tenures on one worker\n\nThe worker as its own process (\`npm run worker\`, WORKER_MAX_CACHED_WORKFLOWS at its default of 500) with the API and a Temporal dev server (SQLite) in another; Postgres.\n`);
  console.log(markdownTable(rows));
  console.log();
}
if (want('decisions')) {
  const rows = await runDecisionBench();
  console.log('### Decisions: compiled rule sets vs json-rules-engine\n\nOne process, one core; 2,000 deterministic customers; every output of every engine compared.\n');
  console.log(markdownTable(rows));
  console.log();
}
if (want('simulation')) {
  const rows = await runSimulationBench(100_000);
  console.log('### Simulation over 100,000 customers in Postgres (read, evaluate both versions, diff)\n\nShipped grading rules against a draft that moves the A/B boundary; the same run with each evaluator.\n');
  console.log(markdownTable(rows));
  console.log();
}
if (want('forecast')) {
  const rows = await runForecastBench(100_000);
  console.log('### Forecast of a draft over 100,000 open tenures in Postgres\n\n50 reps in Shanghai on a holiday calendar; the shipped rules published; each draft against them, side by side.\n');
  console.log(markdownTable(rows));
  console.log();
}
if (want('reports')) {
  const rows = await runReportsBench(100_000);
  console.log('### Reports over 100,000 customers in Postgres\n\n50 reps in 5 teams; stage events and reclaims seeded over 90 days; ten runs each after a warm-up.\n');
  console.log(markdownTable(rows));
  console.log();
}
if (want('memory')) {
  const rows = await runEmbeddedMemoryBench();
  console.log('### Memory of `npm start` on the embedded default\n\nA fresh data directory; PGlite, the Temporal dev server it launches, API and worker in one process; resident memory (VmRSS) of every process in the tree.\n');
  console.log(markdownTable(rows));
  console.log();
}
if (want('handover')) {
  const customers = Number(process.env.BENCH_HANDOVER_CUSTOMERS ?? 2000);
  const { rows, close } = await runHandoverBench(customers);
  console.log(`### A rep leaves: handover of ${customers.toLocaleString('en')} customers\n\nOne API+worker process, the Temporal dev server it launches (SQLite), Postgres; from the request to the job's completion (batches of 50, 8 moves at a time).\n`);
  console.log(markdownTable(rows));
  console.log();
  await close();
}
if (want('import')) {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
  const existing = Number(process.env.BENCH_IMPORT_EXISTING ?? 100_000);
  const table = await runImportBench(rows, existing);
  console.log(`### Import of ${rows.toLocaleString('en')} rows against ${existing.toLocaleString('en')} existing customers

The API in this process, the worker as its own process (\`npm run worker\`), the Temporal dev server the API launches (SQLite), Postgres; batches of 2,000 rows; the shipped grading and assignment rules, 10 reps with a cap of 20; generated foreign-trade company names (as in the near-duplicates bench); the similar-names phase beside the rows (its index of every customer's name in a worker thread), in batches of up to 1,000 created rows.
`);
  console.log(markdownTable(table));
  console.log();
}
if (want('near-duplicates')) {
  const customers = Number(process.env.BENCH_NEAR_DUPLICATE_CUSTOMERS ?? 100_000);
  const r = await runNearDuplicateBench(customers);
  console.log(`### Near-duplicate company names: precision on ${r.pairs} labelled pairs (${r.truePairs} true)\n\nEvery pair scored by Postgres' pg_trgm similarity: the plain lower-cased names, and our similarity key (server/names/name-key.ts); flagged at or above the threshold.\n`);
  console.log(markdownTable(r.precision));
  console.log(`\nWrong at 0.6 (${r.misses.length}):\n\n${r.misses.map((m) => `    ${m}`).join('\n')}\n`);
  console.log(`### Near-duplicate look-up speed\n\nPostgres, ${customers.toLocaleString('en')} generated foreign-trade names (a third in Chinese) seeded in ${(r.seedMs / 1000).toFixed(1)} s with their keys; GIN trigram index; median of five runs after a warm-up.\n`);
  console.log(markdownTable(r.speed));
  console.log();
}
process.exit(0);
