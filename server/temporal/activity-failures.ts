// One rule for how every activity (ordinary or local) fails: domain refusals and values the
// database refuses are final, everything else (an outage, a timeout) is retried within the
// activity's bounds. A value Postgres cannot store fails the same way on every attempt, so
// retrying it would only hold the tenure's lock until the command's bound runs out.
// Domain refusals (a cap reached, an illegal move) are answers, not faults: they are BENIGN, which
// the SDK logs at debug instead of as an "Activity failed" warning and leaves out of its failure
// metrics. Every other failure is warned about with the customer's id beside the workflow's.
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { isDataException, isIntegrityViolation, refusedValueWords } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';

/** The failure an activity reports for `error`: non-retryable when retrying cannot help. */
export function activityFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof AppError) {
    // A refusal (4xx) is an answer; an AppError of the server's own (5xx) is a fault worth a warning.
    const refusal = error.status < 500;
    return ApplicationFailure.create({
      message: error.message,
      type: error.code,
      nonRetryable: true,
      details: [error.details ?? {}],
      ...(refusal ? { category: ApplicationFailureCategory.BENIGN } : {}),
    });
  }
  const sqlstate = (error as { code?: unknown } | null)?.code;
  if (isDataException(error)) {
    return ApplicationFailure.create({
      message: `A value cannot be stored: ${refusedValueWords(error)}; nothing was changed.`,
      type: ErrorCode.VALIDATION_FAILED,
      nonRetryable: true,
      details: [{ sqlstate }],
    });
  }
  if (isIntegrityViolation(error)) {
    return ApplicationFailure.create({
      message: `The change conflicts with the stored data: ${refusedValueWords(error)}; nothing was changed.`,
      type: ErrorCode.CONFLICT,
      nonRetryable: true,
      details: [{ sqlstate }],
    });
  }
  return error;
}

/** The customer an activity works on, from its input (`{ customerId }` for every tenure activity). */
export function customerIdOf(args: readonly unknown[]): string | undefined {
  const id = (args[0] as { customerId?: unknown } | null | undefined)?.customerId;
  return typeof id === 'string' ? id : undefined;
}

export const activityFailureInterceptors: ActivityInterceptorsFactory = () => {
  let customerId: string | undefined;
  return {
    inbound: {
      async execute(input, next) {
        customerId = customerIdOf(input.args);
        try {
          return await next(input);
        } catch (e) {
          throw activityFailure(e);
        }
      },
    },
    // The SDK's own lines about this activity ("Activity failed") name the customer as well.
    outbound: {
      getLogAttributes: (attributes, next) => next(customerId ? { ...attributes, customerId } : attributes),
    },
  };
};
