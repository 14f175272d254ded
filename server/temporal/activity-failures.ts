// One rule for how every activity (ordinary or local) fails: domain refusals and values the
// database refuses are final, everything else (an outage, a timeout) is retried within the
// activity's bounds. A value Postgres cannot store fails the same way on every attempt, so
// retrying it would only hold the tenure's lock until the command's bound runs out.
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import { isDataException, isIntegrityViolation } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';

/** The failure an activity reports for `error`: non-retryable when retrying cannot help. */
export function activityFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof AppError) {
    return ApplicationFailure.create({ message: error.message, type: error.code, nonRetryable: true, details: [error.details ?? {}] });
  }
  const sqlstate = (error as { code?: unknown } | null)?.code;
  if (isDataException(error)) {
    return ApplicationFailure.create({
      message: `A value cannot be stored: ${(error as Error).message}.`,
      type: ErrorCode.VALIDATION_FAILED,
      nonRetryable: true,
      details: [{ sqlstate }],
    });
  }
  if (isIntegrityViolation(error)) {
    return ApplicationFailure.create({
      message: `The change conflicts with the stored data: ${(error as Error).message}.`,
      type: ErrorCode.CONFLICT,
      nonRetryable: true,
      details: [{ sqlstate }],
    });
  }
  return error;
}

const classifyFailures: ActivityInboundCallsInterceptor = {
  async execute(input, next) {
    try {
      return await next(input);
    } catch (e) {
      throw activityFailure(e);
    }
  },
};

export const activityFailureInterceptors: ActivityInterceptorsFactory = () => ({ inbound: classifyFailures });
