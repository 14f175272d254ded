// The full lifecycle: stage transitions (for the funnel), quotes and their approval levels, pool
// membership, holiday calendars and rep leave, notifications and signed webhooks.
import { type Kysely, sql } from 'kysely';

const statements = [
  // Every stage a customer moved through, per tenure: the funnel and the stage history.
  sql`create table stage_events (
    id text primary key,
    customer_id text not null references customers(id),
    tenure_id text,
    from_stage text,
    to_stage text not null,
    rep_id text references reps(id),
    actor_id text references reps(id),
    details jsonb not null default '{}',
    idempotency_key text unique,
    at timestamptz not null default now()
  )`,
  sql`create index stage_events_stage_at on stage_events (to_stage, at)`,
  sql`create index stage_events_customer on stage_events (customer_id, at)`,
  sql`create index ownership_events_kind_at on ownership_events (kind, at)`,

  sql`create table quotes (
    id text primary key,
    customer_id text not null references customers(id),
    tenure_id text,
    rep_id text not null references reps(id),
    status text not null check (status in ('pending_approval', 'approved', 'rejected', 'withdrawn')),
    amount numeric(18, 2) not null,
    currency text not null,
    amount_usd numeric(18, 2) not null,
    discount_pct numeric(6, 2) not null,
    margin_pct numeric(6, 2) not null,
    items jsonb not null,
    note text,
    valid_until date,
    current_level integer,
    decided_at timestamptz,
    rejection_reason text,
    rule_set_version integer,
    idempotency_key text unique,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  sql`create index quotes_customer on quotes (customer_id, created_at)`,
  sql`create table quote_approvals (
    id text primary key,
    quote_id text not null references quotes(id),
    level integer not null,
    approvers jsonb not null,
    timeout_ms double precision not null,
    reasons jsonb not null default '[]',
    status text not null check (status in ('waiting', 'pending', 'approved', 'rejected', 'skipped')),
    escalated boolean not null default false,
    due_at timestamptz,
    decided_by text references reps(id),
    decided_at timestamptz,
    comment text,
    unique (quote_id, level)
  )`,
  sql`create index quote_approvals_pending on quote_approvals (status) where status = 'pending'`,

  sql`alter table pools add column description text`,
  sql`alter table pools add column open_to_all boolean not null default true`,
  sql`create table pool_members (
    pool_id text not null references pools(id) on delete cascade,
    team_id text references teams(id),
    rep_id text references reps(id),
    check ((team_id is null) <> (rep_id is null))
  )`,
  sql`create unique index pool_members_team on pool_members (pool_id, team_id) where team_id is not null`,
  sql`create unique index pool_members_rep on pool_members (pool_id, rep_id) where rep_id is not null`,

  // The holiday calendar a rep's working days follow (e.g. "CN", "DE"); the manager is the team's.
  sql`alter table reps add column calendar text`,
  sql`create table holidays (
    calendar text not null,
    day date not null,
    name text not null,
    primary key (calendar, day)
  )`,
  sql`create table rep_leave (
    id text primary key,
    rep_id text not null references reps(id),
    starts_on date not null,
    ends_on date not null,
    reason text,
    created_at timestamptz not null default now(),
    check (ends_on >= starts_on)
  )`,
  sql`create index rep_leave_rep on rep_leave (rep_id, starts_on)`,

  sql`create table notifications (
    id text primary key,
    rep_id text not null references reps(id),
    kind text not null,
    customer_id text references customers(id),
    title text not null,
    body text not null,
    data jsonb not null default '{}',
    idempotency_key text unique,
    created_at timestamptz not null default now(),
    read_at timestamptz
  )`,
  sql`create index notifications_rep on notifications (rep_id, created_at desc)`,
  sql`create table webhooks (
    id text primary key,
    url text not null,
    events jsonb not null,
    secret text not null,
    active boolean not null default true,
    created_by text references reps(id),
    created_at timestamptz not null default now()
  )`,
  sql`create table webhook_deliveries (
    id text primary key,
    webhook_id text not null references webhooks(id) on delete cascade,
    event text not null,
    payload jsonb not null,
    status text not null check (status in ('pending', 'delivered', 'failed')),
    attempts integer not null default 0,
    last_status integer,
    last_error text,
    idempotency_key text not null,
    created_at timestamptz not null default now(),
    delivered_at timestamptz,
    unique (webhook_id, idempotency_key)
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['webhook_deliveries', 'webhooks', 'notifications', 'rep_leave', 'holidays', 'pool_members', 'quote_approvals', 'quotes', 'stage_events']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
  await sql`drop index if exists ownership_events_kind_at`.execute(db);
  await sql`alter table reps drop column if exists calendar`.execute(db);
  await sql`alter table pools drop column if exists open_to_all`.execute(db);
  await sql`alter table pools drop column if exists description`.execute(db);
}
