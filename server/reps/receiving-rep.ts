// The rep a customer is given to by a reassignment, a handover or a bulk move: the same checks, each
// refused at the receiver's pointer with its own issue code.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import { actsForRep } from '../customers/customer-access.js';
import { type IssueCode, type IssueParams, invalidRequest } from '../request-issues.js';
import { findRep } from './reps.repository.js';

const invalid = (pointer: string, code: IssueCode, params?: IssueParams) => invalidRequest('body', [{ pointer, code, ...(params ? { params } : {}) }]);

/**
 * A receiving rep: exists, active, not an admin (admins own no customers), not `giver` (when given),
 * and, for a manager, of their team.
 */
export async function receivingRep(db: Kysely<Database>, actor: Actor, repId: string, pointer: string, giver: string | null = null) {
  const to = await findRep(db, repId);
  if (!to) throw invalid(pointer, 'unknown', { what: 'rep', id: repId });
  if (to.id === giver) throw invalid(pointer, 'own_customers');
  if (!to.active) throw invalid(pointer, 'rep_inactive', { id: repId });
  if (to.role === 'admin') throw invalid(pointer, 'admin_owner', { id: repId });
  if (actor.role !== 'admin' && !actsForRep(actor, to)) throw invalid(pointer, 'rep_not_in_team', { id: repId });
  return to;
}
