// Assignment disputes (issue 15 §2): a rep disputes a rule decision about a customer (an
// assignment, a claim refusal, a reclaim); their manager or an admin upholds it or reassigns.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table disputes (
    id text primary key,
    customer_id text not null references customers(id),
    rep_id text not null references reps(id),
    team_id text,
    kind text not null check (kind in ('assignment', 'claim_refusal', 'reclaim')),
    decision_record_id text not null references decision_records(id),
    ownership_event_id text,
    other_rep_id text,
    decision text not null,
    rule_set_id text,
    rule_set_version integer,
    rule_name text,
    disputed_at timestamptz not null,
    reason text not null,
    status text not null check (status in ('open', 'upheld', 'reassigned')),
    decided_by text references reps(id),
    decided_at timestamptz,
    comment text,
    filed_at timestamptz not null
  )`.execute(db);
  // One open dispute per rep and customer: a second is refused (DISPUTE_OPEN).
  await sql`create unique index disputes_one_open on disputes (customer_id, rep_id) where status = 'open'`.execute(db);
  await sql`create index disputes_team on disputes (team_id, filed_at)`.execute(db);
  await sql`create index disputes_rep on disputes (rep_id, filed_at)`.execute(db);
  await sql`create index disputes_filed on disputes (filed_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists disputes`.execute(db);
}
