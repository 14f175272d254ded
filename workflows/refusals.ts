// How the customer lifecycle workflow refuses a command: a non-retryable failure whose type the
// API's client maps to its answer (server/lifecycle/lifecycle.client.ts).
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';
import { ErrorCode } from '../schemas/error-codes.js';
import type { CLAIM_IN_PROGRESS, TENURE_CLOSED } from './shared.js';

export type RefusalType = ErrorCode | typeof TENURE_CLOSED | typeof CLAIM_IN_PROGRESS;

export function refuse(type: RefusalType, message: string, details: Record<string, unknown> = {}): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: [details] });
}

/**
 * Surfaces an activity's domain refusal (CAP_REACHED …) to the update caller as itself, and an
 * activity that ran out of its bounds (the database not answering) as TEMPORARILY_UNAVAILABLE.
 */
export async function unwrap<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof ActivityFailure && e.cause instanceof ApplicationFailure && e.cause.nonRetryable) throw e.cause;
    if (e instanceof ActivityFailure && (e.cause instanceof TimeoutFailure || e.cause instanceof ApplicationFailure)) {
      refuse(ErrorCode.TEMPORARILY_UNAVAILABLE, 'The command could not be completed in time (the database did not answer); check the customer and try again.', {
        cause: e.cause.message,
      });
    }
    throw e;
  }
}
