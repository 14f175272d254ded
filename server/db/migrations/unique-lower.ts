// A unique index on lower(column) for a table whose rows may already differ only in case there. A
// migration cannot refuse a user's data: the first row of each such group (by created_at, then id)
// holds the value, the others are listed (id and value) in the index's predicate and exempt while
// they keep it; every new row and every change is checked.
import { type Kysely, sql } from 'kysely';

/** The rows whose `column` another row, made before, has in another case: id and lower(column). */
async function laterTwins(db: Kysely<any>, table: string, column: string) {
  const rows = await sql<{ id: string; value: string }>`
    select id, value from (
      select id, lower(${sql.ref(column)}) as value, row_number() over (partition by lower(${sql.ref(column)}) order by created_at, id) as n from ${sql.table(table)}
    ) ranked where n > 1 order by id`.execute(db);
  return rows.rows;
}

export async function uniqueLower(db: Kysely<any>, table: string, index: string, column: string): Promise<void> {
  const exempt = await laterTwins(db, table, column);
  const pairs = sql.join(exempt.map((t) => sql`(${sql.lit(t.id)}, ${sql.lit(t.value)})`));
  const where = exempt.length === 0 ? sql`` : sql` where (id, lower(${sql.ref(column)})) not in (${pairs})`;
  await sql`create unique index ${sql.id(index)} on ${sql.table(table)} (lower(${sql.ref(column)}))${where}`.execute(db);
}
