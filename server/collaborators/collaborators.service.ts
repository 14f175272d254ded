// Collaborators and joint follow-up (联合攻坚, issue 15 §1). The owner, their manager or an admin add
// collaborators to a customer; a manager opens a joint follow-up on a pool customer, reps join it,
// and its close records each one's contribution and lets the assignment rules (trigger
// collaboration_end) decide who gets the customer. Every step is in the customer's history.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { AddCollaboratorBody, CollaborationView, OpenJointBody } from '../../schemas/collaborators.js';
import type { Language } from '../../schemas/language.js';
import type { Actor } from '../auth/actor.js';
import { keyedMutex } from '../claims/keyed-mutex.js';
import type { Clock } from '../clock.js';
import { insertActivity } from '../customers/activities.repository.js';
import { type Destination, sharesOf } from '../customers/activity-notes.js';
import { ACTION_ROLES, canAct, customerToActOn, customerToReadInFull, loadSubject, refuseMerged } from '../customers/customer-access.js';
import { customerRow } from '../customers/customer-rows.repository.js';
import { isCollaborator, openJoint } from '../customers/collaborator-rows.js';
import type { CustomerWithOwnerTeam } from '../customers/customers.repository.js';
import type { Database, Rep } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { pickAssignee } from '../decisions/assignment.js';
import { decideCaps } from '../decisions/caps.js';
import type { Decisions } from '../decisions/decider.js';
import { AppError, ErrorCode } from '../errors.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { canUsePool } from '../pools/pool-access.js';
import { findRep } from '../reps/reps.repository.js';
import { collaborationCount, endCollaborations, holdCustomerOwner, holdRepForCollaboration, insertCollaborator, lastJoint, removeCollaborator } from './collaborators.repository.js';
import { latestOwnershipEvent } from '../customers/ownership-events.repository.js';
import { collaborationView } from './collaboration-view.js';
import { unavailableToCollaborate } from './collaborator-availability.js';
import { insertContributions, measureContributions } from './contributions.js';
import { invalidRequest } from '../request-issues.js';

/** The collaboration cap when the caps rules give none. */
export const DEFAULT_COLLABORATION_MAX = 10;

/** The reps an actor may add as collaborators (and remove from a joint follow-up): everyone, or one team's (none when null). */
type Reach = 'everyone' | { teamId: string | null };

/**
 * Whom an actor may add, the one rule behind the candidates list, the POST and a removal from a
 * pool customer's joint follow-up: an admin anyone; on a pool customer a manager their own team; on
 * an owned customer the owner's side the owner's team. Collaborators read the customer in full, so
 * no other team's rep.
 */
function reachOf(actor: Actor, customer: { status: string; owner_team_id: string | null }): Reach {
  if (actor.role === 'admin') return 'everyone';
  return { teamId: customer.status === 'pool' ? actor.teamId : customer.owner_team_id };
}

const withinReach = (reach: Reach, rep: { team_id: string | null }) => reach === 'everyone' || (reach.teamId !== null && rep.team_id === reach.teamId);

function outOfReach(reach: Reach, rep: { id: string; name: string; team_id: string | null }, pointer?: string): AppError {
  const yours = reach === 'everyone' || reach.teamId === null ? 'nobody here' : `the reps of team ${reach.teamId} only`;
  return new AppError(ErrorCode.FORBIDDEN, `${rep.name} is on ${rep.team_id ? `team ${rep.team_id}` : 'no team'}; you add or remove ${yours} on this customer (collaborators read it in full; an admin adds anyone).`, {
    ...(pointer === undefined ? {} : { pointer }),
    repId: rep.id,
    teamId: rep.team_id,
  });
}

export interface CollaboratorServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  lifecycle: LifecycleClient;
  decisions: Decisions;
}

