// The API's side of the lifecycle workflow: claims by update-with-start, other commands by update,
// and Temporal failures translated into the one error vocabulary (temporal-errors.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  isGrpcServiceError,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { OwnershipResult } from '../../schemas/customers.js';
import { AppError, ErrorCode } from '../errors.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';
import {
  type AssignInput,
  type ClaimInput,
  type LifecycleInput,
  type TenureCommand,
  type TenureInput,
  type TenureResult,
  WORKFLOW_TYPE,
  assignUpdate,
  claimUpdate,
  policyChangedSignal,
  tenureCommands,
  tenureUpdates,
  workflowIdFor,
} from '../../workflows/shared.js';
import type { HandoverJobInput } from '../../workflows/handover.js';
import type { ImportJobInput } from '../../workflows/import.js';
import { handoverWorkflowId, importWorkflowId } from '../../schemas/workflow-ids.js';
import { isAbortedByTaskFailure, isTransientClaimRefusal, toAppError } from './temporal-errors.js';

// Backing off 100, 200, 400, 800 ms: a failed workflow task is retried by the server at once.
const ABORTED_UPDATE_ATTEMPTS = 5;

/**
 * Every command answers within 15 s (R13). The workflow starts a command only within
 * COMMAND_START_MS of the request (later it refuses it, so nothing runs after the caller gave up);
 * a started command's activity is bounded at 5 s; the API stops waiting at COMMAND_ANSWER_MS.
 * Retries of transient refusals (a closing tenure, an aborted update) happen within the same bounds.
 */
const COMMAND_START_MS = 8_000;
const COMMAND_ANSWER_MS = 14_000;

/** Each command on an open tenure (the list in workflows/shared.ts), sent to the customer's tenure. */
export type TenureCommandCalls = { [K in TenureCommand]: (customerId: string, input: TenureInput<K>) => Promise<TenureResult<K>> };

export interface LifecycleClient extends TenureCommandCalls {
  claim(customerId: string, input: ClaimInput): Promise<OwnershipResult>;
  /** Starts a tenure for a rep the assignment rules picked. */
  assign(customerId: string, input: AssignInput): Promise<OwnershipResult>;
  /** Tells an open tenure that a new reclaim policy is published. */
  policyChanged(customerId: string, ruleSetId: string): Promise<boolean>;
  /**
   * Starts re-deciding every open tenure's deadline under a newly published reclaim policy;
   * `timeoutMs` bounds the wait for Temporal (the outbox tries again later).
   */
  rolloutReclaimPolicy(ruleSetId: string, options?: { timeoutMs?: number }): Promise<{ workflowId: string }>;
  /** Starts a handover or bulk-move job's workflow (its items are in the database). */
  /** `answerBy` (epoch ms): when the caller stops waiting for the start (default: the command bound from now). */
  startHandover(jobId: string, answerBy?: number): Promise<{ workflowId: string }>;
  /** Waits up to `ms` for a job's workflow to finish; true when it did. */
  handoverFinished(jobId: string, ms: number): Promise<boolean>;
  /** Starts an import job's workflow (its rows are staged in the database); starting it twice starts one. */
  startImport(jobId: string): Promise<{ workflowId: string }>;
}

/** Times an awaited command by its name and outcome: ok, refused (a 4xx code) or failed (an outage, a fault). */
function timed<A extends unknown[], R>(metrics: Metrics, command: string, call: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    const stop = metrics.updateLatency.startTimer({ command });
    try {
      const result = await call(...args);
      stop({ outcome: 'ok' });
      return result;
    } catch (e) {
      stop({ outcome: e instanceof AppError && e.status < 500 ? 'refused' : 'failed' });
      throw e;
    }
  };
}

