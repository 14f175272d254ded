// R13: a bulk move answers within 15 s whatever Temporal does. Its request waits for the job's start
// and then a while for the job itself (so a small move answers done); the two waits share one bound,
// so a slow start leaves less time to wait for the job, not the job's full wait on top of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifecycleClient } from '../server/lifecycle/lifecycle.client.js';
import { createHarness, type Harness } from './support/harness.js';

const SLOW_START_MS = 9_000;

let h: Harness;
beforeAll(async () => {
  // No worker: the job, once started, never finishes, so the request waits as long as it may.
  h = await createHarness({ worker: false });
  expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'bmb-to', name: 'Bulk move bound' })).status).toBe(201);
});
afterAll(() => h?.close());

describe('a bulk move whose job starts slowly', () => {
  it('answers within 15 s with the job in progress', async () => {
    const slow: LifecycleClient = {
      ...h.lifecycle,
      startHandover: async (jobId) => {
        await new Promise((r) => setTimeout(r, SLOW_START_MS));
        return h.lifecycle.startHandover(jobId);
      },
    };
    const app = h.newApp({ lifecycle: slow });
    const customerId = await h.createCustomer({ companyName: 'Bulk Move Bound Trading Ltd', assign: false });
    const startedAt = Date.now();
    const res = await h.call(h.adminToken, 'POST', '/bulk-moves', { action: 'move_pool', customerIds: [customerId], poolId: 'bmb-to' }, app);
    const took = Date.now() - startedAt;
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.status).not.toBe('completed');
    expect(took).toBeGreaterThanOrEqual(SLOW_START_MS);
    expect(took).toBeLessThan(15_000);
  }, 60_000);
});
