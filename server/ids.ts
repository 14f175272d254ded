// Record ids: UUIDv7 (time-ordered, so ids made in one millisecond still sort in the order they
// were made, as uuid's own v7() keeps them). uuid draws 16 random bytes through Web Crypto for
// every id, which costs microseconds a call and showed as the largest CPU cost of an import batch
// (bench/import.bench.ts); here the random bytes come from a pool refilled 256 ids at a time.
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const BYTES = 16;
const pool = new Uint8Array(BYTES * 256);
let at = pool.length;
/** The last id's millisecond and counter (RFC 9562 §6.2, method 1, as uuid's v7() keeps them). */
let msecs = -Infinity;
let seq = 0;

export function newId(): string {
  if (at === pool.length) {
    randomFillSync(pool);
    at = 0;
  }
  const random = pool.subarray(at, (at += BYTES));
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    // A random start below 2^31 leaves room to count up within the millisecond.
    seq = ((random[6]! << 23) | (random[7]! << 16) | (random[8]! << 8) | random[9]!) >>> 1;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) msecs++;
  }
  return v7({ random, msecs, seq });
}
