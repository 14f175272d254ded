// Issue 9 (admin API): who issued a token and when it expires; the outbox of reclaim-policy
// rollouts, written in the publish transaction and started until each has started; a heartbeat
// on running simulations, so one left running by a stopped process can be told from a live one.
import { type Kysely, sql } from 'kysely';

const statements = [
  sql`alter table api_tokens add column issued_by text references reps(id)`,
  sql`alter table api_tokens add column expires_at timestamptz`,
  sql`create table policy_rollouts (
    rule_set_id text primary key references rule_sets(id),
    workflow_id text not null,
    status text not null check (status in ('pending', 'started', 'superseded')),
    attempts integer not null default 0,
    last_error text,
    created_at timestamptz not null,
    last_attempt_at timestamptz,
    started_at timestamptz
  )`,
  sql`create index policy_rollouts_pending on policy_rollouts (created_at) where status = 'pending'`,
  sql`alter table simulations add column heartbeat_at timestamptz`,
  sql`update simulations set heartbeat_at = created_at where status = 'running'`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table simulations drop column if exists heartbeat_at`.execute(db);
  await sql`drop table if exists policy_rollouts`.execute(db);
  await sql`alter table api_tokens drop column if exists expires_at`.execute(db);
  await sql`alter table api_tokens drop column if exists issued_by`.execute(db);
}
