// Claim latency and throughput: 50 reps claim concurrently over loopback HTTP; the bench itself
// counts double owners (two successful claims of one customer) and cap violations.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mapLimit, startStack } from './support/stack.js';
import { ms, percentile } from './support/table.js';

export interface ClaimScenario {
  name: string;
  reps: number;
  customers: number;
  attemptsPerRep: number;
  privateCap: number;
}

interface LoadResult {
  seconds: number;
  attempts: { rep: string; customer: string; status: number; code: string; ms: number }[];
}

/** Runs the claim load in a separate Node process (bench/support/claim-load.ts). */
function runLoad(spec: { url: string; reps: { id: string; token: string }[]; customers: string[]; attemptsPerRep: number }): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./support/claim-load.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load process exited ${code}`))));
    child.stdin.end(JSON.stringify(spec));
  });
}

export async function runClaimBench(scenarios: ClaimScenario[]) {
  const stack = await startStack();
  const rows: Record<string, string | number>[] = [];
  try {
    for (const [s, sc] of scenarios.entries()) {
      // Caps rules are republished when a new combination appears, so create the first rep alone.
      const repIds = Array.from({ length: sc.reps }, (_, i) => `s${s}-rep${i}`);
      const caps = { privateMax: sc.privateCap, dailyClaimMax: 100_000, keyMax: 10 };
      const first = { id: repIds[0]!, token: await stack.createRep(repIds[0]!, caps) };
      const tokens = [first, ...(await mapLimit(repIds.slice(1), 10, (id) => stack.createRep(id, caps).then((token) => ({ id, token }))))];
      const customers = await mapLimit(Array.from({ length: sc.customers }, (_, i) => i), 20, async (i) => {
        const r = await stack.call(stack.adminToken, 'POST', '/customers', { companyName: `Bench ${s} Customer ${i} Import Export` });
        if (r.status !== 201) throw new Error(JSON.stringify(r.body));
        return r.body.id as string;
      });

      const load = await runLoad({ url: stack.url, reps: tokens.map(({ id, token }) => ({ id, token })), customers, attemptsPerRep: sc.attemptsPerRep });
      const latencies: number[] = [];
      const successLatencies: number[] = [];
      const outcomes = new Map<string, number>();
      const winners = new Map<string, string[]>();
      const winsPerRep = new Map<string, number>();
      let fivexx = 0;
      for (const a of load.attempts) {
        latencies.push(a.ms);
        outcomes.set(a.code, (outcomes.get(a.code) ?? 0) + 1);
        if (a.status >= 500) fivexx++;
        if (a.status === 200) {
          successLatencies.push(a.ms);
          winners.set(a.customer, [...(winners.get(a.customer) ?? []), a.rep]);
          winsPerRep.set(a.rep, (winsPerRep.get(a.rep) ?? 0) + 1);
        }
      }
      const seconds = load.seconds;
      latencies.sort((a, b) => a - b);
      successLatencies.sort((a, b) => a - b);

      // Verify against the database too: one owner per customer, no rep above its cap.
      const db = stack.runtime.database.db;
      const owned = await db
        .selectFrom('customers')
        .select(['owner_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('id', 'in', customers)
        .where('status', '=', 'owned')
        .groupBy('owner_id')
        .execute();
      const doubleOwners = [...winners.values()].filter((w) => w.length > 1).length;
      const capViolations =
        [...winsPerRep.values()].filter((n) => n > sc.privateCap).length + owned.filter((o) => Number(o.n) > sc.privateCap).length;
      const successes = outcomes.get('ok') ?? 0;
      rows.push({
        scenario: sc.name,
        attempts: latencies.length,
        claimed: successes,
        refused: [...outcomes].filter(([k]) => k !== 'ok').map(([k, v]) => `${k} ${v}`).join(', ') || '0',
        'p50 (all)': ms(percentile(latencies, 50)),
        'p99 (all)': ms(percentile(latencies, 99)),
        'p50 (claimed)': ms(percentile(successLatencies, 50)),
        'p99 (claimed)': ms(percentile(successLatencies, 99)),
        'requests/s': Math.round(latencies.length / seconds),
        'claims/s': Math.round(successes / seconds),
        'double owners': doubleOwners,
        'cap violations': capViolations,
        '5xx': fivexx,
      });
    }
  } finally {
    await stack.close();
  }
  return rows;
}
