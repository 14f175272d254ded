// Who decides a dispute: the disputing rep's team manager, or an admin when the dispute crosses
// teams (the other side is in another team) or the rep has no manager. Nobody decides their own
// dispute, nor one where they are the other side.
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/database.js';
import type { Refusal } from '../customers/customer-access.js';
import { ErrorCode } from '../errors.js';
import type { DisputeRow } from './disputes.repository.js';

/** The reps on the other side: the rep the decision gave the customer to, and its owner now. */
export async function otherSides(db: Kysely<Database>, d: Pick<DisputeRow, 'customer_id' | 'rep_id' | 'other_rep_id'>): Promise<string[]> {
  const owner = await db.selectFrom('customers').select('owner_id').where('id', '=', d.customer_id).executeTakeFirst();
  return [...new Set([d.other_rep_id, owner?.owner_id ?? null].filter((r): r is string => r !== null && r !== d.rep_id))];
}

export interface DeciderContext {
  /** The disputing rep's team manager (null: no team, no manager). */
  managerId: string | null;
  otherSides: string[];
  /** Whether a rep on the other side is in another team than the disputing rep. */
  crossTeam: boolean;
}

export async function deciderContext(db: Kysely<Database>, d: DisputeRow): Promise<DeciderContext> {
  const others = await otherSides(db, d);
  const team = d.team_id ? await db.selectFrom('teams').select('manager_id').where('id', '=', d.team_id).executeTakeFirst() : undefined;
  const teams = others.length === 0 ? [] : await db.selectFrom('reps').select('team_id').where('id', 'in', others).execute();
  return { managerId: team?.manager_id ?? null, otherSides: others, crossTeam: teams.some((t) => t.team_id !== d.team_id) };
}

/** Null when the actor may decide this dispute; otherwise why not. */
export function deciderRefusal(actor: Actor, d: DisputeRow, ctx: DeciderContext): Refusal | null {
  if (actor.repId === d.rep_id) return { code: ErrorCode.OWN_DISPUTE, message: 'Nobody decides their own dispute; your manager or an admin does.', details: { disputeId: d.id } };
  if (ctx.otherSides.includes(actor.repId)) {
    return { code: ErrorCode.OWN_DISPUTE, message: 'You are the other side of this dispute; an admin decides it.', details: { disputeId: d.id } };
  }
  if (actor.role === 'admin') return null;
  if (actor.role === 'manager' && actor.teamId !== null && actor.teamId === d.team_id) {
    if (!ctx.crossTeam) return null;
    return { code: ErrorCode.NOT_DECIDER, message: 'This dispute involves a rep of another team; an admin decides it.', details: { disputeId: d.id, crossTeam: true } };
  }
  return { code: ErrorCode.NOT_DECIDER, message: "Only the disputing rep's team manager or an admin decides this dispute.", details: { disputeId: d.id } };
}
