// The one access policy for customers (R1, R9, R13): what an actor may read of a customer and what
// they may do with it. Every route under /customers/{id} asks here. A merged customer is read as
// its survivor is; a pool customer only by those its pool is open to. A collaborator (issue 15 §1)
// reads the customer in full and logs follow-ups and stage work, without owning it.
import type { Kysely } from 'kysely';
import type { Role } from '../../schemas/common.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { type Actor, adminScopeRefusal, roleRefusalText } from '../auth/actor.js';
import { poolsOpenTo } from '../pools/pool-access.js';
import { collaboratingOn } from './collaborator-rows.js';
import { type CustomerWithOwnerTeam, findCustomers } from './customers.repository.js';

/** Merges refuse a merged target, but a survivor may itself be merged later: chains stay short. */
const MAX_MERGE_LINKS = 10;

/** A customer as the policy sees it, for one actor. */
export interface AccessSubject {
  /** The customer asked for. */
  customer: CustomerWithOwnerTeam;
  /** The customer whose access it follows: itself, or the survivor it was merged into; null when the link is broken. */
  governing: CustomerWithOwnerTeam | null;
  /** Whether the governing customer's pool is open to the actor (asked only for pool customers). */
  poolOpen: boolean;
  /** Whether the actor is a collaborator of the governing customer now (removal takes effect at once). */
  collaborator: boolean;
}

