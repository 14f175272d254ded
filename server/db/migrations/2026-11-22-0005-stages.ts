// Stages and merges: ownership events for reassignments and merges, a "merged" customer status
// with a link to the survivor (history stays append-only and is read across the link).
import { type Kysely, sql } from 'kysely';

const statements = [
  sql`alter table ownership_events drop constraint ownership_events_kind_check`,
  sql`alter table ownership_events add constraint ownership_events_kind_check
      check (kind in ('claimed', 'released', 'reclaimed', 'assigned', 'reassigned', 'won', 'merged'))`,
  sql`alter table customers drop constraint customers_status_check`,
  sql`alter table customers add constraint customers_status_check check (status in ('pool', 'owned', 'won', 'merged'))`,
  sql`alter table customers drop constraint customers_owner_matches_status`,
  sql`alter table customers add constraint customers_owner_matches_status
      check ((status in ('pool', 'merged')) = (owner_id is null))`,
  sql`alter table customers add column merged_into_id text references customers(id)`,
  sql`alter table customers add column won_at timestamptz`,
  // When the current stage began: stage deadlines ("a quote within 7 days of the inquiry") count from it.
  sql`alter table customers add column stage_at timestamptz`,
  sql`update customers set stage_at = coalesce(last_follow_up_at, claimed_at) where stage is not null`,
  // What set the current deadline, and when: a new reclaim policy re-decides it as if it had been
  // in force at that moment (a fresh claim keeps its first-follow-up deadline, and so on).
  sql`alter table customers add column deadline_trigger text`,
  sql`alter table customers add column deadline_from timestamptz`,
  sql`update customers set deadline_trigger = case when last_follow_up_at is null then 'claim' else 'follow_up' end,
        deadline_from = coalesce(last_follow_up_at, claimed_at) where status = 'owned'`,
  sql`create index customers_merged_into on customers (merged_into_id) where merged_into_id is not null`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists customers_merged_into`.execute(db);
  await sql`alter table customers drop column if exists deadline_from`.execute(db);
  await sql`alter table customers drop column if exists deadline_trigger`.execute(db);
  await sql`alter table customers drop column if exists stage_at`.execute(db);
  await sql`alter table customers drop column if exists won_at`.execute(db);
  await sql`alter table customers drop column if exists merged_into_id`.execute(db);
  await sql`alter table customers drop constraint customers_owner_matches_status`.execute(db);
  await sql`alter table customers add constraint customers_owner_matches_status check ((status = 'pool') = (owner_id is null))`.execute(db);
  await sql`alter table customers drop constraint customers_status_check`.execute(db);
  await sql`alter table customers add constraint customers_status_check check (status in ('pool', 'owned', 'won'))`.execute(db);
  await sql`alter table ownership_events drop constraint ownership_events_kind_check`.execute(db);
  await sql`alter table ownership_events add constraint ownership_events_kind_check check (kind in ('claimed', 'released', 'reclaimed', 'assigned', 'won'))`.execute(db);
}
