// Which activity failures are final: refusals and values the database refuses; not outages.
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../errors.js';
import { activityFailure } from './activity-failures.js';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('activityFailure', () => {
  it('makes a domain refusal final, typed by its code, with its details', () => {
    const f = activityFailure(new AppError(ErrorCode.CAP_REACHED, 'cap', { cap: 3 })) as ApplicationFailure;
    expect(f).toBeInstanceOf(ApplicationFailure);
    expect(f).toMatchObject({ type: 'CAP_REACHED', nonRetryable: true, message: 'cap', details: [{ cap: 3 }] });
  });

  it('makes every SQLSTATE class 22 data exception a final VALIDATION_FAILED', () => {
    for (const code of ['22P02', '22003', '22021', '22007', '22P05']) {
      const f = activityFailure(pgError(code, 'invalid input syntax for type json')) as ApplicationFailure;
      expect(f).toMatchObject({ type: 'VALIDATION_FAILED', nonRetryable: true, details: [{ sqlstate: code }] });
    }
  });

  it('makes every SQLSTATE class 23 integrity violation a final CONFLICT', () => {
    for (const code of ['23505', '23503', '23514', '23502']) {
      expect(activityFailure(pgError(code, 'violates a constraint'))).toMatchObject({ type: 'CONFLICT', nonRetryable: true });
    }
  });

  it('leaves outages and everything else to be retried within the activity bounds', () => {
    for (const e of [pgError('ECONNREFUSED', 'connect ECONNREFUSED'), pgError('57P01', 'terminating connection'), pgError('40001', 'serialization failure'), new Error('Connection terminated unexpectedly')]) {
      expect(activityFailure(e)).toBe(e);
    }
    const already = ApplicationFailure.retryable('try again', 'X');
    expect(activityFailure(already)).toBe(already);
  });
});