export function createCollaboratorService(deps: CollaboratorServiceDeps) {
  const { db, clock, lifecycle, decisions } = deps;
  // One change per rep at a time (the cap), and per customer (the joint follow-up's close), in this
  // process; across processes the cap is counted again with the rep's row held (addRow).
  const exclusive = keyedMutex();

  async function collaborationCap(rep: Rep): Promise<number> {
    return (await decideCaps(decisions, db, rep, clock.now())).outcome.collaborationMax ?? DEFAULT_COLLABORATION_MAX;
  }

  /** The refusals that apply to anyone becoming a collaborator (added or joining). */
  async function assertMayCollaborate(customer: CustomerWithOwnerTeam, repId: string, pointer: string, reach?: Reach): Promise<{ rep: Rep; cap: number }> {
    const rep = await findRep(db, repId);
    if (!rep) throw new AppError(ErrorCode.NOT_FOUND, `There is no rep "${repId}".`, { pointer });
    if (rep.role === 'admin') throw invalidRequest(null, [{ pointer, code: 'admin_collaborator' }], { message: 'Admins see every customer already; add a rep or a manager.', details: { pointer } });
    if (reach && !withinReach(reach, rep)) throw outOfReach(reach, rep, pointer);
    const unavailable = (await unavailableToCollaborate(db, [rep], clock.now())).get(rep.id);
    if (unavailable === ErrorCode.REP_INACTIVE) throw new AppError(ErrorCode.REP_INACTIVE, `${rep.name} is inactive and cannot collaborate on customers.`, { pointer, repId });
    if (unavailable === ErrorCode.REP_ON_LEAVE) throw new AppError(ErrorCode.REP_ON_LEAVE, `${rep.name} is on leave today; add them when they are back.`, { pointer, repId });
    if (customer.owner_id === rep.id) throw new AppError(ErrorCode.ALREADY_OWNER, `${rep.name} owns this customer already.`, { pointer, repId });
    if (await isCollaborator(db, customer.id, rep.id)) throw new AppError(ErrorCode.ALREADY_COLLABORATOR, `${rep.name} is a collaborator on this customer already.`, { pointer, repId });
    if (customer.status === 'pool' && !(await canUsePool(db, customer.pool_id, { id: rep.id, role: rep.role, teamId: rep.team_id }))) {
      throw new AppError(ErrorCode.POOL_CLOSED, `Pool "${customer.pool_id}" is not open to ${rep.name}.`, { pointer, repId, poolId: customer.pool_id });
    }
    const cap = await collaborationCap(rep);
    assertUnderCap(rep, await collaborationCount(db, rep.id), cap, pointer);
    return { rep, cap };
  }

  /** A joint follow-up is its opener's team's: their manager or an admin closes it (an admin's, any manager who reads it in full). */
  async function closeRefusal(actor: Actor, joint: { opened_by: string }): Promise<AppError | null> {
    if (actor.role === 'admin') return null;
    const opener = await findRep(db, joint.opened_by);
    if (!opener?.team_id || opener.team_id === actor.teamId) return null;
    return new AppError(ErrorCode.FORBIDDEN, `This joint follow-up was opened by team ${opener.team_id}; its manager or an admin closes it.`, { openedBy: opener.id, teamId: opener.team_id });
  }
  async function assertMayClose(actor: Actor, joint: { opened_by: string }) {
    const refusal = await closeRefusal(actor, joint);
    if (refusal) throw refusal;
  }

  function assertUnderCap(rep: Rep, count: number, cap: number, pointer: string) {
    if (count >= cap) {
      throw new AppError(ErrorCode.COLLABORATION_CAP_REACHED, `${rep.name} collaborates on ${count} of ${cap} customers already (the caps rules' collaboration cap).`, { pointer, repId: rep.id, count, cap });
    }
  }

  /** `by`: who added the rep (null: the rep joined a joint follow-up). */
  async function addRow(customer: CustomerWithOwnerTeam, { rep, cap }: { rep: Rep; cap: number }, actor: Actor, jointId: string | null, by: string | null, pointer: string) {
    const now = clock.now();
    try {
      await db.transaction().execute(async (tx) => {
        // Counted again with the rep's row held: additions in other processes wait, then count this one.
        // Held too against a deactivation, an owner change and the tenure's end, which end collaborations
        // (collaboration-ends.ts): one that committed since the checks above is seen here, one that comes after sees this row.
        const held = await holdRepForCollaboration(tx, rep.id);
        if (!held?.active) throw new AppError(ErrorCode.REP_INACTIVE, `${rep.name} is inactive and cannot collaborate on customers.`, { pointer, repId: rep.id });
        const current = await holdCustomerOwner(tx, customer.id);
        if (current?.owner_id === rep.id) throw new AppError(ErrorCode.ALREADY_OWNER, `${rep.name} owns this customer already.`, { pointer, repId: rep.id });
        // Added to a tenure (not a joint follow-up) that ended meanwhile: it would outlive it.
        if (jointId === null && current?.tenure_id !== customer.tenure_id) throw new AppError(ErrorCode.CONFLICT, 'The customer changed hands meanwhile (released, reclaimed or merged); try again.', { customerId: customer.id });
        assertUnderCap(rep, await collaborationCount(tx, rep.id), cap, pointer);
        await insertCollaborator(tx, { customerId: customer.id, repId: rep.id, jointId, addedBy: actor.repId, at: now });
        await insertActivity(tx, { customerId: customer.id, repId: actor.repId, kind: 'collaborator_added', note: null, text: { key: 'collaborator_added', name: rep.name, repId: rep.id, by }, occurredAt: now, tenureId: customer.tenure_id, idempotencyKey: null, at: now });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError(ErrorCode.ALREADY_COLLABORATOR, `${rep.name} is a collaborator on this customer already.`, { repId: rep.id });
      throw e;
    }
  }

  async function view(actor: Actor, customerId: string, language: Language): Promise<CollaborationView> {
    const customer = await customerRow(db, customerId);
    let cap: CollaborationView['cap'] = null;
    if (actor.role !== 'admin') {
      const me = await findRep(db, actor.repId);
      if (me) cap = { collaborationMax: await collaborationCap(me), count: await collaborationCount(db, me.id) };
    }
    const subject = await loadSubject(db, actor, customerId);
    const canManage = subject !== null && canAct(actor, subject, 'collaborate') === null;
    const candidatesOf = subject ? reachOf(actor, subject.customer) : null;
    // Whether the close would be this reader's (the UI offers it only then).
    const open = await openJoint(db, customerId);
    const canClose = open !== undefined && (ACTION_ROLES.joint as readonly string[]).includes(actor.role) && (await closeRefusal(actor, open)) === null;
    return collaborationView(db, customer, { cap, canManage, canClose, candidatesOf, now: clock.now(), language });
  }

  return {
    get: async (actor: Actor, customerId: string, language: Language) => view(actor, (await customerToReadInFull(db, actor, customerId)).id, language),

    async add(actor: Actor, customerId: string, body: AddCollaboratorBody, language: Language): Promise<CollaborationView> {
      const customer = await customerToActOn(db, actor, customerId, 'collaborate');
      await exclusive(`rep:${body.repId}`, async () => {
        let jointId: string | null = null;
        if (customer.status === 'pool') {
          const joint = await openJoint(db, customer.id);
          if (!joint) throw new AppError(ErrorCode.NO_JOINT_FOLLOW_UP, 'A pool customer has collaborators only in a joint follow-up; open one first.', { customerId });
          jointId = joint.id;
        }
        const may = await assertMayCollaborate(customer, body.repId, '/repId', reachOf(actor, customer));
        await addRow(customer, may, actor, jointId, actor.repId, '/repId');
      });
      return view(actor, customer.id, language);
    },

    async remove(actor: Actor, customerId: string, repId: string, language: Language): Promise<CollaborationView> {
      // A collaborator may leave on their own; otherwise whoever may add collaborators removes them.
      const customer = actor.repId === repId ? await customerToReadInFull(db, actor, customerId) : await customerToActOn(db, actor, customerId, 'collaborate');
      // A joint follow-up gathers reps of several teams: each manager removes the reps they may add.
      // The owner's side removes anyone from an owned customer (a removal only withdraws access).
      if (actor.repId !== repId && customer.status === 'pool' && (await isCollaborator(db, customer.id, repId))) {
        const rep = await findRep(db, repId);
        const reach = reachOf(actor, customer);
        if (rep && !withinReach(reach, rep)) throw outOfReach(reach, rep);
      }
      if (customer.status === 'merged') throw await refuseMerged(db, actor, customer);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        if (!(await removeCollaborator(tx, customer.id, repId, actor.repId, now))) {
          throw new AppError(ErrorCode.NOT_FOUND, `${repId} is not a collaborator on this customer.`, { repId });
        }
        const text = { key: 'collaborator_removed', repId, by: actor.repId === repId ? null : actor.repId } as const;
        await insertActivity(tx, { customerId: customer.id, repId: actor.repId, kind: 'collaborator_removed', note: null, text, occurredAt: now, tenureId: customer.tenure_id, idempotencyKey: null, at: now });
      });
      return view(actor, customer.id, language);
    },

    async open(actor: Actor, customerId: string, body: OpenJointBody, language: Language): Promise<CollaborationView> {
      const customer = await customerToActOn(db, actor, customerId, 'joint');
      const now = clock.now();
      try {
        await db.transaction().execute(async (tx) => {
          await tx.insertInto('joint_follow_ups').values({ id: newId(), customer_id: customer.id, opened_by: actor.repId, opened_at: now, note: body.note ?? null, outcome: null }).execute();
          await insertActivity(tx, { customerId: customer.id, repId: actor.repId, kind: 'joint_opened', note: null, text: { key: 'joint_opened', note: body.note ?? null }, occurredAt: now, tenureId: null, idempotencyKey: null, at: now });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError(ErrorCode.JOINT_FOLLOW_UP_OPEN, 'A joint follow-up is open on this customer already; reps join it.', { customerId });
        throw e;
      }
      return view(actor, customer.id, language);
    },

    async join(actor: Actor, customerId: string, language: Language): Promise<CollaborationView> {
      const customer = await customerToActOn(db, actor, customerId, 'join');
      await exclusive(`rep:${actor.repId}`, async () => {
        const joint = await openJoint(db, customer.id);
        if (!joint) throw new AppError(ErrorCode.NO_JOINT_FOLLOW_UP, 'No joint follow-up is open on this customer; a manager opens one.', { customerId });
        const may = await assertMayCollaborate(customer, actor.repId, '');
        await addRow(customer, may, actor, joint.id, null, '');
      });
      return view(actor, customer.id, language);
    },

    /**
     * Closes the joint follow-up: contributions recorded, then the assignment rules at
     * collaboration_end. A customer claimed meanwhile keeps its owner (the split is still recorded).
     */
    close(actor: Actor, customerId: string, language: Language): Promise<CollaborationView> {
      return exclusive(`customer:${customerId}`, async () => {
        const customer = await customerToReadInFull(db, actor, customerId);
        if (customer.status === 'merged') throw await refuseMerged(db, actor, customer);
        const joint = await openJoint(db, customer.id);
        if (!joint) {
          // Closed by an earlier attempt whose assignment did not start (the workflow service was
          // unavailable): the customer still waits in the pool for the rep the close gave it to,
          // its ownership unchanged since.
          const last = await lastJoint(db, customer.id);
          if (last) await assertMayClose(actor, last);
          const outcome = last?.closed_at ? (last.outcome as { kind?: string; repId?: string | null; reason?: string } | null) : null;
          const moved = last?.closed_at ? await latestOwnershipEvent(db, customer.id) : undefined;
          if (last?.closed_at && outcome?.kind === 'rep' && outcome.repId && customer.status === 'pool' && !(moved && moved.at >= last.closed_at)) {
            await lifecycle.assign(customer.id, { repId: outcome.repId, reason: outcome.reason ?? 'collaboration_end', details: { jointId: last.id, trigger: 'collaboration_end' } });
            return view(actor, customer.id, language);
          }
          throw new AppError(ErrorCode.NO_JOINT_FOLLOW_UP, 'No joint follow-up is open on this customer.', { customerId });
        }
        await assertMayClose(actor, joint);
        const now = clock.now();
        const participants = await db.selectFrom('collaborators').select('rep_id').distinct().where('joint_id', '=', joint.id).execute();
        const contributions = await measureContributions(db, customer.id, participants.map((p) => ({ repId: p.rep_id, role: 'collaborator' as const })), joint.opened_at);
        const pick = customer.status === 'pool' ? await pickAssignee(db, decisions, await customerRow(db, customer.id), { type: 'collaboration_end', previousOwnerId: null }, now, contributions) : null;
        const outcome = pick
          ? { kind: pick.kind, repId: pick.kind === 'rep' ? pick.repId : null, reason: pick.reason, ...(pick.why ? { why: pick.why } : {}) }
          : { kind: 'rep' as const, repId: customer.owner_id, reason: 'claimed during the joint follow-up: its owner keeps it' };
        const closed = await db.transaction().execute(async (tx) => {
          const r = await tx.updateTable('joint_follow_ups').set({ closed_by: actor.repId, closed_at: now, outcome: JSON.stringify(outcome) }).where('id', '=', joint.id).where('closed_at', 'is', null).executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) return false;
          await insertContributions(tx, { customerId: customer.id, occasion: 'joint_closed', jointId: joint.id, at: now }, contributions);
          await endCollaborations(tx, customer.id, actor.repId, now);
          const to: Destination = !pick ? { kind: 'stays', repId: customer.owner_id } : pick.kind === 'rep' ? { kind: 'rep', repId: pick.repId } : { kind: 'pool' };
          const text = { key: 'joint_closed', split: sharesOf(contributions), to, reason: pick ? pick.reason : null, ...(pick ? { why: pick.why } : {}) } as const;
          await insertActivity(tx, { customerId: customer.id, repId: actor.repId, kind: 'joint_closed', note: null, text, occurredAt: now, tenureId: null, idempotencyKey: null, at: now });
          return true;
        });
        if (!closed) throw new AppError(ErrorCode.NO_JOINT_FOLLOW_UP, 'This joint follow-up was closed meanwhile.', { customerId });
        // The new tenure starts in the customer's workflow (durable across worker restarts).
        if (pick?.kind === 'rep') await lifecycle.assign(customer.id, { repId: pick.repId, reason: pick.reason, details: { jointId: joint.id, trigger: 'collaboration_end' } });
        return view(actor, customer.id, language);
      });
    },
  };
}

export type CollaboratorService = ReturnType<typeof createCollaboratorService>;
