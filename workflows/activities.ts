// The activities the workflows call, declared as interfaces: the workflows own this contract and
// the worker's implementations (server/temporal/) satisfy it, so workflow code imports no server code.
import type { OwnershipResult } from '../schemas/customers.js';
import type { QuoteBody } from '../schemas/lifecycle.js';
import type { ApprovalDecision, QuoteSubmission } from '../schemas/quotes.js';
import type { AssignInput, FollowUpInput, StageInput } from './shared.js';
import type { AttemptOutcome } from './webhook-delivery-policy.js';
import type { RobotOutcome, RobotPlan } from './robot-channel-policy.js';

/** Every tenure activity names the tenure it belongs to and is idempotent by its key. */
export interface Keyed {
  customerId: string;
  tenureId: string;
  idempotencyKey: string;
}

export interface Owned extends Keyed {
  ownerId: string;
}

export type ReclaimInput = Keyed & {
  ownerId: string;
  deadline: number;
  deadlineKind: string | null;
  reason?: string | null;
  cooldownMs?: number | null;
  pool?: string | null;
};

export interface WarnInput {
  customerId: string;
  tenureId: string;
  ownerId: string;
  deadline: number;
  deadlineKind: string | null;
  to: 'owner' | 'manager';
}

/** The customer lifecycle's writes: one transaction each, refusals as non-retryable failures. */
export interface TenureActivities {
  claimCustomer(input: Keyed & { repId: string }): Promise<OwnershipResult>;
  assignCustomer(input: Keyed & AssignInput): Promise<OwnershipResult>;
  recordFollowUp(input: Keyed & FollowUpInput): Promise<OwnershipResult>;
  releaseCustomer(input: Keyed & { ownerId: string; actorId: string; reason: string; jobId?: string }): Promise<OwnershipResult | null>;
  /** The deadline passed: back to the pool with the reason, and a cooldown for the former owner. */
  reclaimCustomer(input: ReclaimInput): Promise<OwnershipResult | null>;
  /** After a reclaim: the assignment rules may hand the customer straight to another rep. */
  pickAssignee(input: { customerId: string; previousOwnerId: string | null }): Promise<AssignInput | null>;
  /** The reclaim and the assignment decision after it, in one round trip through Temporal. */
  reclaimAndPickNext(input: ReclaimInput): Promise<{ result: OwnershipResult | null; next: AssignInput | null }>;
  /** Warns the owner (then their manager) that a deadline is near. */
  warnDeadline(input: WarnInput): Promise<void>;
  moveStage(input: Owned & StageInput): Promise<OwnershipResult>;
  submitQuote(input: Owned & { actorId: string; body: QuoteBody }): Promise<QuoteSubmission>;
  /** `level`: the level the approver was shown (absent in updates sent before it was passed). */
  decideApproval(input: { quoteId: string; approverId: string; approve: boolean; comment?: string | undefined; level?: number | undefined }): Promise<ApprovalDecision>;
  /** A level waited past its timeout: admins may decide it too, and are told. */
  escalateApproval(input: { quoteId: string; level: number }): Promise<boolean>;
  markWon(input: Owned & { actorId: string; orderValueUsd?: number | undefined; note?: string | undefined }): Promise<OwnershipResult>;
  setKey(input: Owned & { actorId: string; key: boolean }): Promise<OwnershipResult>;
  reassign(input: Owned & { actorId: string; toRepId: string; newTenureId: string; reason: string }): Promise<OwnershipResult>;
  absorb(input: Keyed & { actorId: string; intoId: string }): Promise<{ survivorId: string }>;
  redecideDeadline(input: { customerId: string; tenureId: string; ownerId: string; trigger: 'policy_change' }): Promise<OwnershipResult | null>;
}

/** A reclaim policy's rollout to the open tenures (policy-rollout.ts). */
export interface RolloutActivities {
  /** Owned customers after `after` in id order. */
  ownedCustomerIds(input: { after: string; limit: number }): Promise<string[]>;
  /** Tells open tenures a new reclaim policy is published; tenures that just ended are skipped. */
  signalPolicyChanged(input: { customerIds: string[]; ruleSetId: string }): Promise<number>;
}

export interface ReconcileReport {
  ownedRows: number;
  runningTenures: number;
  /** Owned rows whose tenure was started again from the row. */
  restarted: number;
  /** Of those, rows whose deadline had passed: the restarted tenure reclaims them at once. */
  overdue: number;
  /** Running tenures that disagreed with the database and were stopped. */
  stopped: number;
  /** Stops left for later rounds: more tenures disagreed with the owned rows than one round stops (a wrong read looks so). */
  deferred?: number;
}

/** One round of the reconciler (reconciler.ts): owned rows against running tenures. */
export interface ReconcileActivities {
  reconcileTenures(): Promise<ReconcileReport>;
}

/** A handover or bulk-move job (handover.ts): its items in batches, then the summary. */
export interface HandoverActivities {
  /** Moves up to `limit` pending items of the job; answers how many are still pending. */
  runHandoverBatch(input: { jobId: string; limit: number }): Promise<{ moved: number; pending: number }>;
  /** Marks the job completed and tells who started it what moved where. */
  finishHandover(input: { jobId: string }): Promise<HandoverSummary>;
}

export interface HandoverSummary {
  total: number;
  movedToReps: number;
  toPool: number;
  kept: number;
  refused: number;
  failed: number;
}

/** An import job (import.ts): its staged rows in batches, then the final status. */
export interface ImportActivities {
  /** Decides and records batches of `limit` staged rows for a while (none: cancelled, finished); answers whether rows remain. */
  runImportBatch(input: { jobId: string; limit: number }): Promise<{ processed: number; more: boolean }>;
  /** Starts the tenures of the rows given to reps whose tenure has not started yet. */
  startImportTenures(input: { jobId: string }): Promise<void>;
  /** After the last batch: starts the tenures still waiting and marks the rows done; answers whether the similar-names phase has rows to compare. */
  endImportRows(input: { jobId: string }): Promise<{ similar: boolean }>;
  /**
   * Compares the created rows' company names with the customers, `limit` rows to a transaction, for
   * a while (the similar-names phase); answers whether rows remain. `beside`: the rows are still
   * being recorded, so the phase follows their cursor and waits for more until every row is recorded.
   */
  runImportSimilar(input: { jobId: string; limit: number; beside?: boolean }): Promise<{ checked: number; more: boolean }>;
  /** Starts the tenures of assigned rows still waiting, and ends the job (previewed, completed or cancelled). */
  finishImport(input: { jobId: string }): Promise<{ status: string }>;
}

/** One signed POST per attempt (webhook-delivery.ts). */
export interface WebhookActivities {
  attemptWebhookDelivery(input: { deliveryId: string }): Promise<{ outcome: AttemptOutcome; attempts: number }>;
  failWebhookDelivery(input: { deliveryId: string }): Promise<AttemptOutcome>;
}

export interface RobotActivities {
  /** What the channel's rate window allows now: messages composed from waiting events, or a wait. */
  planRobotMessages(input: { channelId: string }): Promise<RobotPlan>;
  /** One signed POST of a message; throws (retryable) when the robot refused or was over its limit. */
  sendRobotMessage(input: { messageId: string }): Promise<RobotOutcome>;
  failRobotMessage(input: { messageId: string }): Promise<RobotOutcome>;
}

export type Activities = TenureActivities & RolloutActivities & ReconcileActivities & WebhookActivities & RobotActivities & HandoverActivities & ImportActivities;
