// A rep leaves with 2,000 customers: the handover job (one workflow, batch activities, each
// customer moved through its own tenure) timed from the request to the job's completion.
import { mapLimit, startStack, type Stack } from './support/stack.js';

async function repWithCustomers(stack: Stack, id: string, customers: number) {
  const token = await stack.createRep(id, { privateMax: customers + 10, dailyClaimMax: 100_000, keyMax: 10 });
  await mapLimit(Array.from({ length: customers }, (_, i) => i), 8, async (i) => {
    const c = await stack.call(stack.adminToken, 'POST', '/customers', { companyName: `Handover ${id} Customer ${i} Trading`, assign: false });
    if (c.status !== 201) throw new Error(JSON.stringify(c.body));
    // A shared, loaded machine may time a claim out; it is tried again (a retried claim of your own customer says so).
    for (let attempt = 1; ; attempt++) {
      const r = await stack.call(token, 'POST', `/customers/${c.body.id}/claim`);
      if (r.status === 200 || (r.body?.error?.code === 'CUSTOMER_OWNED' && r.body.error.details?.ownedByYou)) break;
      if (attempt >= 5 || r.status !== 503) throw new Error(`claim failed: ${JSON.stringify(r.body)}`);
    }
  });
}

async function timeHandover(stack: Stack, repId: string, body: unknown) {
  const t0 = performance.now();
  const started = await stack.call(stack.adminToken, 'POST', `/reps/${repId}/handover`, body);
  if (started.status !== 202) throw new Error(JSON.stringify(started.body));
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const job = await stack.call(stack.adminToken, 'GET', `/handovers/${started.body.id}`);
    if (job.body.status === 'completed') return { job: job.body, seconds: (performance.now() - t0) / 1000 };
  }
}

export async function runHandoverBench(customers: number) {
  const stack = await startStack();
  try {
    await stack.createRep('ho-receiver', { privateMax: customers + 10, dailyClaimMax: 100_000, keyMax: 10 });
    await repWithCustomers(stack, 'ho-leaver-1', customers);
    await repWithCustomers(stack, 'ho-leaver-2', customers);
    const rows = [];
    for (const [name, rep, body] of [
      ['to a named rep (reassign on each tenure)', 'ho-leaver-1', { to: { kind: 'rep', repId: 'ho-receiver' } }],
      ['to the pool (release on each tenure)', 'ho-leaver-2', { to: { kind: 'pool' } }],
    ] as const) {
      const { job, seconds } = await timeHandover(stack, rep, body);
      rows.push({
        handover: name,
        customers: job.total,
        time: `${seconds.toFixed(1)} s`,
        'moves/s': Math.round(job.total / seconds),
        'to reps': job.movedToReps,
        'to pool': job.toPool,
        failed: job.failed,
      });
    }
    // The caller prints the table before closing the stack: a failure while stopping must not lose it.
    return { rows, close: () => stack.close() };
  } catch (e) {
    await stack.close();
    throw e;
  }
}
