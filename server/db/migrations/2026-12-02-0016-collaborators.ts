// Collaborators and joint follow-up (联合攻坚, issue 15 §1): reps working a customer beside its
// owner (or, in a joint follow-up, on a pool customer), and each one's contribution at the end.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table joint_follow_ups (
    id text primary key,
    customer_id text not null references customers(id),
    opened_by text not null references reps(id),
    opened_at timestamptz not null,
    note text,
    closed_by text references reps(id),
    closed_at timestamptz,
    outcome jsonb
  )`.execute(db);
  // One open joint follow-up per customer.
  await sql`create unique index joint_follow_ups_one_open on joint_follow_ups (customer_id) where closed_at is null`.execute(db);
  await sql`create table collaborators (
    id text primary key,
    customer_id text not null references customers(id),
    rep_id text not null references reps(id),
    joint_id text references joint_follow_ups(id),
    added_by text not null references reps(id),
    added_at timestamptz not null,
    removed_by text references reps(id),
    removed_at timestamptz
  )`.execute(db);
  // A rep collaborates on a customer at most once at a time; removal takes effect by removed_at.
  await sql`create unique index collaborators_one_active on collaborators (customer_id, rep_id) where removed_at is null`.execute(db);
  await sql`create index collaborators_rep_active on collaborators (rep_id) where removed_at is null`.execute(db);
  await sql`create table contributions (
    id text primary key,
    customer_id text not null references customers(id),
    occasion text not null check (occasion in ('won', 'joint_closed')),
    joint_id text references joint_follow_ups(id),
    rep_id text not null references reps(id),
    role text not null check (role in ('owner', 'collaborator')),
    follow_ups integer not null,
    stages integer not null,
    approved_quotes integer not null,
    share numeric not null,
    recorded_at timestamptz not null
  )`.execute(db);
  await sql`create index contributions_customer on contributions (customer_id, recorded_at)`.execute(db);
  await sql`create index contributions_rep on contributions (rep_id, recorded_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists contributions`.execute(db);
  await sql`drop table if exists collaborators`.execute(db);
  await sql`drop table if exists joint_follow_ups`.execute(db);
}
