import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../errors.js';
import { keyedMutex } from './keyed-mutex.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('keyedMutex', () => {
  it('runs work one key at a time, and other keys beside it', async () => {
    const exclusive = keyedMutex();
    const order: string[] = [];
    const job = (key: string, name: string, ms: number) =>
      exclusive(key, async () => {
        order.push(`${name}+`);
        await sleep(ms);
        order.push(`${name}-`);
        return name;
      });
    expect(await Promise.all([job('a', 'a1', 30), job('a', 'a2', 1), job('b', 'b1', 1)])).toEqual(['a1', 'a2', 'b1']);
    expect(order.indexOf('a1-')).toBeLessThan(order.indexOf('a2+'));
    expect(order.indexOf('b1-')).toBeLessThan(order.indexOf('a1-'));
  });

  it('answers the waiters queued behind an outage with it at once, instead of one bound after another', async () => {
    const exclusive = keyedMutex();
    let runs = 0;
    const outage = new AppError(ErrorCode.TEMPORARILY_UNAVAILABLE, 'The workflow service did not answer in time; try again.');
    const slowOutage = () =>
      exclusive('customer', async () => {
        runs++;
        await sleep(200);
        throw outage;
      });
    const started = Date.now();
    const answers = await Promise.allSettled([slowOutage(), slowOutage(), slowOutage(), slowOutage()]);
    expect(answers.map((a) => (a.status === 'rejected' ? a.reason : a.value))).toEqual([outage, outage, outage, outage]);
    expect(runs).toBe(1);
    expect(Date.now() - started).toBeLessThan(400);
    // Whoever comes after it tries again.
    expect(await exclusive('customer', async () => 'served')).toBe('served');
  });

  it('lets the waiters behind a refusal (a 4xx) run their own work', async () => {
    const exclusive = keyedMutex();
    let runs = 0;
    const refusal = new AppError(ErrorCode.CUSTOMER_OWNED, 'Someone owns this customer already.');
    const answers = await Promise.allSettled(
      [0, 1, 2].map(() =>
        exclusive('customer', async () => {
          runs++;
          await sleep(10);
          throw refusal;
        }),
      ),
    );
    expect(answers.every((a) => a.status === 'rejected')).toBe(true);
    expect(runs).toBe(3);
  });
});
