// Quotations and proforma invoices from company templates (issue 15 §3): the XLSX templates admins
// upload, the company profile the documents print, and every document generated from a quote.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table document_templates (
    id text primary key,
    kind text not null check (kind in ('quotation', 'proforma_invoice')),
    language text not null check (language in ('en', 'zh')),
    name text not null,
    file_name text not null,
    file bytea not null,
    sha256 text not null,
    bytes integer not null,
    sheets jsonb not null,
    placeholders jsonb not null,
    active boolean not null default true,
    uploaded_by text not null references reps(id),
    uploaded_at timestamptz not null,
    deactivated_by text references reps(id),
    deactivated_at timestamptz
  )`.execute(db);
  await sql`create index document_templates_active on document_templates (kind, language, uploaded_at) where active`.execute(db);
  // One row: what the documents print about the company (name, address, bank, signature).
  await sql`create table company_profile (
    id text primary key check (id = 'company'),
    profile jsonb not null,
    updated_by text not null references reps(id),
    updated_at timestamptz not null
  )`.execute(db);
  await sql`create table documents (
    id text primary key,
    customer_id text not null references customers(id),
    quote_id text not null references quotes(id),
    quote_number text not null,
    quote_version integer not null,
    kind text not null check (kind in ('quotation', 'proforma_invoice')),
    language text not null,
    template_id text not null,
    template_name text not null,
    template_sha256 text not null,
    approvals jsonb not null,
    data jsonb not null,
    file_name text not null,
    file bytea not null,
    sha256 text not null,
    bytes integer not null,
    generated_by text not null references reps(id),
    generated_at timestamptz not null
  )`.execute(db);
  await sql`create index documents_customer on documents (customer_id, generated_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['documents', 'company_profile', 'document_templates']) await sql`drop table if exists ${sql.raw(t)}`.execute(db);
}