export function createLifecycleClient(
  client: Client,
  taskQueue: string,
  options: { rolloutPerSecond?: number; startMs?: number; answerMs?: number; metrics?: Metrics; handoverBatchSize?: number; importBatchSize?: number } = {},
): LifecycleClient {
  const metrics = options.metrics ?? processMetrics;
  const startMs = options.startMs ?? COMMAND_START_MS;
  const answerMs = options.answerMs ?? COMMAND_ANSWER_MS;
  /** The bounds of one command issued now. */
  const bounds = () => {
    const now = Date.now();
    return { expiresAt: now + startMs, answerBy: now + answerMs };
  };
  const notOwned = () =>
    new AppError(ErrorCode.NOT_OWNER, 'Nobody owns this customer right now; claim it from the pool first.');

  /**
   * An update on the customer's open tenure; a tenure that ended answers NOT_OWNER. An update the
   * server aborted because its workflow task failed is sent again: it was never accepted, and the
   * handler's transaction is keyed, so a second run finds its own committed work.
   */
  async function update<R, I>(customerId: string, def: UpdateDefinition<R, [I]>, input: I): Promise<R> {
    const { expiresAt, answerBy } = bounds();
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.withDeadline(answerBy, () =>
          client.workflow.getHandle(workflowIdFor(customerId)).executeUpdate(def, { args: [{ ...input, expiresAt }] }),
        );
      } catch (e) {
        if (attempt < ABORTED_UPDATE_ATTEMPTS && isAbortedByTaskFailure(e) && Date.now() + 50 * 2 ** attempt < expiresAt) {
          await sleep(50 * 2 ** attempt);
          continue;
        }
        throw toAppError(e, notOwned);
      }
    }
  }

  /** Update-with-start, retrying the refusals that settle by themselves within a moment. */
  async function startTenure<I>(customerId: string, update: typeof claimUpdate | typeof assignUpdate, input: I): Promise<OwnershipResult> {
    // A closing tenure normally ends within a workflow task or two; on an overloaded worker that
    // can take seconds, and a claim waits for it (within its bound) rather than refuse a customer
    // shown in the pool.
    const { expiresAt, answerBy } = bounds();
    for (let attempt = 0; ; attempt++) {
      try {
        const startWorkflowOperation = new WithStartWorkflowOperation<(i: LifecycleInput) => Promise<unknown>>(WORKFLOW_TYPE, {
          workflowId: workflowIdFor(customerId),
          taskQueue,
          args: [{ customerId }],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        });
        return await client.withDeadline(answerBy, () =>
          client.workflow.executeUpdateWithStart(update as typeof claimUpdate, { args: [{ ...(input as ClaimInput), expiresAt }], startWorkflowOperation }),
        );
      } catch (e) {
        const pause = Math.min(200, 10 * 1.5 ** attempt) * (0.5 + Math.random());
        if (Date.now() + pause < expiresAt && isTransientClaimRefusal(e)) {
          await sleep(pause);
          continue;
        }
        throw toAppError(e, () => new AppError(ErrorCode.CONFLICT, 'This customer is changing hands right now; try again in a moment.'));
      }
    }
  }

  const send = <K extends TenureCommand>(command: K) =>
    timed(metrics, command, (customerId: string, input: TenureInput<K>) => update(customerId, tenureUpdates[command], input));
  const commands = Object.fromEntries(tenureCommands.map((command) => [command, send(command)])) as TenureCommandCalls;

  return {
    ...commands,
    claim: timed(metrics, 'claim', (customerId: string, input: ClaimInput) => startTenure(customerId, claimUpdate, input)),
    assign: timed(metrics, 'assign', (customerId: string, input: AssignInput) => startTenure(customerId, assignUpdate, input)),
    async rolloutReclaimPolicy(ruleSetId, bound = {}) {
      const workflowId = `reclaim-policy-${ruleSetId}`;
      const start = () => client.workflow.start('reclaimPolicyRollout', { workflowId, taskQueue, args: [{ ruleSetId, perSecond: options.rolloutPerSecond ?? 100 }] });
      try {
        await (bound.timeoutMs === undefined ? start() : client.withDeadline(Date.now() + bound.timeoutMs, start));
      } catch (e) {
        // Publishing the same version twice (a retried request) starts one rollout.
        if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw toAppError(e, () => new AppError(ErrorCode.WORKFLOW_UNAVAILABLE, 'Could not start the policy rollout.'));
      }
      return { workflowId };
    },

    async startHandover(jobId, answerBy) {
      const workflowId = handoverWorkflowId(jobId);
      try {
        await client.withDeadline(answerBy ?? bounds().answerBy, () =>
          client.workflow.start('handoverJob', { workflowId, taskQueue, args: [{ jobId, ...(options.handoverBatchSize ? { batchSize: options.handoverBatchSize } : {}) } satisfies HandoverJobInput] }),
        );
      } catch (e) {
        if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw toAppError(e, () => new AppError(ErrorCode.WORKFLOW_UNAVAILABLE, 'Could not start the handover job.'));
      }
      return { workflowId };
    },

    async startImport(jobId) {
      const workflowId = importWorkflowId(jobId);
      try {
        await client.withDeadline(bounds().answerBy, () =>
          client.workflow.start('importJob', { workflowId, taskQueue, args: [{ jobId, ...(options.importBatchSize ? { batchSize: options.importBatchSize } : {}) } satisfies ImportJobInput] }),
        );
      } catch (e) {
        if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw toAppError(e, () => new AppError(ErrorCode.WORKFLOW_UNAVAILABLE, 'Could not start the import job.'));
      }
      return { workflowId };
    },

    async handoverFinished(jobId, ms) {
      try {
        await client.withDeadline(Date.now() + ms, () => client.workflow.getHandle(handoverWorkflowId(jobId)).result());
        return true;
      } catch {
        // Still running (or Temporal away): the caller answers with the progress so far.
        return false;
      }
    },

    async policyChanged(customerId, ruleSetId) {
      try {
        await client.withDeadline(bounds().answerBy, () => client.workflow.getHandle(workflowIdFor(customerId)).signal(policyChangedSignal, { ruleSetId }));
        return true;
      } catch (e) {
        // A tenure that just ended has no deadline left to re-decide.
        if (!(e instanceof WorkflowNotFoundError) && !(isGrpcServiceError(e) && e.code === grpcStatus.NOT_FOUND)) throw e;
        return false;
      }
    },
  };
}
