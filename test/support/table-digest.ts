// What is stored, as one digest per table, to show that a refused request wrote nothing: an update
// shows as well as an insert. A token's last use is left out (authentication records it, at most
// once a minute, whatever is answered), and so are the tables a refusal writes to on purpose: the
// sign-in audit and the count of failed sign-ins for unknown e-mails (towards their lockout).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/db/database.js';

export async function storedTables(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
      and table_name not in ('auth_audit', 'unknown_sign_ins')`.execute(db);
  return rows.map((r) => r.table_name).sort();
}

/** A digest of every row of every table in `tables`, in one statement. */
export async function tableDigests(db: Kysely<Database>, tables: readonly string[]): Promise<Record<string, string>> {
  const row = (t: string) => (t === 'api_tokens' ? `(to_jsonb(x) - 'last_used_at')::text` : 'x::text');
  const union = tables.map((t) => `select '${t}' as t, md5(coalesce(string_agg(${row(t)}, '|' order by ${row(t)}), '')) as d from "${t}" x`).join(' union all ');
  const { rows } = await sql<{ t: string; d: string }>`${sql.raw(union)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.t, r.d]));
}
