// What the worker logs about failed activities: a domain refusal (an illegal stage move) is an
// answer, not a warning; a real failure (the database gone when a deadline reclaims) is warned
// about with the customer's and the workflow's ids. The Temporal runtime is installed once per
// process, so this file installs it first, with a logger it reads.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { installTemporalLogging } from '../server/temporal/logging.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

interface Line {
  level: number;
  msg: string;
  customerId?: string;
  workflowId?: string;
  activityType?: string;
  err?: { message: string; type?: string };
}
const lines: Line[] = [];
const WARN = 40;
const DEBUG = 20;

let h: Harness;
beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  installTemporalLogging(pino({ level: 'debug' }, sink));
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '2s' }), databaseProxy: true });
});
afterAll(() => h?.close());

const failedActivity = (customerId: string) => lines.filter((l) => l.msg === 'Activity failed' && l.customerId === customerId);

it('logs a refused stage move at debug, not as an "Activity failed" warning', async () => {
  const rep = await h.createRep();
  const id = await h.createCustomer();
  expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
  const refused = await h.call(rep.token, 'POST', `/customers/${id}/costing`, {});
  expect(refused.body.error.code).toBe('ILLEGAL_TRANSITION');

  // The refusal came from the activity (the SDK saw it fail) and was told at debug only.
  const seen = await h.waitFor(async () => failedActivity(id).find((l) => l.activityType === 'moveStage'), 5_000);
  expect(seen).toMatchObject({ level: DEBUG, workflowId: expect.stringContaining(id), err: { message: expect.stringMatching(/costing/i) } });
  expect(failedActivity(id).filter((l) => l.level >= WARN)).toEqual([]);
  // Nor does anything else warn about it (the workflow's update answers the refusal as it should).
  expect(lines.filter((l) => l.level >= WARN && JSON.stringify(l).includes(id))).toEqual([]);
});

it('warns about an activity that really failed, with the customer and workflow ids and the error', async () => {
  const rep = await h.createRep();
  const id = await h.createCustomer();
  expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
  // The database goes away before the deadline: the reclaim's activity fails and is retried.
  h.proxy!.cut();
  try {
    const warning = await h.waitFor(async () => failedActivity(id).find((l) => l.level === WARN), 15_000);
    expect(warning).toMatchObject({ customerId: id, workflowId: expect.stringContaining(id), err: { message: expect.any(String) } });
  } finally {
    h.proxy!.resume();
  }
  // Once the database is back the retry reclaims the customer.
  await h.waitFor(async () => (await h.customerRow(id)).status === 'pool', 20_000, 100);
}, 45_000);
