// Test cases of each decision (facts in, expected outcome out) that gate publishing, and the
// append-only history of every case added, changed or removed (who, when, before, after).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table rule_test_cases (
    id text primary key,
    decision text not null check (decision in ('assignment', 'grading', 'caps', 'approval', 'reclaim')),
    name text not null,
    facts jsonb not null,
    expected jsonb not null,
    created_by text references reps(id),
    created_at timestamptz not null default now(),
    updated_by text references reps(id),
    updated_at timestamptz not null default now(),
    removed_at timestamptz,
    removed_by text references reps(id)
  )`.execute(db);
  await sql`create unique index rule_test_cases_live_name on rule_test_cases (decision, name) where removed_at is null`.execute(db);
  await sql`create table rule_test_case_history (
    id text primary key,
    test_case_id text not null references rule_test_cases(id),
    decision text not null,
    action text not null check (action in ('added', 'changed', 'removed')),
    by_rep text references reps(id),
    at timestamptz not null,
    before jsonb,
    after jsonb
  )`.execute(db);
  await sql`create index rule_test_case_history_decision on rule_test_case_history (decision, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists rule_test_case_history`.execute(db);
  await sql`drop table if exists rule_test_cases`.execute(db);
}
