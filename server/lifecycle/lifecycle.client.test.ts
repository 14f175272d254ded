// How failures from the lifecycle workflow become API errors.
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure, TimeoutType } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../errors.js';
import { toAppError } from './lifecycle.client.js';

const gone = () => new AppError(ErrorCode.NOT_OWNER, 'gone');
const fromActivity = (cause: Error) =>
  new WorkflowUpdateFailedError('Workflow Update failed', new ActivityFailure('Activity task failed', 'recordFollowUp', '1', RetryState.NON_RETRYABLE_FAILURE, 'w', cause));

describe('toAppError', () => {
  it('keeps a domain refusal from an activity as its own code and details', () => {
    const e = toAppError(fromActivity(ApplicationFailure.create({ type: 'CAP_REACHED', message: 'cap', nonRetryable: true, details: [{ cap: 3, count: 3 }] })), gone);
    expect(e).toMatchObject({ code: 'CAP_REACHED', details: { cap: 3, count: 3 } });
  });

  it('names every cause of an unexpected failure, so an operator can find it', () => {
    const e = toAppError(fromActivity(new TimeoutFailure('activity StartToClose timeout', undefined, TimeoutType.START_TO_CLOSE)), gone);
    expect(e.code).toBe(ErrorCode.INTERNAL);
    expect(String(e.details?.cause)).toMatch(/^WorkflowUpdateFailedError: Workflow Update failed ← ActivityFailure: Activity task failed ← TimeoutFailure: activity StartToClose timeout$/);
  });
});
