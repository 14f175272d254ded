// Handovers and bulk moves (R16): one job per request, one item per customer with where it went
// (or why not); a pool-to-pool move is part of the ownership audit.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table handover_jobs (
    id text primary key,
    kind text not null check (kind in ('handover', 'bulk')),
    from_rep_id text references reps(id),
    team_id text,
    started_by text not null references reps(id),
    options jsonb not null,
    status text not null check (status in ('running', 'completed')),
    created_at timestamptz not null,
    finished_at timestamptz
  )`.execute(db);
  await sql`create index handover_jobs_from_rep on handover_jobs (from_rep_id) where status = 'running'`.execute(db);
  await sql`create table handover_items (
    job_id text not null references handover_jobs(id),
    customer_id text not null references customers(id),
    plan text not null check (plan in ('rep', 'rules', 'pool', 'keep', 'move_pool', 'refused')),
    target_rep_id text,
    target_pool_id text,
    outcome text not null check (outcome in ('pending', 'to_rep', 'to_pool', 'kept', 'refused', 'failed')),
    to_rep_id text,
    pool_id text,
    code text,
    message text,
    done_at timestamptz,
    primary key (job_id, customer_id)
  )`.execute(db);
  await sql`create index handover_items_pending on handover_items (job_id, customer_id) where outcome = 'pending'`.execute(db);
  await sql`alter table ownership_events drop constraint ownership_events_kind_check`.execute(db);
  await sql`alter table ownership_events add constraint ownership_events_kind_check
      check (kind in ('claimed', 'released', 'reclaimed', 'assigned', 'reassigned', 'won', 'merged', 'reconciled', 'pool_moved'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table ownership_events drop constraint ownership_events_kind_check`.execute(db);
  await sql`alter table ownership_events add constraint ownership_events_kind_check
      check (kind in ('claimed', 'released', 'reclaimed', 'assigned', 'reassigned', 'won', 'merged', 'reconciled'))`.execute(db);
  await sql`drop table if exists handover_items`.execute(db);
  await sql`drop table if exists handover_jobs`.execute(db);
}
