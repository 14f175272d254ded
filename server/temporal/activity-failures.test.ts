// Which activity failures are final: refusals and values the database refuses; not outages.
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../errors.js';
import { activityFailure, customerIdOf } from './activity-failures.js';
import { logFields } from './logging.js';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('activityFailure', () => {
  it('makes a domain refusal final, typed by its code, with its details', () => {
    const f = activityFailure(new AppError(ErrorCode.CAP_REACHED, 'cap', { cap: 3 })) as ApplicationFailure;
    expect(f).toBeInstanceOf(ApplicationFailure);
    expect(f).toMatchObject({ type: 'CAP_REACHED', nonRetryable: true, message: 'cap', details: [{ cap: 3 }] });
  });

  it('marks a domain refusal BENIGN (logged at debug by the SDK), a fault of our own not', () => {
    for (const code of [ErrorCode.CAP_REACHED, ErrorCode.ILLEGAL_TRANSITION, ErrorCode.KEY_CAP_REACHED, ErrorCode.NOT_OWNER]) {
      expect((activityFailure(new AppError(code, 'no')) as ApplicationFailure).category).toBe(ApplicationFailureCategory.BENIGN);
    }
    expect((activityFailure(new AppError(ErrorCode.INTERNAL, 'bug')) as ApplicationFailure).category).toBeUndefined();
    expect((activityFailure(pgError('22P02', 'bad json')) as ApplicationFailure).category).toBeUndefined();
  });

  it('makes every SQLSTATE class 22 data exception a final VALIDATION_FAILED', () => {
    for (const code of ['22P02', '22003', '22021', '22007', '22P05']) {
      const f = activityFailure(pgError(code, 'invalid input syntax for type json')) as ApplicationFailure;
      expect(f).toMatchObject({ type: 'VALIDATION_FAILED', nonRetryable: true, details: [{ sqlstate: code }] });
      // The database's own words (table, column and constraint names) stay in the log.
      expect(f.message).not.toMatch(/json|syntax/);
    }
  });

  it('makes every SQLSTATE class 23 integrity violation a final CONFLICT', () => {
    for (const code of ['23505', '23503', '23514', '23502']) {
      const f = activityFailure(pgError(code, 'duplicate key value violates unique constraint "quotes_pkey"')) as ApplicationFailure;
      expect(f).toMatchObject({ type: 'CONFLICT', nonRetryable: true });
      expect(f.message).not.toMatch(/quotes_pkey|constraint/);
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

describe('the SDK\'s log lines about an activity', () => {
  it('name the customer from the activity input', () => {
    expect(customerIdOf([{ customerId: 'c1', tenureId: 't' }])).toBe('c1');
    expect(customerIdOf([{ deliveryId: 'd1' }])).toBeUndefined();
    expect(customerIdOf([])).toBeUndefined();
  });

  it('carry the error under pino\'s err key, so its message and stack are logged', () => {
    const error = new Error('connect ECONNREFUSED');
    expect(logFields({ error, durationMs: 3, workflowId: 'w' })).toEqual({ err: error, durationMs: 3, workflowId: 'w' });
    expect(logFields(undefined)).toEqual({});
  });
});
