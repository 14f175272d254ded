// What Temporal throws at a lifecycle command, as AppErrors, and which refusals settle by themselves in a moment.
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { status as grpcStatus } from '@grpc/grpc-js';
import { AppError, ErrorCode } from '../errors.js';
import { CLAIM_IN_PROGRESS, TENURE_CLOSED } from '../../workflows/shared.js';

const knownCodes = new Set<string>(Object.values(ErrorCode));

/** Maps what Temporal throws to an AppError; `whenGone` describes a tenure that no longer runs. */
export function toAppError(error: unknown, whenGone: () => AppError): AppError {
  if (error instanceof AppError) return error;
  let cause: unknown = error;
  if (cause instanceof WorkflowUpdateFailedError) cause = cause.cause;
  if (cause instanceof ActivityFailure) cause = cause.cause;
  if (cause instanceof ApplicationFailure && cause.type) {
    if (cause.type === TENURE_CLOSED || cause.type === CLAIM_IN_PROGRESS) return whenGone();
    if (knownCodes.has(cause.type)) {
      const details = cause.details?.[0];
      return new AppError(
        cause.type as ErrorCode,
        cause.message,
        details && typeof details === 'object' ? (details as Record<string, unknown>) : undefined,
      );
    }
  }
  if (error instanceof WorkflowNotFoundError) return whenGone();
  if (isAbortedByTaskFailure(error)) {
    return new AppError(ErrorCode.TEMPORARILY_UNAVAILABLE, 'The command could not be completed (its workflow task kept failing); check the customer and try again shortly.');
  }
  // The client wraps gRPC errors (ServiceError, …): the status is on the first one in the chain.
  const grpc = grpcErrorIn(error);
  if (grpc?.code === grpcStatus.NOT_FOUND) return whenGone();
  if (grpc?.code === grpcStatus.UNAVAILABLE) {
    return new AppError(ErrorCode.WORKFLOW_UNAVAILABLE, 'The workflow service is unavailable; try again shortly.');
  }
  if (
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    (grpc !== null && [grpcStatus.DEADLINE_EXCEEDED, grpcStatus.RESOURCE_EXHAUSTED, grpcStatus.CANCELLED].includes(grpc.code))
  ) {
    return new AppError(
      ErrorCode.TEMPORARILY_UNAVAILABLE,
      'The command could not be completed in time (the workflow worker may be down or overloaded); check the customer and try again shortly.',
    );
  }
  return new AppError(ErrorCode.INTERNAL, 'The lifecycle command failed unexpectedly.', { cause: causeChain(error) });
}

function grpcErrorIn(error: unknown): { code: number } | null {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e)) return e;
  }
  return null;
}

/** "Workflow Update failed ← Activity task failed ← …": what an operator needs to find the fault. */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e && parts.length < 6; e = (e as { cause?: unknown }).cause) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
  return parts.join(' ← ');
}

/**
 * Refusals that resolve by themselves in a moment: another claim deciding, a tenure closing, or
 * an update the server aborted because its workflow task failed (the keyed transaction finds any
 * work that attempt committed).
 */
export const isTransientClaimRefusal = (e: unknown) => {
  let cause: unknown = e instanceof WorkflowUpdateFailedError ? e.cause : e;
  if (cause instanceof ActivityFailure) cause = cause.cause;
  return (
    (cause instanceof ApplicationFailure && (cause.type === TENURE_CLOSED || cause.type === CLAIM_IN_PROGRESS)) ||
    (isGrpcServiceError(e) && e.code === grpcStatus.NOT_FOUND) ||
    isAbortedByTaskFailure(e)
  );
};

/**
 * The server aborts an in-flight update when the workflow task carrying it fails, e.g. when that
 * task also closes the run (release, reassignment) while a signal arrives (UnhandledCommand), and
 * refuses new ones until the retried task succeeds; and it rejects an update that a completed
 * workflow task did not take up (a burst of commands on one customer: "unprocessed protocol
 * messages"). Either way the update was never accepted, so it may be sent again.
 */
export function isAbortedByTaskFailure(e: unknown): boolean {
  const cause: unknown = e instanceof Error && !isGrpcServiceError(e) ? e.cause : e;
  if (e instanceof WorkflowUpdateFailedError && cause instanceof ApplicationFailure && !cause.type && /wasn't processed by worker/i.test(cause.message)) return true;
  return isGrpcServiceError(cause) && cause.code === grpcStatus.FAILED_PRECONDITION && /unexpected workflow task failure|workflow task in failed state/i.test(cause.details || cause.message);
}
