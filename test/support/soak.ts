// The fault soak's pieces: its reclaim rules, small concurrency and polling helpers, and the check
// that owned rows and running tenures agree.
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { WORKFLOW_TYPE, stateQuery, workflowIdFor } from '../../workflows/shared.js';

/**
 * Reclaim rules whose deadlines fall in `buckets` steps over `spreadMs`, the first
 * `firstDeadlineAfterMs` after the claim (a customer's source picks its bucket); other tenures get an hour.
 */
export function soakReclaimRules({ spreadMs, buckets, firstDeadlineAfterMs }: { spreadMs: number; buckets: number; firstDeadlineAfterMs: number }) {
  const step = Math.floor(spreadMs / buckets);
  const claimed = { fact: 'trigger', path: '$.type', operator: 'equal', value: 'claim' };
  return {
    decision: 'reclaim',
    hitPolicy: 'collect',
    rules: [
      { name: 'won exempt', priority: 100, conditions: { all: [{ fact: 'customer', path: '$.status', operator: 'equal', value: 'won' }] }, event: { type: 'exempt', params: { reason: 'won' } } },
      ...Array.from({ length: buckets }, (_, i) => ({
        name: `soak bucket ${i}`,
        conditions: { all: [claimed, { fact: 'customer', path: '$.source', operator: 'equal', value: `soak-${i}` }] },
        event: { type: 'deadline', params: { name: 'first_follow_up', duration: `${firstDeadlineAfterMs + i * step}ms`, reason: 'no_follow_up', cooldown: '60s' } },
      })),
      // Everything else (the noise customers' tenures) has an hour.
      { name: 'noise', conditions: { all: [] }, event: { type: 'deadline', params: { name: 'follow_up', duration: '1h', reason: 'no_follow_up', cooldown: '1s' } } },
    ],
  };
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function groupCount(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** Polls until `probe` is truthy (or, with `emptyIsDone`, returns an empty array); returns its last value. */
export async function waitUntil<T>(probe: () => Promise<T>, timeoutMs: number, emptyIsDone = false): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null as T);
    const done = emptyIsDone ? Array.isArray(value) && value.length === 0 : Boolean(value);
    if (done || Date.now() > until) return value;
    await sleep(1000);
  }
}

/** Owned rows without a matching running tenure, and running tenures holding an owner the row does not have. */
export async function disagreements(db: Kysely<Database>, client: Client, taskQueue: string): Promise<string[]> {
  const owned = await db.selectFrom('customers').select(['id', 'owner_id', 'tenure_id']).where('status', '=', 'owned').execute();
  const found: string[] = [];
  const running = new Set<string>();
  for await (const w of client.workflow.list({ query: `WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}'` })) running.add(w.workflowId);
  for (const row of owned) {
    const handle = client.workflow.getHandle(workflowIdFor(row.id));
    const state = await handle.query(stateQuery).catch(() => null);
    if (!state || state.ownerId !== row.owner_id || state.tenureId !== row.tenure_id) found.push(`${row.id}: owned by ${row.owner_id}, tenure ${JSON.stringify(state && { owner: state.ownerId, tenure: state.tenureId })}`);
    running.delete(workflowIdFor(row.id));
  }
  for (const workflowId of running) {
    const state = await client.workflow.getHandle(workflowId).query(stateQuery).catch(() => null);
    if (state?.ownerId && state.ended === null) found.push(`${workflowId}: a running tenure of ${state.ownerId}, the row not owned`);
  }
  return found;
}
