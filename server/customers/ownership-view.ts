// What a tenure command answers: the customer's ownership as the API and the workflow see it.
import type { ReclaimOutcome } from '../../rules/decide/outcomes.js';
import type { OwnershipResult } from '../../schemas/customers.js';
import { workflowIdFor } from '../../schemas/workflow-ids.js';
import type { Customer } from '../db/database.js';

export function toOwnershipResult(
  c: Customer,
  extra: { reason?: string | null; cooldownMs?: number | null; warnAt?: Date | null; pool?: string | null } = {},
): OwnershipResult {
  return {
    customerId: c.id,
    ownerId: c.owner_id,
    status: c.status,
    stage: c.stage,
    grade: c.grade,
    deadline: c.deadline?.toISOString() ?? null,
    deadlineKind: c.deadline_kind,
    deadlineReason: extra.reason ?? null,
    warnAt: extra.warnAt?.toISOString() ?? null,
    cooldownMs: extra.cooldownMs ?? null,
    reclaimPool: extra.pool ?? null,
    tenureId: c.tenure_id,
    workflowId: workflowIdFor(c.id),
  };
}

/** The ownership with what the reclaim decision says about the deadline (reason, cooldown, warning, pool). */
export const withDeadline = (c: Customer, d: { outcome: ReclaimOutcome }) =>
  d.outcome.kind === 'deadline'
    ? toOwnershipResult(c, { reason: d.outcome.reason, cooldownMs: d.outcome.cooldownMs, warnAt: d.outcome.warnAt, pool: d.outcome.pool })
    : toOwnershipResult(c);
