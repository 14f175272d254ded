// Each person's contribution to a customer worked together (issue 15 §1): follow-ups logged,
// stages reached and approved quotes authored since the work began, counted from the history and
// scored by decisions/contribution-ranking.ts; recorded in `contributions` at each split.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';
import { type Contribution, scoreContributions } from '../decisions/contribution-ranking.js';

/** The follow-up kinds of POST /customers/{id}/follow-ups (other activities are not contacts). */
const FOLLOW_UP_KINDS = ['email', 'call', 'visit', 'meeting', 'message', 'other'] as const;

/** What each participant did on the customer since `since`. */
export async function measureContributions(
  db: Kysely<Database>,
  customerId: string,
  participants: readonly { repId: string; role: 'owner' | 'collaborator' }[],
  since: Date,
): Promise<Contribution[]> {
  const ids = [...new Set(participants.map((p) => p.repId))];
  if (ids.length === 0) return [];
  const followUps = await db
    .selectFrom('customer_activities')
    .select(['rep_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('customer_id', '=', customerId)
    .where('rep_id', 'in', ids)
    .where('kind', 'in', [...FOLLOW_UP_KINDS])
    .where('created_at', '>=', since)
    .groupBy('rep_id')
    .execute();
  const stages = await db
    .selectFrom('stage_events')
    .select(['actor_id', (eb) => eb.fn.count<string>('to_stage').distinct().as('n')])
    .where('customer_id', '=', customerId)
    .where('actor_id', 'in', ids)
    .where('to_stage', 'not in', ['claimed', 'follow_up'])
    .where('at', '>=', since)
    .groupBy('actor_id')
    .execute();
  const quotes = await db
    .selectFrom('quotes')
    .select(['submitted_by', (eb) => eb.fn.countAll<string>().as('n')])
    .where('customer_id', '=', customerId)
    .where('submitted_by', 'in', ids)
    .where('status', '=', 'approved')
    .where('created_at', '>=', since)
    .groupBy('submitted_by')
    .execute();
  const tally = (rows: { id: string | null; n: string }[]) => new Map(rows.map((r) => [r.id, Number(r.n)]));
  const f = tally(followUps.map((r) => ({ id: r.rep_id, n: r.n })));
  const s = tally(stages.map((r) => ({ id: r.actor_id, n: r.n })));
  const q = tally(quotes.map((r) => ({ id: r.submitted_by, n: r.n })));
  const roleOf = new Map<string, 'owner' | 'collaborator'>();
  for (const p of participants) if (!roleOf.has(p.repId) || p.role === 'owner') roleOf.set(p.repId, p.role);
  return scoreContributions(ids.map((repId) => ({ repId, role: roleOf.get(repId)!, followUps: f.get(repId) ?? 0, stages: s.get(repId) ?? 0, approvedQuotes: q.get(repId) ?? 0 })));
}

export async function insertContributions(
  db: Kysely<Database>,
  c: { customerId: string; occasion: 'won' | 'joint_closed'; jointId: string | null; at: Date },
  list: readonly Contribution[],
): Promise<void> {
  if (list.length === 0) return;
  await db
    .insertInto('contributions')
    .values(
      list.map((x) => ({
        id: newId(),
        customer_id: c.customerId,
        occasion: c.occasion,
        joint_id: c.jointId,
        rep_id: x.repId,
        role: x.role,
        follow_ups: x.followUps,
        stages: x.stages,
        approved_quotes: x.approvedQuotes,
        share: x.share,
        recorded_at: c.at,
      })),
    )
    .execute();
}

