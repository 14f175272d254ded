// Message definitions and types shared by the customer lifecycle workflow and its callers.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType, type UpdateDefinition } from '@temporalio/common';
import type { Grade } from '../schemas/common.js';
import type { OwnershipResult } from '../schemas/customers.js';
import type { QuoteBody } from '../schemas/lifecycle.js';
import type { ApprovalDecided, PendingApproval, QuoteSubmitted } from '../schemas/quotes.js';

export type { PendingApproval };

export const WORKFLOW_TYPE = 'customerLifecycle';
export { workflowIdFor } from '../schemas/workflow-ids.js';

/** Search attributes kept current so operators can query tenures in the Temporal UI and CLI. */
export const StageAttribute = defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD);
export const OwnerAttribute = defineSearchAttributeKey('Owner', SearchAttributeType.KEYWORD);
export const DeadlineAttribute = defineSearchAttributeKey('Deadline', SearchAttributeType.DATETIME);
export const searchAttributeKeys = [StageAttribute, OwnerAttribute, DeadlineAttribute];

/**
 * Failure type the workflow uses while a tenure is closing; callers retry with a new tenure. This
 * and CLAIM_IN_PROGRESS the client resolves itself; every other refusal is an ErrorCode.
 */
export const TENURE_CLOSED = 'TENURE_CLOSED';
/**
 * Failure type of a claim that arrives while another claim of the same customer is deciding.
 * Refused in the validator (no history, no in-flight update); callers retry shortly and then get
 * the real answer (owned, or theirs if the first claim was refused).
 */
export const CLAIM_IN_PROGRESS = 'CLAIM_IN_PROGRESS';

/**
 * Every command carries the moment its caller stops waiting (epoch ms, set by the API). A command
 * that cannot start by then (the tenure busy with another one) is refused with
 * TEMPORARILY_UNAVAILABLE instead of running after the caller was told it failed.
 */
export interface CommandBound {
  expiresAt?: number | undefined;
  /**
   * The owner the caller saw, for a command decided earlier on another's behalf (a handover or
   * bulk-move job planned before it runs): a tenure another rep owns by then refuses it
   * (NOT_OWNER), nothing changed, rather than release or move the new owner's customer.
   */
  expectOwnerId?: string | undefined;
}

export interface ClaimInput extends CommandBound {
  repId: string;
}
export interface AssignInput extends CommandBound {
  repId: string;
  /** Why the assignment rules chose this rep (recorded on the event). */
  reason: string;
  details?: Record<string, unknown>;
  /** Who decided it when not the rules (a manager upholding a dispute), recorded as the actor. */
  actorId?: string;
  /** A manager's decision overrides the rep's cooldown for this customer, as a reassignment does. */
  overrideCooldown?: boolean;
}
export interface FollowUpInput extends CommandBound {
  repId: string;
  /** Set when the rep is not the owner but a collaborator (a manager collaborating: 'manager'). */
  actorRole?: 'collaborator' | 'manager' | undefined;
  kind: string;
  note?: string | undefined;
  occurredAt: string;
  grade?: Grade | undefined;
  expectedCloseDays?: number | undefined;
  noDemand?: boolean | undefined;
}
export interface ReleaseInput extends CommandBound {
  /** Who releases: the owner, or a manager/admin acting for them. */
  actorId: string;
  reason: string;
  /** The handover or bulk-move job releasing it, kept on the ownership event: a retry of the job knows its own move. */
  jobId?: string;
}

export type TenureEnd = 'not_claimed' | 'not_assigned' | 'released' | 'reclaimed' | 'won' | 'reassigned' | 'merged';


export interface StageInput extends CommandBound {
  actorId: string;
  move: 'inquiry' | 'costing' | 'sample';
  note?: string | undefined;
  details?: Record<string, unknown>;
}
export interface QuoteInput extends CommandBound {
  actorId: string;
  body: QuoteBody;
}
export type QuoteOutcome = QuoteSubmitted;
export interface ApprovalInput extends CommandBound {
  quoteId: string;
  approverId: string;
  approve: boolean;
  comment?: string | undefined;
  /** The level the approver was shown: a retry answers it again, a level decided meanwhile is refused. */
  level?: number | undefined;
}
export type ApprovalOutcome = ApprovalDecided;
export interface WonInput extends CommandBound {
  actorId: string;
  orderValueUsd?: number | undefined;
  note?: string | undefined;
}
export interface KeyInput extends CommandBound {
  actorId: string;
  key: boolean;
}
export interface ReassignInput extends CommandBound {
  actorId: string;
  toRepId: string;
  reason: string;
  /** As ReleaseInput's. */
  jobId?: string;
}
export interface AbsorbInput extends CommandBound {
  actorId: string;
  intoId: string;
}

