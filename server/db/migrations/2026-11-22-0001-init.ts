// Initial schema: teams, reps, pools, customers with dedup identities, activities, the append-only
// ownership audit, cooldowns and hashed API tokens. One statement per call (PGlite's query API).
import { type Kysely, sql } from 'kysely';

const statements = [
  sql`create table teams (
    id text primary key,
    name text not null unique,
    manager_id text,
    created_at timestamptz not null default now()
  )`,
  sql`create table reps (
    id text primary key,
    name text not null,
    email text not null unique,
    role text not null check (role in ('admin', 'manager', 'rep')),
    team_id text references teams(id),
    active boolean not null default true,
    time_zone text not null default 'UTC',
    private_cap integer not null check (private_cap >= 0),
    key_cap integer not null check (key_cap >= 0),
    daily_claim_limit integer not null check (daily_claim_limit >= 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  sql`alter table teams add constraint teams_manager_fk foreign key (manager_id) references reps(id)`,
  sql`create table pools (
    id text primary key,
    name text not null unique,
    created_at timestamptz not null default now()
  )`,
  sql`insert into pools (id, name) values ('default', 'Public pool')`,
  sql`create table customers (
    id text primary key,
    company_name text not null,
    contact_name text,
    email text,
    phone text,
    website text,
    country text,
    region text,
    source text,
    product_line text,
    language text,
    pool_id text not null references pools(id),
    status text not null check (status in ('pool', 'owned', 'won')),
    stage text,
    owner_id text references reps(id),
    grade text check (grade in ('A', 'B', 'C', 'D', 'E')),
    key_customer boolean not null default false,
    deadline timestamptz,
    deadline_kind text,
    tenure_id text,
    claimed_at timestamptz,
    last_follow_up_at timestamptz,
    version integer not null default 1,
    created_by text references reps(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint customers_owner_matches_status check ((status = 'pool') = (owner_id is null))
  )`,
  sql`create index customers_pool_list on customers (pool_id, status, created_at desc, id desc)`,
  sql`create index customers_owner on customers (owner_id, status) where owner_id is not null`,
  sql`create table customer_identities (
    kind text not null check (kind in ('email', 'phone', 'domain', 'name')),
    value text not null,
    customer_id text not null references customers(id) on delete cascade,
    primary key (kind, value)
  )`,
  sql`create index customer_identities_customer on customer_identities (customer_id)`,
  sql`create table customer_activities (
    id text primary key,
    customer_id text not null references customers(id),
    rep_id text not null references reps(id),
    kind text not null,
    note text,
    occurred_at timestamptz not null,
    tenure_id text,
    idempotency_key text unique,
    created_at timestamptz not null default now()
  )`,
  sql`create index customer_activities_customer on customer_activities (customer_id, occurred_at)`,
  sql`create table ownership_events (
    id text primary key,
    customer_id text not null references customers(id),
    kind text not null check (kind in ('claimed', 'released', 'reclaimed', 'assigned', 'won')),
    from_rep_id text references reps(id),
    to_rep_id text references reps(id),
    actor_id text references reps(id),
    reason text,
    tenure_id text,
    rule_version text,
    details jsonb not null default '{}',
    idempotency_key text unique,
    at timestamptz not null default now()
  )`,
  sql`create index ownership_events_customer on ownership_events (customer_id, at)`,
  sql`create index ownership_events_claims_by_rep on ownership_events (to_rep_id, at) where kind = 'claimed'`,
  sql`create function ownership_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'ownership_events is append-only';
    end
  $$`,
  sql`create trigger ownership_events_no_update before update or delete on ownership_events
    for each row execute function ownership_events_append_only()`,
  sql`create table cooldowns (
    rep_id text not null references reps(id),
    customer_id text not null references customers(id),
    until timestamptz not null,
    reason text not null,
    created_at timestamptz not null default now(),
    primary key (rep_id, customer_id)
  )`,
  sql`create table api_tokens (
    id text primary key,
    rep_id text not null references reps(id),
    name text not null,
    token_hash text not null unique,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'api_tokens',
    'cooldowns',
    'ownership_events',
    'customer_activities',
    'customer_identities',
    'customers',
    'pools',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists ownership_events_append_only`.execute(db);
  await sql`alter table teams drop constraint if exists teams_manager_fk`.execute(db);
  await sql`drop table if exists reps`.execute(db);
  await sql`drop table if exists teams`.execute(db);
}
