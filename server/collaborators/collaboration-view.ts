// A customer's collaboration as the API shows it: collaborators with names, the joint follow-up, and
// every recorded split (newest first); every rep it names comes with their name.
import { type Kysely, sql } from 'kysely';
import type { CollaborationView } from '../../schemas/collaborators.js';
import type { Language } from '../../schemas/language.js';
import { type PickReason, storedReasonText } from '../../schemas/pick-reason.js';
import type { Customer, Database } from '../db/database.js';
import { openJoint } from '../customers/collaborator-rows.js';
import { repNames } from '../customers/rep-names.repository.js';
import { unavailableToCollaborate } from './collaborator-availability.js';
import { activeCollaborators, lastJoint } from './collaborators.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function collaborationView(
  db: Kysely<Database>,
  customer: Customer,
  you: { cap: CollaborationView['cap']; canManage: boolean; canClose: boolean; candidatesOf: { teamId: string | null } | 'everyone' | null; now: Date; language: Language },
): Promise<CollaborationView> {
  const collaborators = await activeCollaborators(db, customer.id);
  const joint = (await openJoint(db, customer.id)) ?? (await lastJoint(db, customer.id));
  const rows = await db
    .selectFrom('contributions as c')
    .innerJoin('reps as r', 'r.id', 'c.rep_id')
    .select(['c.occasion', 'c.recorded_at', 'c.rep_id', 'r.name', 'c.role', 'c.follow_ups', 'c.stages', 'c.approved_quotes', 'c.share'])
    .where('c.customer_id', '=', customer.id)
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.share', 'desc')
    .orderBy('c.rep_id')
    .execute();
  const splits: CollaborationView['contributions'] = [];
  for (const r of rows) {
    const at = r.recorded_at.toISOString();
    let split = splits.find((s) => s.recordedAt === at && s.occasion === r.occasion);
    if (!split) splits.push((split = { occasion: r.occasion, recordedAt: at, items: [] }));
    split.items.push({ repId: r.rep_id, name: r.name, role: r.role, followUps: r.follow_ups, stages: r.stages, approvedQuotes: r.approved_quotes, share: Number(r.share) });
  }
  let candidates: CollaborationView['candidates'] = [];
  if (you.canManage && you.candidatesOf) {
    let q = db.selectFrom('reps').select(['id', 'name', 'active']).where('active', '=', true).where('role', 'in', ['rep', 'manager']).orderBy('name').orderBy('id').limit(500);
    if (you.candidatesOf !== 'everyone') q = you.candidatesOf.teamId === null ? q.where(sql<boolean>`false`) : q.where('team_id', '=', you.candidatesOf.teamId);
    const taken = new Set([customer.owner_id, ...collaborators.map((c) => c.rep_id)]);
    const reps = (await q.execute()).filter((r) => !taken.has(r.id));
    // Whom the add would refuse today (inactive, on leave) is not offered.
    const unavailable = await unavailableToCollaborate(db, reps, you.now);
    candidates = reps.filter((r) => !unavailable.has(r.id)).map((r) => ({ repId: r.id, name: r.name }));
  }
  const outcome = joint?.outcome as { kind: 'rep' | 'pool' | 'merged'; repId: string | null; reason: string; why?: PickReason } | null | undefined;
  const names = await repNames(db, [
    ...collaborators.map((c) => c.added_by),
    ...(joint ? [joint.opened_by, joint.closed_by, outcome?.repId ?? null] : []).filter((id): id is string => id !== null),
  ]);
  const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
  return {
    customerId: customer.id,
    ownerId: customer.owner_id,
    collaborators: collaborators.map((c) => ({ repId: c.rep_id, name: c.name, teamId: c.team_id, addedBy: c.added_by, addedByName: nameOf(c.added_by), addedAt: c.added_at.toISOString(), viaJointFollowUp: c.joint_id !== null })),
    joint: joint
      ? {
          id: joint.id,
          openedBy: joint.opened_by,
          openedByName: nameOf(joint.opened_by),
          openedAt: joint.opened_at.toISOString(),
          note: joint.note,
          closedBy: joint.closed_by,
          closedByName: nameOf(joint.closed_by),
          closedAt: iso(joint.closed_at),
          // The reason in the reader's language: from its code when stored with one, else the words for a known reason (schemas/pick-reason).
          outcome: outcome ? { kind: outcome.kind, repId: outcome.repId, repName: nameOf(outcome.repId), reason: storedReasonText(outcome.reason, outcome.why, you.language) } : null,
        }
      : null,
    canManage: you.canManage,
    canClose: you.canClose,
    candidates,
    cap: you.cap,
    contributions: splits,
  };
}
