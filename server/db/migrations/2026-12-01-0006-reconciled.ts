// The reconciler's repairs are part of a customer's ownership audit (R12, R13): an owned row
// without a running tenure restarted (or reclaimed at once), a stale tenure stopped.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table ownership_events drop constraint ownership_events_kind_check`.execute(db);
  await sql`alter table ownership_events add constraint ownership_events_kind_check
      check (kind in ('claimed', 'released', 'reclaimed', 'assigned', 'reassigned', 'won', 'merged', 'reconciled'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table ownership_events drop constraint ownership_events_kind_check`.execute(db);
  await sql`alter table ownership_events add constraint ownership_events_kind_check
      check (kind in ('claimed', 'released', 'reclaimed', 'assigned', 'reassigned', 'won', 'merged'))`.execute(db);
}