export interface Refusal {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** full: everything; restricted: only that it is owned (R9); none: not even that. */
export type ReadAccess = { level: 'full' } | { level: 'restricted' | 'none'; refusal: Refusal };

export type CustomerAction = 'claim' | 'follow_up' | 'release' | 'stage' | 'key' | 'reassign' | 'merge' | 'move_pool' | 'dispute' | 'collaborate' | 'joint' | 'join' | 'edit';

/** The roles that may attempt each action at all; routes refuse other roles before reading the body. */
export const ACTION_ROLES: Record<CustomerAction, readonly Role[]> = {
  claim: ['rep', 'manager'],
  follow_up: ['rep', 'manager'],
  release: ['rep', 'manager', 'admin'],
  stage: ['rep', 'manager', 'admin'],
  // The key-customer flag spends the owner's key quota and sets their deadlines: not a collaborator's.
  key: ['rep', 'manager', 'admin'],
  reassign: ['manager', 'admin'],
  merge: ['admin'],
  move_pool: ['manager', 'admin'],
  dispute: ['rep', 'manager'],
  collaborate: ['rep', 'manager', 'admin'],
  joint: ['manager', 'admin'],
  join: ['rep', 'manager'],
  edit: ['rep', 'manager', 'admin'],
};

const FULL: ReadAccess = { level: 'full' };

/** Rep-scoped: the rep themselves, a manager of the rep's team, or an admin. */
export function actsForRep(actor: Actor, rep: { id: string; team_id: string | null }): boolean {
  if (actor.repId === rep.id || actor.role === 'admin') return true;
  return actor.role === 'manager' && actor.teamId !== null && rep.team_id === actor.teamId;
}

export function canRead(actor: Actor, subject: AccessSubject): ReadAccess {
  if (actor.role === 'admin') return FULL;
  const g = subject.governing;
  if (!g) {
    return { level: 'none', refusal: { code: ErrorCode.FORBIDDEN, message: 'This customer was merged, and its survivor cannot be found; ask an admin.', details: { customerId: subject.customer.id } } };
  }
  if (g.status === 'pool') {
    if (subject.poolOpen) return FULL;
    return {
      level: 'none',
      refusal: { code: ErrorCode.POOL_CLOSED, message: `This customer is in pool "${g.pool_id}", which is not open to you.`, details: { poolId: g.pool_id } },
    };
  }
  if (g.owner_id !== null && actsForRep(actor, { id: g.owner_id, team_id: g.owner_team_id })) return FULL;
  if (subject.collaborator) return FULL;
  return {
    level: 'restricted',
    refusal: {
      code: ErrorCode.NOT_OWNER,
      message: "This is another rep's customer: only its owner, their team's manager or an admin see more than that it is owned.",
      details: { customerId: subject.customer.id },
    },
  };
}

/** Null when the actor may do this; otherwise why not. The domain may still refuse later (caps, stages). */
export function canAct(actor: Actor, subject: AccessSubject, action: CustomerAction): Refusal | null {
  const roles = ACTION_ROLES[action];
  if (!roles.includes(actor.role)) {
    return { code: ErrorCode.FORBIDDEN, message: roleRefusalText(roles, actor.role), details: { requiredRoles: roles, role: actor.role } };
  }
  // Admins own no customers: whatever an admin does to one, the admin role allows (adminScopeRefusal).
  const scope = adminScopeRefusal(actor);
  if (scope) return { code: scope.code, message: scope.message, details: scope.details };
  const read = canRead(actor, subject);
  if (read.level === 'none') return read.refusal;
  const c = subject.customer;
  if (c.status === 'merged') return mergedRefusal(c, { actor, subject });
  // Who may claim (pools, caps, cooldowns) and merge is decided by the domain from here on; so is
  // whether a disputed decision (an assignment, a refused claim, a reclaim) involves the rep.
  if (action === 'claim' || action === 'merge' || action === 'dispute') return null;
  // A pool customer the actor sees (its pool is open to them) may move to another pool they use.
  if (action === 'move_pool') {
    return c.status === 'pool'
      ? null
      : { code: ErrorCode.CUSTOMER_OWNED, message: 'Only pool customers move between pools; release this one first.', details: { customerId: c.id, status: c.status } };
  }
  // A joint follow-up (联合攻坚) is opened and closed on a pool customer, which reps then join.
  if (action === 'joint' || action === 'join') {
    return c.status === 'pool'
      ? null
      : { code: ErrorCode.CUSTOMER_OWNED, message: 'A joint follow-up is for pool customers; add collaborators to an owned customer instead.', details: { customerId: c.id, status: c.status } };
  }
  // A customer's details: whoever works it (its owner, a collaborator, their manager, an admin), won
  // or not; a pool customer's, a manager or an admin it is open to (a rep claims it first).
  if (action === 'edit') {
    if (c.status === 'pool' || c.owner_id === null) {
      return actor.role === 'rep' ? { code: ErrorCode.NOT_OWNER, message: "A pool customer's details are changed by a manager or an admin; claim it first to change them yourself.", details: { customerId: c.id } } : null;
    }
    if (subject.collaborator || actsForRep(actor, { id: c.owner_id, team_id: c.owner_team_id })) return null;
    return { code: ErrorCode.NOT_OWNER, message: "Only the owner, a collaborator, their team's manager or an admin can change this customer's details.", details: { customerId: c.id } };
  }
  // The reps who joined a pool customer's joint follow-up log follow-ups on it; a manager or an admin adds them.
  if (c.status === 'pool' && action === 'follow_up' && subject.collaborator) return null;
  if (c.status === 'pool' && action === 'collaborate' && actor.role !== 'rep') return null;
  if (c.status === 'pool' || c.owner_id === null) {
    return { code: ErrorCode.NOT_OWNER, message: 'Nobody owns this customer right now; claim it from the pool first.', details: { customerId: c.id } };
  }
  // Collaborators log follow-ups and stage work beside the owner; they do not own the customer.
  const collaborates = subject.collaborator && (action === 'follow_up' || action === 'stage');
  if (!collaborates && (action === 'follow_up' ? c.owner_id !== actor.repId : !actsForRep(actor, { id: c.owner_id, team_id: c.owner_team_id }))) {
    return {
      code: ErrorCode.NOT_OWNER,
      message: action === 'follow_up' ? 'Only the current owner can log follow-ups on this customer.' : "Only the owner, their team's manager or an admin can do this.",
      details: { customerId: c.id },
    };
  }
  if (c.status === 'won') {
    // Follow-ups and releases belong to an open tenure; they have always been refused as NOT_OWNER.
    if (action === 'follow_up' || action === 'release') {
      return { code: ErrorCode.NOT_OWNER, message: 'This customer is won; its tenure is closed, so nobody logs follow-ups on it or releases it.', details: { customerId: c.id } };
    }
    return { code: ErrorCode.CUSTOMER_WON, message: 'This customer is won; its tenure is closed.', details: { customerId: c.id } };
  }
  return null;
}

/**
 * A command on a merged customer, refused. The survivor is named only to a reader who reads it in
 * full (canRead on the subject, which follows the survivor); to anyone else, and where no reader is
 * known (a claim's checks in the transaction), the answer says only that it was merged.
 */
export function mergedRefusal(c: { id: string; merged_into_id: string | null }, reader: { actor: Actor; subject: AccessSubject } | null): Refusal {
  if (reader && canRead(reader.actor, reader.subject).level === 'full') {
    return {
      code: ErrorCode.CONFLICT,
      message: `This customer was merged into ${c.merged_into_id}; work with that customer instead.`,
      details: { customerId: c.id, mergedIntoId: c.merged_into_id },
    };
  }
  return { code: ErrorCode.CONFLICT, message: 'This customer was merged into another customer; work with that customer instead.', details: { customerId: c.id } };
}

const refuse = (r: Refusal) => new AppError(r.code, r.message, r.details);

/** mergedRefusal for a command that found the customer merged after its access was decided. */
export async function refuseMerged(db: Kysely<Database>, actor: Actor, c: { id: string; merged_into_id: string | null }): Promise<AppError> {
  const subject = await loadSubject(db, actor, c.id);
  return refuse(mergedRefusal(c, subject && { actor, subject }));
}

/** The customer and the survivor it follows, with the actor's pool access, or null when there is no such customer. */
export async function loadSubject(db: Kysely<Database>, actor: Actor, id: string): Promise<AccessSubject | null> {
  return (await loadSubjects(db, actor, [id])).get(id) ?? null;
}

/**
 * Many customers as loadSubject reads one (those that exist, by id), with a few queries for all
 * of them: for lists that name customers (an import's report), each then judged by canRead.
 */
export async function loadSubjects(db: Kysely<Database>, actor: Actor, ids: readonly string[]): Promise<Map<string, AccessSubject>> {
  const read = new Map<string, CustomerWithOwnerTeam>();
  // The customers, then the survivors they were merged into, a link of every chain at a time.
  let wanted = [...new Set(ids)];
  for (let links = 0; wanted.length > 0 && links <= MAX_MERGE_LINKS; links++) {
    const found = await findCustomers(db, wanted);
    for (const c of found) read.set(c.id, c);
    wanted = [...new Set(found.flatMap((c) => (c.status === 'merged' && c.merged_into_id && !read.has(c.merged_into_id) ? [c.merged_into_id] : [])))];
  }
  const governingOf = (customer: CustomerWithOwnerTeam) => {
    let governing: CustomerWithOwnerTeam | null = customer;
    for (let links = 0; governing?.status === 'merged'; links++) {
      const next: string | null = governing.merged_into_id;
      governing = next && links < MAX_MERGE_LINKS ? (read.get(next) ?? null) : null;
    }
    return governing;
  };
  const asked = ids.flatMap((id) => {
    const customer = read.get(id);
    return customer ? [{ customer, governing: governingOf(customer) }] : [];
  });
  const user = { id: actor.repId, role: actor.role, teamId: actor.teamId };
  const poolOpen = asked.some((s) => s.governing?.status === 'pool') ? await poolsOpenTo(db, user) : () => false;
  const governingIds = [...new Set(asked.flatMap((s) => (s.governing ? [s.governing.id] : [])))];
  const collaborating = actor.role !== 'admin' ? await collaboratingOn(db, governingIds, actor.repId) : new Set<string>();
  return new Map(
    asked.map(({ customer, governing }) => [
      customer.id,
      {
        customer,
        governing,
        poolOpen: governing?.status === 'pool' ? poolOpen(governing.pool_id) : false,
        collaborator: governing !== null && collaborating.has(governing.id),
      },
    ]),
  );
}

/**
 * Of these customers, those the actor reads in full, in their order: for a list that shows customers
 * in full (it leaves out the others, as the detail refuses or restricts them).
 *
 * @example
 * const items = await readableInFull(db, actor, rows);
 */
export async function readableInFull<C extends { id: string }>(db: Kysely<Database>, actor: Actor, rows: readonly C[]): Promise<C[]> {
  const subjects = await loadSubjects(db, actor, rows.map((r) => r.id));
  return rows.filter((r) => {
    const subject = subjects.get(r.id);
    return subject !== undefined && canRead(actor, subject).level === 'full';
  });
}

async function subjectOrNotFound(db: Kysely<Database>, actor: Actor, id: string): Promise<AccessSubject> {
  const subject = await loadSubject(db, actor, id);
  if (!subject) throw new AppError(ErrorCode.NOT_FOUND, 'No such customer.');
  return subject;
}

/** The commands of the customer page, each asked of `canAct` (the domain may still refuse: stage order, caps). */
const PAGE_ACTIONS = ['follow_up', 'stage', 'key', 'release', 'edit'] as const satisfies readonly CustomerAction[];

/** For GET /customers/{id}: the customer, how much of it the actor sees and which page commands they may use; refuses those who see nothing. */
export async function customerToRead(db: Kysely<Database>, actor: Actor, id: string) {
  const subject = await subjectOrNotFound(db, actor, id);
  const read = canRead(actor, subject);
  if (read.level === 'none') throw refuse(read.refusal);
  return { customer: subject.customer, level: read.level, actions: PAGE_ACTIONS.filter((a) => canAct(actor, subject, a) === null) };
}

/** For what only a full reader sees (quotes, decisions, approval previews). */
export async function customerToReadInFull(db: Kysely<Database>, actor: Actor, id: string): Promise<CustomerWithOwnerTeam> {
  const subject = await subjectOrNotFound(db, actor, id);
  const read = canRead(actor, subject);
  if (read.level !== 'full') throw refuse(read.refusal);
  return subject.customer;
}

/** For a command: the customer, if the actor may do this to it. */
export async function customerToActOn(db: Kysely<Database>, actor: Actor, id: string, action: CustomerAction): Promise<CustomerWithOwnerTeam> {
  const subject = await subjectOrNotFound(db, actor, id);
  const refusal = canAct(actor, subject, action);
  if (refusal) throw refuse(refusal);
  return subject.customer;
}
