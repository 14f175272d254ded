// The reclaim decision (R1, R4): an owned customer's next deadline (or none, or exempt). Working-day
// deadlines count in the owner's calendar (holidays, make-up days, leave), loaded only when needed.
import type { Kysely } from 'kysely';
import { needsCalendar, reclaimOutcome, type ReclaimOutcome } from '../../rules/decide/outcomes.js';
import { loadWorkingCalendar } from '../calendars/calendar-context.js';
import type { Customer, Database, Rep } from '../db/database.js';
import type { Decided, Decisions, RecordContext } from './decider.js';
import { customerFacts, repFacts } from './facts.js';

/** Who acted, as the reclaim rules see it (`actor.role`): a collaborator's follow-up moves the deadline too. */
export type ActorRole = 'owner' | 'collaborator' | 'manager';

/**
 * Decides the deadline as of `now` for `trigger`; recorded when `record` says where (every command
 * that sets a deadline), unrecorded for the reconciler's look at a row.
 */
export async function decideDeadline(
  decisions: Decisions,
  db: Kysely<Database>,
  customer: Customer,
  owner: Rep,
  trigger: string,
  now: Date,
  record?: RecordContext,
  actorRole: ActorRole = 'owner',
): Promise<Decided<ReclaimOutcome>> {
  const facts = {
    customer: customerFacts(customer, now),
    rep: repFacts(owner, now),
    trigger: { type: trigger, previousOwnerId: customer.previous_owner_id },
    actor: { role: actorRole },
  };
  const interpret = async (fired: Decided<unknown>['fired']): Promise<ReclaimOutcome> => {
    const calendar = needsCalendar(fired) ? await loadWorkingCalendar(db, owner, { from: customer.claimed_at ?? now }) : undefined;
    return reclaimOutcome(fired, { now, claimedAt: customer.claimed_at, stageAt: customer.stage_at, timeZone: owner.time_zone, calendar });
  };
  return record ? decisions.decideAndRecord(db, 'reclaim', facts, interpret, record) : decisions.decide(db, 'reclaim', facts, interpret);
}

/** The deadline columns, with what set the deadline (trigger, moment, and who acted) for later re-decisions. */
export const deadlineColumns = (d: Decided<ReclaimOutcome>, trigger: string, at: Date, actorRole: ActorRole = 'owner') => ({
  ...(d.outcome.kind === 'deadline' ? { deadline: d.outcome.deadline, deadline_kind: d.outcome.name } : { deadline: null, deadline_kind: null }),
  deadline_trigger: trigger,
  deadline_from: at,
  deadline_actor_role: actorRole === 'owner' ? null : actorRole,
});

/**
 * What set a tenure's deadline in force, as recorded with it (a claim, a follow-up, a stage …, and
 * who acted), for re-deciding it as it was set (a new policy, the key flag, the reconciler) or
 * re-evaluating it without writing (forecasts, simulations); a row from before they were recorded:
 * its last follow-up, else its claim.
 */
export const deadlineSetBy = (c: Pick<Customer, 'deadline_trigger' | 'deadline_from' | 'deadline_actor_role' | 'follow_ups' | 'last_follow_up_at' | 'claimed_at'>, now: Date) => ({
  trigger: c.deadline_trigger ?? (c.follow_ups > 0 ? 'follow_up' : 'claim'),
  from: c.deadline_from ?? c.last_follow_up_at ?? c.claimed_at ?? now,
  actorRole: actorRoleOf(c.deadline_actor_role),
});

const actorRoleOf = (stored: string | null): ActorRole => (stored === 'collaborator' || stored === 'manager' ? stored : 'owner');
