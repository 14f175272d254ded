// One piece of work per key at a time in this process (a customer's claim, a dispute's decision, a
// rep's collaborations). Each run is bounded (the workflow service's answer, the database's
// statement timeout), but a queue is not: behind a run that ends in an outage (503: the workflow
// service or the database did not answer in time) each waiter would start its own bounded wait in
// turn, and the fourth of four would answer after four bounds. So a waiter that was queued when a
// run failed that way gets the same answer at once; one that arrives later tries again.
import { Mutex } from 'async-mutex';
import { isConnectionError } from '../db/errors.js';
import { AppError } from '../errors.js';

const isOutage = (e: unknown) => (e instanceof AppError ? e.status === 503 : isConnectionError(e));

/** Runs work one key at a time; entries disappear when their last waiter is done. */
export function keyedMutex() {
  const locks = new Map<string, { mutex: Mutex; waiters: number; outage: { error: unknown; at: number } | null }>();
  let clock = 0;
  return async function exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    let entry = locks.get(key);
    if (!entry) locks.set(key, (entry = { mutex: new Mutex(), waiters: 0, outage: null }));
    const lock = entry;
    lock.waiters++;
    // A logical clock, not Date.now(): two events in one millisecond stay in order.
    const arrived = ++clock;
    try {
      return await lock.mutex.runExclusive(async () => {
        if (lock.outage && lock.outage.at > arrived) throw lock.outage.error;
        try {
          return await work();
        } catch (e) {
          if (isOutage(e)) lock.outage = { error: e, at: ++clock };
          throw e;
        }
      });
    } finally {
      if (--lock.waiters === 0) locks.delete(key);
    }
  };
}
