// Who did the work that set a deadline (`actor.role` of the reclaim rules: owner, collaborator,
// manager) is kept with its trigger and moment, so a re-decision (a new policy, the key flag, the
// reconciler's restart) sees the same facts: a collaborator's follow-up stays one. Null is the
// owner. Open tenures whose deadline a collaborator's or manager's follow-up set take the role from
// that follow-up's recorded reclaim decision.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table customers add column deadline_actor_role text`.execute(db);
  await sql`
    update customers c set deadline_actor_role = d.facts->'actor'->>'role'
    from decision_records d
    where d.customer_id = c.id and d.decision = 'reclaim' and d.trigger = 'follow_up' and d.at = c.deadline_from
      and c.status = 'owned' and c.deadline_trigger = 'follow_up'
      and d.facts->'actor'->>'role' in ('collaborator', 'manager')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table customers drop column deadline_actor_role`.execute(db);
}
