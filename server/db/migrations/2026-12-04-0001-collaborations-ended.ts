// Collaborations now end by themselves (server/customers/collaboration-ends.ts): a deactivated rep
// collaborates nowhere, and an owner is never also a collaborator of the customer. Those left
// active before end here, each with its entry in the customer's history (the entry's text as
// activity-notes.ts tells it; its note the English sentence, as written then).
import { type Kysely, sql } from 'kysely';
import { repLabel } from '../../../schemas/rep-label.js';
import { newId } from '../../ids.js';

interface Ended {
  customer_id: string;
  rep_id: string;
  name: string;
  owner: boolean;
  tenure_id: string | null;
}

export async function up(db: Kysely<any>): Promise<void> {
  const at = new Date();
  const ended = await sql<Ended>`
    update collaborators c set removed_at = ${at}
    from reps r, customers cu
    where r.id = c.rep_id and cu.id = c.customer_id and c.removed_at is null and (not r.active or cu.owner_id = c.rep_id)
    returning c.customer_id, c.rep_id, r.name, cu.owner_id is not distinct from c.rep_id as owner, cu.tenure_id`.execute(db);
  // In slices: ten parameters a row, and a statement takes at most 65,535 (PGlite fewer: pglite-connection.ts).
  for (let from = 0; from < ended.rows.length; from += 1000) {
    await db
      .insertInto('customer_activities')
      .values(
        ended.rows.slice(from, from + 1000).map((e) => {
          const who = repLabel({ id: e.rep_id, name: e.name }, 'en');
          return {
            id: newId(),
            customer_id: e.customer_id,
            rep_id: e.rep_id,
            kind: 'collaborator_removed',
            note: e.owner ? `${who} is no longer a collaborator: they own the customer now` : `${who} is no longer a collaborator: deactivated`,
            text: JSON.stringify({ key: 'collaborator_removed', repId: e.rep_id, by: null, why: e.owner ? 'owner' : 'deactivated' }),
            occurred_at: at,
            tenure_id: e.tenure_id,
            idempotency_key: null,
            created_at: at,
          };
        }),
      )
      .execute();
  }
}

/** Nothing to undo: the collaborations ended, as they would have. */
export async function down(): Promise<void> {}
