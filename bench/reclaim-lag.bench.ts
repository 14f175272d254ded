// Reclaim lag: N tenures whose deadlines fall evenly in one absolute window; lag from each
// deadline to the customer being back in the pool (the reclaim event's time), from the database.
//
// Deadlines come from reclaim rules, which only know durations. So the bench claims on a fixed
// schedule and gives each customer a region bucket whose rule duration lands its deadline at a
// planned moment of the window (a random permutation, so deadline order is not claim order).
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { mapLimit, startStack } from './support/stack.js';
import { ms, percentile } from './support/table.js';

const BUCKET_MS = 250;

function spreadReclaimRules(buckets: number[]): RuleSetDocument {
  return {
    decision: 'reclaim',
    hitPolicy: 'collect',
    rules: buckets.map((b) => ({
      name: `bucket ${b}`,
      conditions: { all: [{ fact: 'customer', path: '$.region', operator: 'equal', value: `lag-${b}` }] },
      event: { type: 'deadline', params: { name: 'first_follow_up', duration: `${b * BUCKET_MS}ms`, reason: 'no_follow_up' } },
    })),
  } as unknown as RuleSetDocument;
}

export async function runReclaimLagBench(tenures: number, windowMs: number) {
  const reps = 50;
  const perRep = Math.ceil(tenures / reps);
  const paceMs = 40; // one claim every 40 ms: within what the stack sustains (see the claims bench)
  const leadMs = tenures * paceMs + 10_000; // the window opens after the last planned claim
  const stack = await startStack();
  try {
    const caps = { privateMax: perRep, dailyClaimMax: 100_000, keyMax: 10 };
    const tokens = [await stack.createRep('lag-rep0', caps)];
    tokens.push(...(await mapLimit(Array.from({ length: reps - 1 }, (_, i) => `lag-rep${i + 1}`), 10, (id) => stack.createRep(id, caps))));

    // Plan: claim i at i·pace; its deadline at lead + slot(i)·window/N, slots randomly permuted.
    const slots = Array.from({ length: tenures }, (_, i) => i).sort(() => Math.random() - 0.5);
    const plan = slots.map((slot, i) => {
      const durationMs = leadMs + (slot * windowMs) / tenures - i * paceMs;
      return { i, bucket: Math.round(durationMs / BUCKET_MS) };
    });
    await stack.publishRuleSet(spreadReclaimRules([...new Set(plan.map((p) => p.bucket))].sort((a, b) => a - b)));
    const customers = await mapLimit(plan, 20, async (p) => {
      const r = await stack.call(stack.adminToken, 'POST', '/customers', { companyName: `Lag Customer ${p.i} Trading`, region: `lag-${p.bucket}`, assign: false });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      return r.body.id as string;
    });

    const start = Date.now();
    let late = 0;
    let retried = 0;
    await Promise.all(
      customers.map(async (id, i) => {
        const wait = start + i * paceMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else late = Math.max(late, -wait);
        // A claim the saturated stack could not start within its bound is answered 503 (nothing
        // changed); a client sends it again, and so does the bench (counted in the table).
        for (;;) {
          const r = await stack.call(tokens[i % reps]!, 'POST', `/customers/${id}/claim`);
          if (r.status === 200) break;
          if (r.status !== 503) throw new Error(`claim failed: ${JSON.stringify(r.body)}`);
          retried++;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }),
    );
    const claimSeconds = (Date.now() - start) / 1000;

    const db = stack.runtime.database.db;
    const giveUp = start + leadMs + windowMs + 30_000;
    for (;;) {
      const left = await db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('id', 'in', customers)
        .where('status', '=', 'owned')
        .executeTakeFirstOrThrow();
      if (Number(left.n) === 0 || Date.now() > giveUp) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const events = await db.selectFrom('ownership_events').select(['at', 'details']).where('customer_id', 'in', customers).where('kind', '=', 'reclaimed').execute();
    const lags = events.map((e) => e.at.getTime() - Date.parse(String(e.details.deadline))).sort((a, b) => a - b);
    const deadlines = events.map((e) => Date.parse(String(e.details.deadline))).sort((a, b) => a - b);
    // Busiest second of deadlines: the load the reclaim path had to absorb at its peak.
    const perSecond = new Map<number, number>();
    for (const d of deadlines) perSecond.set(Math.floor(d / 1000), (perSecond.get(Math.floor(d / 1000)) ?? 0) + 1);
    return [
      {
        tenures,
        'deadlines spread over': `${((deadlines[deadlines.length - 1]! - deadlines[0]!) / 1000).toFixed(1)} s`,
        'peak deadlines/s': Math.max(...perSecond.values()),
        'claims issued in': `${claimSeconds.toFixed(1)} s`,
        'claims answered 503, sent again': retried,
        reclaimed: events.length,
        'lag p50': ms(percentile(lags, 50)),
        'lag p99': ms(percentile(lags, 99)),
        'lag max': ms(lags[lags.length - 1] ?? Number.NaN),
        'early (lag < 0)': lags.filter((l) => l < 0).length,
        'still owned': tenures - events.length,
      },
    ];
  } finally {
    await stack.close();
  }
}
