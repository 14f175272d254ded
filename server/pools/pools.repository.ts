// Pools and their members (R1): the queries, nothing else; pools.service.ts decides.
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Database, PoolsTable } from '../db/database.js';

/** Pools by name; `ids` narrows them (null: all of them). */
/** Whether a pool with this id exists. */
export async function poolExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('pools').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function listPools(db: Kysely<Database>, ids: readonly string[] | null) {
  let q = db.selectFrom('pools').selectAll().orderBy('name');
  if (ids) q = q.where('id', 'in', ids.length > 0 ? [...ids] : ['']);
  return q.execute();
}

export async function listPoolMembers(db: Kysely<Database>, poolIds: readonly string[]) {
  return db.selectFrom('pool_members').selectAll().where('pool_id', 'in', [...poolIds]).execute();
}

/** Customers in each pool now, as counted by Postgres (bigint arrives as text). */
export async function countPoolCustomers(db: Kysely<Database>, poolIds: readonly string[]) {
  return db
    .selectFrom('customers')
    .select(['pool_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'pool')
    .where('pool_id', 'in', [...poolIds])
    .groupBy('pool_id')
    .execute();
}

/** The ids of the pools open to all, or listing this rep or (when given) this team. */
export async function listOpenPoolIds(db: Kysely<Database>, repId: string, teamId: string | null): Promise<string[]> {
  const rows = await db
    .selectFrom('pools as p')
    .leftJoin('pool_members as m', 'm.pool_id', 'p.id')
    .select('p.id')
    .where((eb) => eb.or([eb('p.open_to_all', '=', true), eb('m.rep_id', '=', repId), ...(teamId ? [eb('m.team_id', '=', teamId)] : [])]))
    .distinct()
    .execute();
  return rows.map((r) => r.id);
}

export async function insertPool(tx: Transaction<Database>, pool: Insertable<PoolsTable>) {
  await tx.insertInto('pools').values(pool).execute();
}

/** The pool, its row locked until the transaction ends; undefined when there is none. */
export async function lockPool(tx: Transaction<Database>, id: string) {
  return tx.selectFrom('pools').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updatePool(tx: Transaction<Database>, id: string, columns: Updateable<PoolsTable>) {
  await tx.updateTable('pools').set(columns).where('id', '=', id).execute();
}

/** Which of these teams and reps exist. */
export async function existingMembers(db: Kysely<Database>, teamIds: readonly string[], repIds: readonly string[]) {
  const ids = async (table: 'teams' | 'reps', wanted: readonly string[]) =>
    new Set(wanted.length === 0 ? [] : (await db.selectFrom(table).select('id').where('id', 'in', [...wanted]).execute()).map((r) => r.id));
  return { teams: await ids('teams', teamIds), reps: await ids('reps', repIds) };
}

/** Replaces the pool's members by these teams and reps. */
export async function replacePoolMembers(tx: Transaction<Database>, poolId: string, teamIds: readonly string[], repIds: readonly string[]) {
  await tx.deleteFrom('pool_members').where('pool_id', '=', poolId).execute();
  const rows = [...teamIds.map((t) => ({ pool_id: poolId, team_id: t, rep_id: null })), ...repIds.map((r) => ({ pool_id: poolId, team_id: null, rep_id: r }))];
  if (rows.length > 0) await tx.insertInto('pool_members').values(rows).execute();
}
