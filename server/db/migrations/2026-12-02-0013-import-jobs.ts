// Imports as jobs (R11, issue 14): the upload staged as rows of cells (kept until it expires, so a
// preview can be committed and the rejects rebuilt in the upload's own columns), the jobs that
// process it, and each job's per-row outcome, written in the transaction that acts on the row.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table import_uploads (
    id text primary key,
    file_name text not null,
    format text not null check (format in ('csv', 'xlsx')),
    headers jsonb not null,
    rows_total int not null,
    created_by text not null references reps(id),
    created_at timestamptz not null,
    expires_at timestamptz not null
  )`.execute(db);
  await sql`create index import_uploads_expiry on import_uploads (expires_at)`.execute(db);
  await sql`create table import_upload_rows (
    upload_id text not null references import_uploads(id) on delete cascade,
    row_no int not null,
    cells jsonb not null,
    primary key (upload_id, row_no)
  )`.execute(db);
  await sql`create table import_jobs (
    id text primary key,
    upload_id text not null,
    file_name text not null,
    format text not null check (format in ('csv', 'xlsx')),
    mode text not null check (mode in ('preview', 'commit')),
    status text not null check (status in ('queued', 'running', 'previewed', 'completed', 'cancelled', 'failed')),
    options jsonb not null,
    mapping jsonb not null,
    unmapped_columns jsonb not null,
    rows_total int not null,
    next_row int not null,
    rows_done int not null default 0,
    created int not null default 0,
    duplicates int not null default 0,
    updated int not null default 0,
    refused int not null default 0,
    assigned int not null default 0,
    cancel_requested boolean not null default false,
    created_by text not null references reps(id),
    team_id text,
    preview_job_id text,
    committed_job_id text,
    error text,
    created_at timestamptz not null,
    started_at timestamptz,
    finished_at timestamptz,
    upload_expires_at timestamptz not null
  )`.execute(db);
  await sql`create index import_jobs_newest on import_jobs (created_at desc, id desc)`.execute(db);
  await sql`create table import_job_rows (
    job_id text not null references import_jobs(id) on delete cascade,
    row_no int not null,
    outcome text not null check (outcome in ('created', 'duplicate', 'updated', 'refused')),
    customer_id text,
    duplicate_of jsonb,
    errors jsonb,
    assignment jsonb,
    filled_fields jsonb,
    possible_duplicates jsonb,
    tenure text check (tenure in ('pending', 'started', 'refused')),
    primary key (job_id, row_no)
  )`.execute(db);
  await sql`create index import_job_rows_outcome on import_job_rows (job_id, outcome, row_no)`.execute(db);
  await sql`create index import_job_rows_tenure on import_job_rows (job_id, row_no) where tenure = 'pending'`.execute(db);
  // A preview writes no customer, so the identities its earlier rows would have taken are kept here.
  await sql`create table import_claims (
    job_id text not null references import_jobs(id) on delete cascade,
    key text not null,
    row_no int not null,
    primary key (job_id, key)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['import_claims', 'import_job_rows', 'import_jobs', 'import_upload_rows', 'import_uploads']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
