// A rep's deactivation, the one way both PATCH /reps/{id} {"active": false} and a handover take: in
// the caller's transaction the rep is inactive, their collaborations end, and so do their browser
// sessions and open invitation or reset links, so a later reactivation brings none of them back.
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { revokeOpenInvitations } from '../auth/credentials.repository.js';
import { revokeAllSessions } from '../auth/sessions.js';
import { endCollaborationsOf } from '../customers/collaboration-ends.js';

/**
 * Deactivates a rep and ends what lets them in or work with others; `by`: who deactivates them (the
 * collaborations end in their name). Lock the rep first when the caller decides on their state.
 *
 * @example
 * await db.transaction().execute(async (tx) => { await lockRep(tx, id); await deactivateRep(tx, id, actor.repId, now); });
 */
export async function deactivateRep(tx: Transaction<Database>, repId: string, by: string, now: Date): Promise<void> {
  await tx.updateTable('reps').set({ active: false, updated_at: now }).where('id', '=', repId).execute();
  await endCollaborationsOf(tx, repId, by, now);
  await revokeAllSessions(tx, repId, now);
  await revokeOpenInvitations(tx, repId, now);
}
