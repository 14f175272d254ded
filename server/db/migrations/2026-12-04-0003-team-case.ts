// A team's id and name are one whatever their case ("West", "west" and "WEST" are one team), as a
// rep's e-mail is: unique indexes on lower(id) and lower(name). A migration cannot refuse a user's
// data, so teams that already differ only in case are left as they are: the first of each such
// group (by created_at, then id) holds the value, the others are listed (id and value) in the
// index's predicate and exempt while they keep it; every new team and every rename is checked.
import { type Kysely, sql } from 'kysely';

/** The teams whose `column` another team, made before, has in another case: id and lower(column). */
async function laterTwins(db: Kysely<any>, column: 'id' | 'name') {
  const rows = await sql<{ id: string; value: string }>`
    select id, value from (
      select id, lower(${sql.ref(column)}) as value, row_number() over (partition by lower(${sql.ref(column)}) order by created_at, id) as n from teams
    ) ranked where n > 1 order by id`.execute(db);
  return rows.rows;
}

/**
 * A unique index on lower(column), the later twins exempt while they keep the value they have (a
 * twin renamed is checked like any team; ids never change).
 */
async function uniqueLower(db: Kysely<any>, index: string, column: 'id' | 'name') {
  const exempt = await laterTwins(db, column);
  const pairs = sql.join(exempt.map((t) => sql`(${sql.lit(t.id)}, ${sql.lit(t.value)})`));
  const where = exempt.length === 0 ? sql`` : sql` where (id, lower(${sql.ref(column)})) not in (${pairs})`;
  await sql`create unique index ${sql.id(index)} on teams (lower(${sql.ref(column)}))${where}`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await uniqueLower(db, 'teams_id_lower', 'id');
  await uniqueLower(db, 'teams_name_lower', 'name');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists teams_name_lower`.execute(db);
  await sql`drop index if exists teams_id_lower`.execute(db);
}
