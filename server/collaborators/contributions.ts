// Each person's contribution to a customer worked together (issue 15 §1): follow-ups logged,
// stages reached and approved quotes authored since the work began. The score weighs them
// 1 : 2 : 3 and each share is the rep's score over the team's; the assignment rules read the
// ranking as `contribution.*` facts at the trigger `collaboration_end`.
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/database.js';

/** The follow-up kinds of POST /customers/{id}/follow-ups (other activities are not contacts). */
export const FOLLOW_UP_KINDS = ['email', 'call', 'visit', 'meeting', 'message', 'other'] as const;
export const WEIGHTS = { followUp: 1, stage: 2, approvedQuote: 3 } as const;

export interface Contribution {
  repId: string;
  role: 'owner' | 'collaborator';
  followUps: number;
  stages: number;
  approvedQuotes: number;
  score: number;
  /** Of the team's score, 0…1, rounded to 4 places (0 for everyone when nobody did anything). */
  share: number;
}

/** Best first: score, then follow-ups, then stages, then approved quotes, then the id. */
export function rankContributions(list: readonly Contribution[]): Contribution[] {
  return [...list].sort((a, b) => b.score - a.score || b.followUps - a.followUps || b.stages - a.stages || b.approvedQuotes - a.approvedQuotes || a.repId.localeCompare(b.repId));
}

/** Best first by follow-ups alone, then by score and id. */
export function rankByFollowUps(list: readonly Contribution[]): Contribution[] {
  return [...list].sort((a, b) => b.followUps - a.followUps || b.score - a.score || a.repId.localeCompare(b.repId));
}

/** Scores and shares from the counts; pure, so a split can be checked by hand. */
export function scoreContributions(counts: readonly Omit<Contribution, 'score' | 'share'>[]): Contribution[] {
  const scored = counts.map((c) => ({ ...c, score: c.followUps * WEIGHTS.followUp + c.stages * WEIGHTS.stage + c.approvedQuotes * WEIGHTS.approvedQuote }));
  const total = scored.reduce((n, c) => n + c.score, 0);
  return rankContributions(scored.map((c) => ({ ...c, share: total === 0 ? 0 : Math.round((c.score / total) * 10_000) / 10_000 })));
}

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
        id: uuidv7(),
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

/** The `contribution` facts of the assignment rules at `collaboration_end`. */
export function contributionFacts(list: readonly Contribution[]) {
  const top = list[0];
  const byFollowUps = rankByFollowUps(list)[0];
  return {
    participants: list.length,
    totalFollowUps: list.reduce((n, c) => n + c.followUps, 0),
    topRepId: top?.repId ?? null,
    topScore: top?.score ?? 0,
    topShare: top?.share ?? 0,
    topFollowUps: top?.followUps ?? 0,
    mostFollowUpsRepId: byFollowUps?.repId ?? null,
    mostFollowUps: byFollowUps?.followUps ?? 0,
  };
}
