// A refused claim is a rule decision a rep may dispute (issue 15 §2): it is recorded (R12) with the
// caps decision's version, rule and facts and the refusal's code, though the claim wrote nothing.
import { type Kysely, sql } from 'kysely';
import type { Caps } from '../../rules/decide/outcomes.js';
import type { Database } from '../db/database.js';
import { type Decided, record } from '../decisions/decider.js';
import { AppError, ErrorCode } from '../errors.js';

import { CLAIM_REFUSED } from '../decisions/claim-refusal-sentence.js';

/** The refusals the rules or their consequences decide; an owned or won customer is no decision. */
const RULE_REFUSALS = new Set<string>([ErrorCode.CAP_REACHED, ErrorCode.DAILY_LIMIT_REACHED, ErrorCode.COOLDOWN]);

/** The same refusal again within this time is not recorded twice (a rep clicking on). */
const REPEAT_MS = 60_000;

export async function recordClaimRefusal(db: Kysely<Database>, e: unknown, caps: Decided<Caps>, where: { customerId: string; repId: string; at: Date }): Promise<void> {
  if (!(e instanceof AppError) || !RULE_REFUSALS.has(e.code)) return;
  const recent = await db
    .selectFrom('decision_records')
    .select('id')
    .where('customer_id', '=', where.customerId)
    .where('rep_id', '=', where.repId)
    .where('trigger', '=', CLAIM_REFUSED)
    .where('at', '>', new Date(where.at.getTime() - REPEAT_MS))
    .where(sql<string>`outcome->>'refused'`, '=', e.code)
    .executeTakeFirst();
  if (recent) return;
  // A cooldown is the release's or reclaim's consequence, not the caps rule's doing: no rule of it fired.
  const fired = e.code === ErrorCode.COOLDOWN ? [] : caps.fired;
  await record(db, { ...caps, fired, outcome: { ...caps.outcome, refused: e.code, message: e.message, details: e.details ?? {} } }, { ...where, trigger: CLAIM_REFUSED });
}
