// Creating customers: identity checks, dedup (R8), grading in the insert transaction (R3), then
// assignment by the assignment rules (R6) or a claim by the creating rep.
import type { Language } from '../../schemas/language.js';
import { type PickReason, pickReasonText, storedReasonText } from '../../schemas/pick-reason.js';
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { CreateCustomerBody } from '../../schemas/customers.js';
import type { Clock } from '../clock.js';
import type { Customer, Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode, isAppError } from '../errors.js';
import type { Actor } from '../auth/actor.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { pickAssignee, repRefused } from '../decisions/assignment.js';
import { decideGrade } from '../decisions/grading.js';
import type { Decisions } from '../decisions/decider.js';
import { findByIdentities, insertCustomerWithIdentities } from './customers.repository.js';
import { customerRow, setCustomerGrade } from './customer-rows.repository.js';
import { poolExists } from '../pools/pools.repository.js';
import { assertPoolOpen } from '../pools/pool-access.js';
import { newPoolCustomer } from './new-customer.js';
import { customerIdentities, identityProblems, type Identity } from './identity.js';
import { canRead, loadSubjects } from './customer-access.js';
import { createClaimService } from '../claims/claim.service.js';
import type { Metrics } from '../metrics/metrics.js';
import { invalidRequest } from '../request-issues.js';

/**
 * The refusal of a duplicate. Its id (and the other customers' ids) only for a reader who may read
 * that customer in full, as the duplicate look-up and an import's report show a duplicate: anyone
 * else learns that it exists and what matched (the request cannot succeed), not which customer it is.
 */
export async function duplicateError(db: Kysely<Database>, actor: Actor, matches: { customer_id: string; kind: string; value: string }[]): Promise<AppError> {
  const existingId = matches[0]!.customer_id;
  const matchedOn = matches.filter((m) => m.customer_id === existingId).map((m) => m.kind);
  const ids = [...new Set(matches.map((m) => m.customer_id))];
  const subjects = await loadSubjects(db, actor, ids);
  const full = (id: string) => {
    const subject = subjects.get(id);
    return subject !== undefined && canRead(actor, subject).level === 'full';
  };
  const otherIds = ids.filter((id) => id !== existingId && full(id));
  if (!full(existingId)) {
    return new AppError(ErrorCode.DUPLICATE_CUSTOMER, `This customer already exists (matched on ${matchedOn.join(', ')}); it is not one you may open. Ask your manager, or look it up.`, {
      existingId: null,
      visibility: 'restricted',
      matchedOn,
      otherIds,
    });
  }
  return new AppError(ErrorCode.DUPLICATE_CUSTOMER, `This customer already exists (${existingId}), matched on ${matchedOn.join(', ')}.`, { existingId, matchedOn, otherIds });
}

export interface CustomerDeps {
  db: Kysely<Database>;
  clock: Clock;
  decisions: Decisions;
  lifecycle: LifecycleClient;
  metrics?: Metrics | undefined;
}

export interface AssignmentResult {
  status: 'assigned' | 'claimed' | 'pool';
  repId: string | null;
  /** In English; `why` tells it in any language (null: a refusal, told by its code). */
  reason: string;
  why: PickReason | null;
  refusal: string | null;
}

/** The result as the API answers it: the reason in the reader's language. */
export const assignmentView = ({ why, ...a }: AssignmentResult, language: Language) => ({ ...a, reason: storedReasonText(a.reason, why, language) });

const notAssigned: PickReason = { code: 'not_assigned', via: 'create' };

/** Inserts the customer in a pool, graded by the grading rules; refuses duplicates. */
export async function insertCustomer(deps: CustomerDeps, actor: Actor, body: CreateCustomerBody, trigger: 'create' | 'import'): Promise<Customer> {
  const issues = identityProblems(body);
  const poolId = body.poolId ?? 'default';
  if (!(await poolExists(deps.db, poolId))) issues.push({ pointer: '/poolId', code: 'unknown', params: { what: 'pool', id: poolId } });
  if (issues.length > 0) throw invalidRequest('body', issues);
  await assertPoolOpen(deps.db, poolId, actor, '/poolId');
  const identities: Identity[] = customerIdentities(body);
  const existing = await findByIdentities(deps.db, identities);
  if (existing.length > 0) throw await duplicateError(deps.db, actor, existing);

  const now = deps.clock.now();
  const id = newId();
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const { conflicts } = await insertCustomerWithIdentities(
        tx,
        newPoolCustomer(body, { id, poolId, createdBy: actor.repId, now }),
        identities,
      );
      // A concurrent create took one of the identities first: roll back and name the winner.
      if (conflicts.length > 0) throw await duplicateError(tx, actor, conflicts);
      const inserted = await customerRow(tx, id);
      const grading = await decideGrade(deps.decisions, tx, inserted, now, { customerId: id, repId: actor.repId, trigger, at: now });
      if (!grading.outcome || grading.outcome.grade === inserted.grade) return inserted;
      return setCustomerGrade(tx, id, grading.outcome.grade);
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const winners = await findByIdentities(deps.db, identities);
      if (winners.length > 0) throw await duplicateError(deps.db, actor, winners);
    }
    throw e;
  }
}

