// R13: a request that committed events (a dispute, a handover, a rep's change) waits for Temporal to
// start their webhook deliveries and chat robots at most a few seconds in all, never the client's
// own retries (about 18 s per start when Temporal is unreachable) times the number of events; what did
// not start is left to the worker's sweep. With Temporal up, every one is started.
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterCommitDispatch } from '../server/temporal/after-commit-dispatch.js';
import type { EmitResult } from '../server/notifications/emit.js';
import { webhookWorkflowIdFor } from '../workflows/webhook-delivery-policy.js';
import { robotWorkflowIdFor } from '../workflows/robot-channel-policy.js';
import { createHarness, type Harness } from './support/harness.js';
import { freePort } from './support/service-process.js';

const emitted = (deliveryIds: string[], chatChannelIds: string[]): EmitResult => ({ notifications: [], skipped: [], deliveryIds, chatChannelIds });

let h: Harness;
beforeAll(async () => {
  // No worker: the started workflows only have to exist.
  h = await createHarness({ worker: false });
});
afterAll(() => h?.close());

describe('after a commit', () => {
  it('gives up on an unreachable Temporal within its bound, however many events were committed, and never throws', async () => {
    const connection = await Connection.connect({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 500 }).catch(() => null);
    // Connecting fails at once; a lazy connection is what a process has once Temporal goes away.
    const client = new Client({ connection: connection ?? Connection.lazy({ address: `127.0.0.1:${await freePort()}` }) });
    const dispatch = afterCommitDispatch({ client, taskQueue: 'nobody-polls', boundMs: 2_000 });
    const startedAt = Date.now();
    await dispatch([emitted(['acd-d1', 'acd-d2'], ['acd-c1']), emitted(['acd-d3'], ['acd-c2']), emitted(['acd-d4'], [])]);
    // The bound is the wait's, not only each call's: the client's retries back off past a deadline.
    expect(Date.now() - startedAt).toBeLessThan(2_700);
  }, 60_000);

  it('starts every delivery and wakes every channel once with Temporal up, events merged', async () => {
    const dispatch = afterCommitDispatch({ client: h.client, taskQueue: h.taskQueue });
    const run = `${Date.now()}`;
    const deliveries = [`acd-${run}-1`, `acd-${run}-2`];
    const channels = [`acd-${run}-c`];
    await dispatch([emitted(deliveries, channels), emitted([deliveries[0]!], channels)]);
    for (const id of [...deliveries.map(webhookWorkflowIdFor), ...channels.map(robotWorkflowIdFor)]) {
      const described = await h.client.workflow.getHandle(id).describe().catch((e: unknown) => (e instanceof WorkflowNotFoundError ? null : Promise.reject(e)));
      expect(described?.status.name, id).toBe('RUNNING');
      await h.client.workflow.getHandle(id).terminate('test over');
    }
  });
});
