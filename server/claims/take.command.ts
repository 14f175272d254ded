// A rep takes a customer (R1, R2, R5), by claiming it (all claim rules) or by assignment (no daily
// limit). Refuses owned, won, cooldown and caps under locks; sets the first deadline from the
// reclaim rules. Lock order everywhere: the rep row first, then the customer, so claims never deadlock.
import type { Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import { lockCustomer, updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { ownershipEventSeen } from '../customers/ownership-events.repository.js';
import { recordOwnerChange } from '../customers/collaboration-ends.js';
import { withDeadline } from '../customers/ownership-view.js';
import type { Customer, Database } from '../db/database.js';
import { decideCaps } from '../decisions/caps.js';
import type { Decisions } from '../decisions/decider.js';
import { deadlineColumns, decideDeadline } from '../decisions/reclaim.js';
import { lockRep } from '../reps/reps.repository.js';
import { insertStageEvent } from '../stages/stage-events.repository.js';
import { assertClaimAllowed } from './claim-checks.js';
import { replayedOwnership } from '../customers/replayed-ownership.js';

export interface TakeCommand {
  customerId: string;
  repId: string;
  tenureId: string;
  idempotencyKey: string;
  now: Date;
  /** Who caused it: the rep (claim) or the assignment rules (assign). */
  actorId?: string | null;
  reason?: string;
  details?: Record<string, unknown>;
  /** A manager's decision (a dispute) overrides the rep's cooldown, as a reassignment does. */
  overrideCooldown?: boolean;
}

export async function take(tx: Transaction<Database>, decisions: Decisions, cmd: TakeCommand, mode: 'claim' | 'assign'): Promise<OwnershipResult> {
  if (await ownershipEventSeen(tx, cmd.idempotencyKey)) return replayedOwnership(tx, cmd.customerId);
  const rep = await lockRep(tx, cmd.repId);
  const customer = await lockCustomer(tx, cmd.customerId);
  const recordAs = { customerId: customer.id, repId: rep.id, trigger: mode, at: cmd.now };
  const caps = await decideCaps(decisions, tx, rep, cmd.now, recordAs);
  const { ownedCount } = await assertClaimAllowed(tx, rep, customer, cmd.now, caps, mode, { overrideCooldown: cmd.overrideCooldown === true });

  const owned: Customer = { ...customer, status: 'owned', owner_id: rep.id, stage: 'claimed', stage_at: cmd.now, tenure_id: cmd.tenureId, claimed_at: cmd.now };
  const deadline = await decideDeadline(decisions, tx, owned, rep, 'claim', cmd.now, recordAs);
  const updated = await updateCustomerVersioned(
    tx,
    customer.id,
    { status: 'owned', owner_id: rep.id, stage: 'claimed', stage_at: cmd.now, tenure_id: cmd.tenureId, claimed_at: cmd.now, ...deadlineColumns(deadline, 'claim', cmd.now) },
    { now: cmd.now, expectVersion: customer.version },
  );
  const actorId = cmd.actorId === undefined ? rep.id : cmd.actorId;
  await recordOwnerChange(tx, {
    customer_id: customer.id,
    kind: mode === 'claim' ? 'claimed' : 'assigned',
    from_rep_id: null,
    to_rep_id: rep.id,
    actor_id: actorId,
    reason: cmd.reason ?? mode,
    tenure_id: cmd.tenureId,
    rule_version: caps.ruleSet ? `caps@${caps.ruleSet.version}` : null,
    details: {
      deadline: updated.deadline?.toISOString() ?? null,
      deadlineKind: updated.deadline_kind,
      deadlineRule: deadline.outcome.kind === 'none' ? null : deadline.outcome.rule,
      reclaimVersion: deadline.ruleSet?.version ?? null,
      ownedBefore: ownedCount,
      cap: caps.outcome.privateMax,
      capsRule: caps.outcome.rule,
      ...cmd.details,
    },
    idempotency_key: cmd.idempotencyKey,
    at: cmd.now,
  });
  await insertStageEvent(tx, { customerId: customer.id, tenureId: cmd.tenureId, from: null, to: 'claimed', repId: rep.id, actorId, idempotencyKey: `${cmd.idempotencyKey}/stage`, details: { via: mode }, at: cmd.now });
  return withDeadline(updated, deadline);
}
