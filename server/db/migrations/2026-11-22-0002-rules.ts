// Rules: versioned rule sets (one published per decision), the decision audit, simulations,
// round-robin cursors; rep facts (hire date, tags) replace the per-rep cap columns; customer
// counters and grading signals become columns so facts are one row read.
import { type Kysely, sql } from 'kysely';

const statements = [
  sql`alter table reps add column hired_at date not null default current_date`,
  sql`alter table reps add column tags text[] not null default '{}'`,
  sql`alter table reps drop column private_cap`,
  sql`alter table reps drop column key_cap`,
  sql`alter table reps drop column daily_claim_limit`,

  sql`alter table customers add column follow_ups integer not null default 0`,
  sql`alter table customers add column reclaims integer not null default 0`,
  sql`alter table customers add column expected_close_days integer`,
  sql`alter table customers add column no_demand boolean not null default false`,
  sql`alter table customers add column rep_grade text check (rep_grade in ('A', 'B', 'C', 'D', 'E'))`,
  sql`alter table customers add column previous_owner_id text references reps(id)`,
  sql`update customers c set follow_ups = (select count(*) from customer_activities a where a.customer_id = c.id),
        reclaims = (select count(*) from ownership_events e where e.customer_id = c.id and e.kind = 'reclaimed')`,

  sql`create table rule_sets (
    id text primary key,
    decision text not null check (decision in ('assignment', 'grading', 'caps', 'approval', 'reclaim')),
    version integer not null,
    status text not null check (status in ('draft', 'published', 'archived')),
    document jsonb not null,
    hash text not null,
    comment text,
    author_id text references reps(id),
    rolled_back_from text references rule_sets(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    published_at timestamptz,
    published_by text references reps(id),
    unique (decision, version)
  )`,
  sql`create unique index rule_sets_one_published on rule_sets (decision) where status = 'published'`,

  sql`create table decision_records (
    id text primary key,
    decision text not null,
    rule_set_id text references rule_sets(id),
    rule_set_version integer,
    rule_set_hash text,
    customer_id text references customers(id),
    rep_id text references reps(id),
    trigger text not null,
    fired jsonb not null,
    outcome jsonb not null,
    facts jsonb not null,
    at timestamptz not null default now()
  )`,
  sql`create index decision_records_customer on decision_records (customer_id, at)`,

  sql`create table simulations (
    id text primary key,
    decision text not null,
    candidate_rule_set_id text references rule_sets(id),
    candidate_document jsonb,
    baseline_rule_set_id text references rule_sets(id),
    scope jsonb not null,
    status text not null check (status in ('running', 'done', 'cancelled', 'failed')),
    processed integer not null default 0,
    total integer,
    result jsonb,
    error text,
    cancel_requested boolean not null default false,
    created_by text references reps(id),
    created_at timestamptz not null default now(),
    finished_at timestamptz
  )`,

  sql`create table assignment_cursors (
    key text primary key,
    last_rep_id text,
    updated_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['assignment_cursors', 'simulations', 'decision_records', 'rule_sets']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
  for (const c of ['previous_owner_id', 'rep_grade', 'no_demand', 'expected_close_days', 'reclaims', 'follow_ups']) {
    await sql`alter table customers drop column if exists ${sql.ref(c)}`.execute(db);
  }
  await sql`alter table reps add column private_cap integer not null default 50`.execute(db);
  await sql`alter table reps add column key_cap integer not null default 10`.execute(db);
  await sql`alter table reps add column daily_claim_limit integer not null default 20`.execute(db);
  await sql`alter table reps drop column tags`.execute(db);
  await sql`alter table reps drop column hired_at`.execute(db);
}
