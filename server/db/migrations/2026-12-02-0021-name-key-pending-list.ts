// The trigram index of company-name keys takes new entries into a short pending list again
// (bench/import.bench.ts): updating the index entry by entry cost about 75 ms for each 1,350
// customers an import batch created (4.6 s against 1.0 s over 67,500), while a pending list held
// to 1 MB keeps what a query reads besides the index small (a look-up measured 10 ms either way).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter index customers_name_key_trgm set (fastupdate = on, gin_pending_list_limit = 1024)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter index customers_name_key_trgm set (fastupdate = off)`.execute(db);
  await sql`alter index customers_name_key_trgm reset (gin_pending_list_limit)`.execute(db);
}