/** The assignment rules pick a rep (or keep the customer in the pool); the pick is recorded. */
export async function assignNewCustomer(deps: CustomerDeps, customer: Customer, trigger: 'create' | 'import'): Promise<AssignmentResult> {
  const now = deps.clock.now();
  const pick = await pickAssignee(deps.db, deps.decisions, customer, { type: trigger, previousOwnerId: null }, now);
  if (pick.kind === 'pool') return { status: 'pool', repId: null, reason: pick.reason, why: pick.why, refusal: null };
  try {
    await deps.lifecycle.assign(customer.id, {
      repId: pick.repId,
      reason: pick.reason,
      details: { rule: pick.decision.outcome?.rule ?? null, assignmentVersion: pick.decision.ruleSet?.version ?? null },
    });
    return { status: 'assigned', repId: pick.repId, reason: pick.reason, why: pick.why, refusal: null };
  } catch (e) {
    // The picked rep filled up (or left) between the pick and the assignment: the pool keeps it.
    if (isAppError(e) && e.status < 500) {
      const why = await repRefused(deps.db, pick.repId, e);
      return { status: 'pool', repId: null, reason: pickReasonText(why, 'en'), why, refusal: e.code };
    }
    // The workflow service did not answer after the assignment committed: it stands (the
    // reconciler gives the rep its tenure).
    if (isAppError(e) && (await customerRow(deps.db, customer.id)).owner_id === pick.repId) {
      return { status: 'assigned', repId: pick.repId, reason: pick.reason, why: pick.why, refusal: null };
    }
    throw e;
  }
}

/** The workflow service not answering a claim or an assignment: the customer stands, its placement is what the row holds. Anything else (a bug, the database) is the request's failure. */
const WORKFLOW_OUTAGES = new Set<string>([ErrorCode.WORKFLOW_UNAVAILABLE, ErrorCode.TEMPORARILY_UNAVAILABLE]);

export async function createCustomer(deps: CustomerDeps, actor: Actor, body: CreateCustomerBody) {
  // Refused before anything is written: a refusal never leaves a customer behind.
  if (body.claim && actor.role === 'admin') throw new AppError(ErrorCode.FORBIDDEN, 'Admins do not own customers; create it without "claim".');
  const customer = await insertCustomer(deps, actor, body, 'create');
  let assignment: AssignmentResult;
  try {
    assignment = await placeNewCustomer(deps, actor, body, customer);
  } catch (e) {
    // The customer is in; only its claim or assignment could not be finished (the workflow service
    // did not answer). Answer what the database holds: a committed claim stays the rep's (the
    // reconciler gives it its tenure), otherwise the customer waits in its pool. A 503 here would
    // tell the client to send a create again that can only meet its own duplicate.
    if (!(isAppError(e) && WORKFLOW_OUTAGES.has(e.code))) throw e;
    assignment = await settledPlacement(deps.db, customer.id, body.claim ? actor.repId : null, e);
  }
  const current = await customerRow(deps.db, customer.id);
  return { customer: current, assignment };
}

async function placeNewCustomer(deps: CustomerDeps, actor: Actor, body: CreateCustomerBody, customer: Customer): Promise<AssignmentResult> {
  if (body.claim) {
    try {
      // The one claim path: the same checks, the refusal recorded, the claim counted.
      await createClaimService(deps).claim(actor, customer.id);
      return claimedByCreator(actor.repId);
    } catch (e) {
      if (!(isAppError(e) && e.status < 500)) throw e;
      return { status: 'pool', repId: null, reason: `the claim was refused: ${e.message}`, why: null, refusal: e.code };
    }
  }
  if (body.assign) return assignNewCustomer(deps, customer, 'create');
  return { status: 'pool', repId: null, reason: pickReasonText(notAssigned, 'en'), why: notAssigned, refusal: null };
}

const claimedByCreator = (repId: string): AssignmentResult => ({ status: 'claimed', repId, reason: 'claimed by its creator', why: null, refusal: null });

/** The placement as the row holds it after a claim (by `claimant`) or an assignment that did not finish. */
async function settledPlacement(db: Kysely<Database>, customerId: string, claimant: string | null, e: AppError): Promise<AssignmentResult> {
  if (claimant !== null && (await customerRow(db, customerId)).owner_id === claimant) return claimedByCreator(claimant);
  return { status: 'pool', repId: null, reason: `it stays in its pool for now: ${e.message}`, why: null, refusal: e.code };
}
