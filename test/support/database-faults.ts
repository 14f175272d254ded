// Faults in the real database for tests: a trigger that fails the first matching write to a table
// (as a dropped connection would) and lets every later one through, wherever the code runs it.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/db/database.js';

export interface FirstWriteFault {
  /** Names the trigger, its function and its counter. */
  name: string;
  table: string;
  event: 'insert' | 'update' | 'delete';
  /** A row-level condition on `new` (insert, update) or `old` (delete); statement-level when absent. */
  when?: string;
}

export async function failFirstWrite(db: Kysely<Database>, f: FirstWriteFault): Promise<void> {
  await sql`create sequence ${sql.raw(`${f.name}_faults`)}`.execute(db);
  await sql`create function ${sql.raw(f.name)}() returns trigger language plpgsql as ${sql.lit(`
    begin
      if (${f.when ?? 'true'}) and nextval('${f.name}_faults') = 1 then raise exception 'connection terminated unexpectedly'; end if;
      if TG_LEVEL = 'STATEMENT' then return null; elsif TG_OP = 'DELETE' then return old; else return new; end if;
    end`)}`.execute(db);
  await sql`create trigger ${sql.raw(f.name)} before ${sql.raw(f.event)} on ${sql.table(f.table)} for each ${sql.raw(f.when ? 'row' : 'statement')} execute function ${sql.raw(f.name)}()`.execute(db);
}

/** Whether the fault's write came (and so failed). */
export async function firstWriteFailed(db: Kysely<Database>, name: string): Promise<boolean> {
  const { rows } = await sql<{ is_called: boolean }>`select is_called from ${sql.raw(`${name}_faults`)}`.execute(db);
  return rows[0]!.is_called;
}
