// The claim rules of R2 and R5 (won, owned, cooldown, private cap, daily limit), with the caps
// from the caps decision. The claim transaction runs them under row locks; the API runs them
// unlocked first, to refuse early without starting a workflow. Assignment skips the daily limit.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Caps } from '../../rules/decide/outcomes.js';
import type { Customer, Database, Rep } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Decided } from '../decisions/decider.js';
import { ownedCount } from '../customers/customer-rows.repository.js';
import { canUsePool } from '../pools/pool-access.js';
import { mergedRefusal } from '../customers/customer-access.js';

const ruleLabel = (caps: Decided<Caps>) =>
  caps.outcome.rule ? `caps rule "${caps.outcome.rule.name ?? `#${caps.outcome.rule.index + 1}`}" (version ${caps.ruleSet?.version})` : 'no caps rule applies';

export async function assertClaimAllowed(
  db: Kysely<Database>,
  rep: Rep,
  customer: Customer,
  now: Date,
  capsDecision: Decided<Caps>,
  mode: 'claim' | 'assign' = 'claim',
  options: { overrideCooldown?: boolean } = {},
): Promise<{ ownedCount: number }> {
  const caps = capsDecision.outcome;
  if (!rep.active) throw new AppError(ErrorCode.REP_INACTIVE, `Rep ${rep.id} is inactive and cannot claim customers.`);
  if (customer.status === 'won') {
    throw new AppError(ErrorCode.CUSTOMER_WON, 'This customer is a won customer and is protected; it cannot be claimed.', {
      customerId: customer.id,
    });
  }
  if (customer.status === 'owned') {
    throw new AppError(
      ErrorCode.CUSTOMER_OWNED,
      customer.owner_id === rep.id ? 'You already own this customer.' : 'Another rep already owns this customer.',
      { customerId: customer.id, ownedByYou: customer.owner_id === rep.id },
    );
  }
  if (customer.status === 'merged') {
    const refusal = mergedRefusal(customer, null);
    throw new AppError(refusal.code, refusal.message, refusal.details);
  }

  if (mode === 'claim' && !(await canUsePool(db, customer.pool_id, { id: rep.id, role: rep.role, teamId: rep.team_id }))) {
    throw new AppError(ErrorCode.POOL_CLOSED, `This customer is in pool "${customer.pool_id}", which is not open to you.`, { poolId: customer.pool_id });
  }

  const cooldown = await db
    .selectFrom('cooldowns')
    .select(['until', 'reason'])
    .where('rep_id', '=', rep.id)
    .where('customer_id', '=', customer.id)
    .where('until', '>', now)
    .executeTakeFirst();
  if (cooldown && !options.overrideCooldown) {
    throw new AppError(
      ErrorCode.COOLDOWN,
      `You owned this customer before and may claim it again from ${cooldown.until.toISOString()}.`,
      { until: cooldown.until.toISOString(), reason: cooldown.reason },
    );
  }

  const count = await ownedCount(db, rep.id);
  if (count >= caps.privateMax) {
    throw new AppError(
      ErrorCode.CAP_REACHED,
      `${mode === 'claim' ? 'Your' : `${rep.name}'s`} private pool is full (${count} of ${caps.privateMax}, ${ruleLabel(capsDecision)}); release or win a customer first.`,
      { cap: caps.privateMax, count, kind: 'private', rule: caps.rule, ruleSetVersion: capsDecision.ruleSet?.version ?? null },
    );
  }
  if (mode === 'assign') return { ownedCount: count };

  const dayStart = DateTime.fromJSDate(now, { zone: rep.time_zone }).startOf('day');
  const claimedToday = await db
    .selectFrom('ownership_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kind', '=', 'claimed')
    .where('to_rep_id', '=', rep.id)
    .where('at', '>=', dayStart.toJSDate())
    .executeTakeFirstOrThrow();
  const todayCount = Number(claimedToday.n);
  if (todayCount >= caps.dailyClaimMax) {
    throw new AppError(
      ErrorCode.DAILY_LIMIT_REACHED,
      `You have claimed ${todayCount} customers today, your daily limit; claiming opens again at ${dayStart.plus({ days: 1 }).toISO()}.`,
      { limit: caps.dailyClaimMax, count: todayCount, resetsAt: dayStart.plus({ days: 1 }).toUTC().toISO(), rule: caps.rule },
    );
  }
  return { ownedCount: count };
}
