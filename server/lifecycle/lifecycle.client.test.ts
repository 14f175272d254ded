// How failures from the lifecycle workflow become API errors.
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure, TimeoutType } from '@temporalio/common';
import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../errors.js';
import { createLifecycleClient } from './lifecycle.client.js';
import { isAbortedByTaskFailure, toAppError } from './temporal-errors.js';
import { tenureCommands } from '../../workflows/shared.js';

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

const grpc = (code: status, details: string) => Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata: new Metadata() });

describe('toAppError for a command that ran out of time or reached no one', () => {
  it('answers TEMPORARILY_UNAVAILABLE when the command was not answered within its bound', () => {
    expect(toAppError(new WorkflowUpdateRPCTimeoutOrCancelledError('timed out', { cause: grpc(status.DEADLINE_EXCEEDED, 'Deadline exceeded') }), gone).code).toBe(ErrorCode.TEMPORARILY_UNAVAILABLE);
    // However deep the client wraps the gRPC status.
    expect(toAppError(new ServiceError('start failed', { cause: grpc(status.DEADLINE_EXCEEDED, 'Deadline exceeded') }), gone).code).toBe(ErrorCode.TEMPORARILY_UNAVAILABLE);
    expect(toAppError(grpc(status.RESOURCE_EXHAUSTED, 'too many in-flight updates'), gone).code).toBe(ErrorCode.TEMPORARILY_UNAVAILABLE);
  });

  it('answers WORKFLOW_UNAVAILABLE when Temporal does not answer, and TEMPORARILY_UNAVAILABLE for an update aborted for good', () => {
    expect(toAppError(new ServiceError('start failed', { cause: grpc(status.UNAVAILABLE, 'connection refused') }), gone).code).toBe(ErrorCode.WORKFLOW_UNAVAILABLE);
    const aborted = grpc(status.FAILED_PRECONDITION, 'Unable to perform workflow execution update due to unexpected workflow task failure.');
    expect(toAppError(new ServiceError('Workflow Update failed', { cause: aborted }), gone).code).toBe(ErrorCode.TEMPORARILY_UNAVAILABLE);
  });

  it('keeps a refusal the workflow made because the caller had stopped waiting', () => {
    const refused = new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type: 'TEMPORARILY_UNAVAILABLE', message: 'busy', nonRetryable: true }));
    expect(toAppError(refused, gone)).toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE', message: 'busy', status: 503 });
  });
});

describe('an update the server rejected unprocessed', () => {
  // What the server answers when the workflow task that carried the update completed without it
  // (seen under a burst of commands on one customer, beside "unprocessed protocol messages").
  const unprocessed = () =>
    new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ message: "Workflow Update is rejected because it wasn't processed by worker. Probably, Workflow Update is not supported by the worker.", nonRetryable: true }),
    );

  it('is sent again like an aborted one (it was never accepted), and answered 503 if it keeps happening, never 500', () => {
    expect(isAbortedByTaskFailure(unprocessed())).toBe(true);
    expect(toAppError(unprocessed(), gone).code).toBe(ErrorCode.TEMPORARILY_UNAVAILABLE);
    // A rejection the workflow made itself is not.
    expect(isAbortedByTaskFailure(new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type: 'NOT_OWNER', message: 'no' })))).toBe(false);
  });
});

describe('isAbortedByTaskFailure', () => {
  it('recognises an update the server aborted because its workflow task failed', () => {
    const aborted = grpc(status.FAILED_PRECONDITION, 'Unable to perform workflow execution update due to unexpected workflow task failure.');
    expect(isAbortedByTaskFailure(new ServiceError('Workflow Update failed', { cause: aborted }))).toBe(true);
    expect(isAbortedByTaskFailure(aborted)).toBe(true);
    const failedState = grpc(status.FAILED_PRECONDITION, 'Unable to perform workflow execution update due to Workflow Task in failed state.');
    expect(isAbortedByTaskFailure(new ServiceError('Workflow Update failed', { cause: failedState }))).toBe(true);
  });

  it('leaves every other failure alone', () => {
    expect(isAbortedByTaskFailure(new ServiceError('Workflow Update failed', { cause: grpc(status.FAILED_PRECONDITION, 'workflow execution already completed') }))).toBe(false);
    expect(isAbortedByTaskFailure(new ServiceError('Workflow Update failed', { cause: grpc(status.NOT_FOUND, 'unexpected workflow task failure') }))).toBe(false);
    expect(isAbortedByTaskFailure(fromActivity(ApplicationFailure.create({ type: 'NOT_OWNER', message: 'no' })))).toBe(false);
  });
});

describe('createLifecycleClient', () => {
  it('sends each command on an open tenure as the update of the same name, to the customer\'s workflow', async () => {
    const sent: { workflowId: string; update: string; input: Record<string, unknown> }[] = [];
    const client = {
      withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn(),
      workflow: {
        getHandle: (workflowId: string) => ({
          executeUpdate: async (def: { name: string }, { args }: { args: [Record<string, unknown>] }) => {
            sent.push({ workflowId, update: def.name, input: args[0] });
            return { ok: true };
          },
        }),
      },
    };
    const lifecycle = createLifecycleClient(client as never, 'queue');
    for (const command of tenureCommands) expect(await lifecycle[command]('c1', { actorId: 'a' } as never)).toEqual({ ok: true });
    // The update names are part of every recorded history: renaming one breaks running tenures.
    expect(sent.map((s) => s.update)).toEqual(['recordFollowUp', 'release', 'moveStage', 'submitQuote', 'decideApproval', 'markWon', 'setKey', 'reassign', 'absorb']);
    expect(sent.every((s) => s.workflowId === 'customer-c1' && s.input.actorId === 'a' && typeof s.input.expiresAt === 'number')).toBe(true);
  });
});
