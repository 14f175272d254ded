// Near-duplicate company names and the duplicate look-up (issue 14 §2, §3): pg_trgm, each
// customer's similarity key (server/names/name-key.ts) with a trigram index, the pairs found
// (and those an admin dismissed), and the audit of reps' look-ups.
import { type Kysely, sql } from 'kysely';
import { nameKey } from '../../names/name-key.js';

const BATCH = 2000;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`alter table customers add column name_key text, add column name_trades text, add column name_places text, add column name_hanzi text`.execute(db);
  // The key is computed in TypeScript (pinyin); existing customers get theirs here.
  for (let after = ''; ; ) {
    const rows = await sql<{ id: string; company_name: string }>`
      select id, company_name from customers where id > ${after} order by id limit ${BATCH}`.execute(db);
    if (rows.rows.length === 0) break;
    const keys = rows.rows.map((r) => nameKey(r.company_name));
    await sql`update customers c set name_key = k.key, name_trades = k.trades, name_places = k.places, name_hanzi = k.hanzi
      from unnest(${rows.rows.map((r) => r.id)}::text[], ${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.trades)}::text[], ${keys.map((k) => k.places)}::text[], ${keys.map((k) => k.hanzi)}::text[])
        as k(id, key, trades, places, hanzi)
      where c.id = k.id`.execute(db);
    after = rows.rows.at(-1)!.id;
  }
  // Without the pending list: imports insert and then ask at once, and a long pending list is read
  // in full by every query until a vacuum merges it. (Migration 0021 brings back a short one.)
  await sql`create index customers_name_key_trgm on customers using gin (name_key gin_trgm_ops) with (fastupdate = off)`.execute(db);
  await sql`create table duplicate_pairs (
    customer_a text not null references customers(id),
    customer_b text not null references customers(id),
    score real not null,
    found_at timestamptz not null,
    dismissed_by text references reps(id),
    dismissed_at timestamptz,
    primary key (customer_a, customer_b),
    check (customer_a < customer_b)
  )`.execute(db);
  await sql`create index duplicate_pairs_open on duplicate_pairs (score desc, customer_a, customer_b) where dismissed_at is null`.execute(db);
  await sql`create table customer_lookups (
    id text primary key,
    rep_id text not null references reps(id),
    query text not null,
    kinds text[] not null,
    matches integer not null,
    at timestamptz not null
  )`.execute(db);
  await sql`create index customer_lookups_rep_at on customer_lookups (rep_id, at desc)`.execute(db);
  await sql`create index customer_lookups_at on customer_lookups (at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists customer_lookups`.execute(db);
  await sql`drop table if exists duplicate_pairs`.execute(db);
  await sql`drop index if exists customers_name_key_trgm`.execute(db);
  await sql`alter table customers drop column if exists name_key, drop column if exists name_trades, drop column if exists name_places, drop column if exists name_hanzi`.execute(db);
}
