// Which pools a rep may see and claim from (R1): pools open to all, or those listing the rep or
// the rep's team. Admins see every pool.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import { AppError, ErrorCode } from '../errors.js';
import { listOpenPoolIds } from './pools.repository.js';

export interface PoolUser {
  id: string;
  role: string;
  teamId: string | null;
}

/** The pools open to this user; null means all of them (admins). */
export async function openPoolIds(db: Kysely<Database>, user: PoolUser): Promise<string[] | null> {
  if (user.role === 'admin') return null;
  return listOpenPoolIds(db, user.id, user.teamId);
}

/** Whether a pool is open to this user, answered for any number of pools after one read. */
export async function poolsOpenTo(db: Kysely<Database>, user: PoolUser): Promise<(poolId: string) => boolean> {
  const open = await openPoolIds(db, user);
  return (poolId) => open === null || open.includes(poolId);
}

export async function canUsePool(db: Kysely<Database>, poolId: string, user: PoolUser): Promise<boolean> {
  return (await poolsOpenTo(db, user))(poolId);
}

/**
 * The one check wherever someone chooses the pool customers go to (a create, an import, a bulk
 * move, a handover): 403 POOL_CLOSED, pointing at the field that chose it, when the pool is not
 * open to the actor. Admins may use any pool. It does not limit whom the assignment rules pick.
 */
export async function assertPoolOpen(db: Kysely<Database>, poolId: string, actor: Pick<Actor, 'repId' | 'role' | 'teamId'>, pointer: string): Promise<void> {
  if (await canUsePool(db, poolId, { id: actor.repId, role: actor.role, teamId: actor.teamId })) return;
  throw new AppError(ErrorCode.POOL_CLOSED, `Pool "${poolId}" is not open to you.`, { pointer, poolId });
}