export interface LifecycleState {
  customerId: string;
  tenureId: string;
  ownerId: string | null;
  stage: string | null;
  grade: Grade | null;
  /** Epoch milliseconds of the next deadline. */
  deadline: number | null;
  deadlineKind: string | null;
  /** Reason recorded if the deadline reclaims the customer, and the former owner's cooldown. */
  deadlineReason?: string | null;
  cooldownMs?: number | null;
  /** Where a reclaim by the current deadline sends the customer (null: its pool). */
  reclaimPool?: string | null;
  /** When the owner is warned before the current deadline. */
  warnAt?: number | null;
  /** The quote level waiting for approval, if any. */
  approval?: PendingApproval | null;
  /** Commands applied in this tenure; part of every activity's idempotency key. */
  seq: number;
  ended: TenureEnd | null;
}

export interface LifecycleInput {
  customerId: string;
  /** Present when continuing as new: the state to carry into the new run. */
  carry?: LifecycleState;
  /** A new tenure the assignment rules gave to a rep (after a reclaim). */
  assignTo?: AssignInput;
}

/**
 * The commands on an open tenure, each an update named as its key: the one list the API's client
 * (server/lifecycle/lifecycle.client.ts) sends and the workflow wires to the Tenure's methods.
 */
export interface TenureCommandTypes {
  recordFollowUp: { input: FollowUpInput; result: OwnershipResult };
  release: { input: ReleaseInput; result: OwnershipResult };
  moveStage: { input: StageInput; result: OwnershipResult };
  submitQuote: { input: QuoteInput; result: QuoteOutcome };
  decideApproval: { input: ApprovalInput; result: ApprovalOutcome };
  markWon: { input: WonInput; result: OwnershipResult };
  setKey: { input: KeyInput; result: OwnershipResult };
  reassign: { input: ReassignInput; result: OwnershipResult };
  absorb: { input: AbsorbInput; result: { survivorId: string } };
}
export type TenureCommand = keyof TenureCommandTypes;
export type TenureInput<K extends TenureCommand> = TenureCommandTypes[K]['input'];
export type TenureResult<K extends TenureCommand> = TenureCommandTypes[K]['result'];
type TenureUpdate<K extends TenureCommand> = UpdateDefinition<TenureResult<K>, [TenureInput<K>], K>;
const tenureUpdate = <K extends TenureCommand>(name: K) => defineUpdate<TenureResult<K>, [TenureInput<K>], K>(name);

// In this order the workflow registers them (and so dispatches updates that arrived before).
export const tenureUpdates: { [K in TenureCommand]: TenureUpdate<K> } = {
  recordFollowUp: tenureUpdate('recordFollowUp'),
  release: tenureUpdate('release'),
  moveStage: tenureUpdate('moveStage'),
  submitQuote: tenureUpdate('submitQuote'),
  decideApproval: tenureUpdate('decideApproval'),
  markWon: tenureUpdate('markWon'),
  setKey: tenureUpdate('setKey'),
  reassign: tenureUpdate('reassign'),
  absorb: tenureUpdate('absorb'),
};
export const tenureCommands = Object.keys(tenureUpdates) as TenureCommand[];
// Tests send these two directly.
export const { moveStage: moveStageUpdate, submitQuote: submitQuoteUpdate } = tenureUpdates;

/** Claims and assignments start a tenure (update-with-start), so they sit outside that list. */
export const claimUpdate = defineUpdate<OwnershipResult, [ClaimInput]>('claim');
export const assignUpdate = defineUpdate<OwnershipResult, [AssignInput]>('assign');
export const stateQuery = defineQuery<LifecycleState>('state');
/** Sent to open tenures after a new reclaim policy is published: re-decide the deadline. */
export const policyChangedSignal = defineSignal<[{ ruleSetId: string }]>('policyChanged');
