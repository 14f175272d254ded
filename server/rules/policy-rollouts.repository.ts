// The outbox of reclaim-policy rollouts: a row is written in the transaction that publishes a
// reclaim rule set, so a publish that commits always has its rollout on record, and is marked
// started once Temporal has accepted the rollout workflow.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';

export type PolicyRolloutRow = Awaited<ReturnType<typeof findRollout>> & {};

/** The rollout workflow's id: fixed per rule set, so starting it twice starts one workflow. */
const rolloutWorkflowId = (ruleSetId: string) => `reclaim-policy-${ruleSetId}`;

export function findRollout(db: Kysely<Database>, ruleSetId: string) {
  return db.selectFrom('policy_rollouts').selectAll().where('rule_set_id', '=', ruleSetId).executeTakeFirst();
}

/**
 * Records the rollout of a just-published reclaim rule set. Earlier rollouts still pending are
 * superseded: the re-decision always applies the policy published at that moment, so this one
 * re-decides every open deadline under the newest policy.
 */
export async function recordRollout(tx: Transaction<Database>, ruleSetId: string, now: Date): Promise<void> {
  await tx.updateTable('policy_rollouts').set({ status: 'superseded' }).where('status', '=', 'pending').execute();
  await tx
    .insertInto('policy_rollouts')
    .values({ rule_set_id: ruleSetId, workflow_id: rolloutWorkflowId(ruleSetId), status: 'pending', created_at: now })
    .onConflict((oc) => oc.column('rule_set_id').doNothing())
    .execute();
}

/** Pending rollouts, oldest first. */
export function pendingRollouts(db: Kysely<Database>, limit = 20) {
  return db.selectFrom('policy_rollouts').selectAll().where('status', '=', 'pending').orderBy('created_at').limit(limit).execute();
}

export async function markStarted(db: Kysely<Database>, ruleSetId: string, now: Date) {
  return db
    .updateTable('policy_rollouts')
    .set((eb) => ({ status: 'started', started_at: now, last_attempt_at: now, attempts: eb('attempts', '+', 1) }))
    .where('rule_set_id', '=', ruleSetId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function markAttemptFailed(db: Kysely<Database>, ruleSetId: string, error: string, now: Date) {
  return db
    .updateTable('policy_rollouts')
    .set((eb) => ({ last_error: error, last_attempt_at: now, attempts: eb('attempts', '+', 1) }))
    .where('rule_set_id', '=', ruleSetId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}
