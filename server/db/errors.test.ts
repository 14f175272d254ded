import { describe, expect, it } from 'vitest';
import { isConnectionError } from './errors.js';

describe('isConnectionError', () => {
  it('recognises an unreachable, stalled or self-protecting database', () => {
    for (const e of [
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated due to connection timeout'),
      new Error('Connection terminated unexpectedly'),
      new Error('Query read timeout'),
      new Error('Client has encountered a connection error and is not queryable'),
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ]) {
      expect(isConnectionError(e), e.message).toBe(true);
    }
  });

  it('leaves the request’s own faults and the server’s bugs alone', () => {
    for (const e of [
      Object.assign(new Error('duplicate key value'), { code: '23505' }),
      Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }),
      Object.assign(new Error('column "x" does not exist'), { code: '42703' }),
      new Error('something else'),
      null,
    ]) {
      expect(isConnectionError(e)).toBe(false);
    }
  });
});
