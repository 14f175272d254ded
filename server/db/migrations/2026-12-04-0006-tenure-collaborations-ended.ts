// A tenure's collaborations now end with it (server/customers/collaboration-ends.ts): a customer back
// in the pool keeps only the participants of its joint follow-up still open, and a merged customer
// keeps none, its joint follow-up closed by the merge (its close is refused). Those a database kept
// from before end here, each with its entry in the customer's history (the entry's text as
// activity-notes.ts tells it; its note the English sentence, as written then).
import { type Kysely, sql } from 'kysely';
import { repLabel } from '../../../schemas/rep-label.js';
import { newId } from '../../ids.js';

interface Ended {
  customer_id: string;
  rep_id: string;
  name: string;
  merged: boolean;
}

export async function up(db: Kysely<any>): Promise<void> {
  const at = new Date();
  const outcome = JSON.stringify({ kind: 'merged', repId: null, reason: 'merged into another customer' });
  const closed = await sql<{ customer_id: string; opened_by: string }>`
    update joint_follow_ups j set closed_at = ${at}, outcome = ${outcome}::jsonb
    from customers cu
    where cu.id = j.customer_id and cu.status = 'merged' and j.closed_at is null
    returning j.customer_id, j.opened_by`.execute(db);
  for (let from = 0; from < closed.rows.length; from += 1000) {
    await db
      .insertInto('customer_activities')
      .values(
        closed.rows.slice(from, from + 1000).map((j) => ({
          id: newId(),
          customer_id: j.customer_id,
          rep_id: j.opened_by,
          kind: 'joint_closed',
          note: 'Joint follow-up closed: the customer was merged into another (no split, no assignment)',
          text: JSON.stringify({ key: 'joint_merged' }),
          occurred_at: at,
          tenure_id: null,
          idempotency_key: null,
          created_at: at,
        })),
      )
      .execute();
  }
  const ended = await sql<Ended>`
    update collaborators c set removed_at = ${at}
    from reps r, customers cu
    where r.id = c.rep_id and cu.id = c.customer_id and c.removed_at is null
      and (cu.status = 'merged'
        or (cu.status = 'pool' and not exists (select 1 from joint_follow_ups j where j.id = c.joint_id and j.closed_at is null)))
    returning c.customer_id, c.rep_id, r.name, cu.status = 'merged' as merged`.execute(db);
  // In slices: ten parameters a row, and a statement takes at most 65,535 (PGlite fewer: pglite-connection.ts).
  for (let from = 0; from < ended.rows.length; from += 1000) {
    await db
      .insertInto('customer_activities')
      .values(
        ended.rows.slice(from, from + 1000).map((e) => {
          const why = e.merged ? 'merged' : 'pool';
          return {
            id: newId(),
            customer_id: e.customer_id,
            rep_id: e.rep_id,
            kind: 'collaborator_removed',
            note: `${repLabel({ id: e.rep_id, name: e.name }, 'en')} is no longer a collaborator: ${e.merged ? 'the customer was merged into another' : 'the customer went back to the pool'}`,
            text: JSON.stringify({ key: 'collaborator_removed', repId: e.rep_id, by: null, why }),
            occurred_at: at,
            tenure_id: null,
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
