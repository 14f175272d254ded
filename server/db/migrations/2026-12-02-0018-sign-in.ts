// Issue 16 §1–2 (sign-in): reps' passwords and lockout state, one-time invitation and reset links,
// browser sessions stored server-side, the sign-in audit, and API token scopes.
import { type Kysely, sql } from 'kysely';

const statements = [
  sql`create table rep_credentials (
    rep_id text primary key references reps(id),
    password_hash text,
    password_set_at timestamptz,
    failed_attempts integer not null default 0,
    locked_until timestamptz
  )`,
  sql`create table invitations (
    id text primary key,
    token_hash text not null unique,
    rep_id text not null references reps(id),
    kind text not null check (kind in ('invitation', 'reset')),
    created_by text references reps(id),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    revoked_at timestamptz
  )`,
  sql`create index invitations_rep on invitations (rep_id) where used_at is null and revoked_at is null`,
  sql`create table sessions (
    id text primary key,
    token_hash text not null unique,
    rep_id text not null references reps(id),
    method text not null,
    ip text,
    user_agent text,
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz
  )`,
  sql`create index sessions_rep on sessions (rep_id) where revoked_at is null`,
  sql`create table auth_audit (
    id text primary key,
    at timestamptz not null,
    rep_id text references reps(id),
    email text,
    method text not null,
    outcome text not null,
    reason text,
    ip text,
    user_agent text,
    actor_id text references reps(id)
  )`,
  sql`create index auth_audit_at on auth_audit (at)`,
  sql`create index auth_audit_rep on auth_audit (rep_id, at)`,
  sql`alter table api_tokens add column scopes text[] not null default '{read,write,admin}'`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table api_tokens drop column if exists scopes`.execute(db);
  for (const table of ['auth_audit', 'sessions', 'invitations', 'rep_credentials']) await sql`drop table if exists ${sql.table(table)}`.execute(db);
}
