// Pools (R1): views with their members and customer counts, and the admin's changes, mapped from
// database refusals to the API's error codes.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { z } from 'zod';
import type { PoolBody, PoolUpdateBody } from '../../schemas/lifecycle.js';
import type { Language } from '../../schemas/language.js';
import { poolName } from '../../schemas/pool-name.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors.js';
import { patchColumns } from '../db/patch-columns.js';
import { AppError, ErrorCode } from '../errors.js';
import { countPoolCustomers, existingMembers, insertPool, listPoolMembers, listPools, lockPool, replacePoolMembers, updatePool } from './pools.repository.js';
import { type RequestIssue, invalidRequest } from '../request-issues.js';

interface PoolDeps {
  db: Kysely<Database>;
  clock: Clock;
}

/** The pools with these ids (null: all), by name, with their members and the customers in them now. */
export async function poolViews(db: Kysely<Database>, ids: string[] | null, language: Language) {
  const pools = await listPools(db, ids);
  if (pools.length === 0) return [];
  const poolIds = pools.map((p) => p.id);
  const members = await listPoolMembers(db, poolIds);
  const counts = await countPoolCustomers(db, poolIds);
  return pools.map((p) => ({
    id: p.id,
    name: poolName(p, language),
    description: p.description,
    openToAll: p.open_to_all,
    teamIds: members.filter((m) => m.pool_id === p.id && m.team_id).map((m) => m.team_id!),
    repIds: members.filter((m) => m.pool_id === p.id && m.rep_id).map((m) => m.rep_id!),
    customers: Number(counts.find((c) => c.pool_id === p.id)?.n ?? 0),
  }));
}

const unknownMembers = (issues: RequestIssue[]) => invalidRequest('body', issues, { message: 'A listed team or rep does not exist.' });

/** Refuses the listed teams and reps (those the body lists) that do not exist, each at its place. */
async function assertMembersExist(db: Kysely<Database>, teamIds: readonly string[] = [], repIds: readonly string[] = []) {
  const known = await existingMembers(db, teamIds, repIds);
  const issues = [
    ...teamIds.flatMap((t, i) => (known.teams.has(t) ? [] : [{ pointer: `/teamIds/${i}`, code: 'unknown' as const, params: { what: 'team', id: t } }])),
    ...repIds.flatMap((r, i) => (known.reps.has(r) ? [] : [{ pointer: `/repIds/${i}`, code: 'unknown' as const, params: { what: 'rep', id: r } }])),
  ];
  if (issues.length > 0) throw unknownMembers(issues);
}

/** Another pool has this id (its primary key) or this name, whatever their case (migration 2026-12-05-0004): refused at the field, as a team's are. */
function duplicatePool(e: unknown, pool: { id?: string | undefined; name?: string | undefined }): AppError {
  return isUniqueViolation(e, 'pools_pkey') || isUniqueViolation(e, 'pools_id_lower')
    ? new AppError(ErrorCode.CONFLICT, `A pool with the id "${pool.id}" exists already; choose another id.`, { pointer: '/id' })
    : new AppError(ErrorCode.CONFLICT, `A pool named "${pool.name}" exists already; choose another name.`, { pointer: '/name' });
}

/** The database's refusal of a write of `pool` (the id and name it was written with) in the API's words. */
const refuse =
  (pool: { id?: string | undefined; name?: string | undefined }) =>
  (e: unknown): never => {
    // A member removed between the check and the write.
    if (isForeignKeyViolation(e)) {
      const reps = /rep/.test((e as { constraint?: string }).constraint ?? '');
      throw unknownMembers([{ pointer: reps ? '/repIds' : '/teamIds', code: 'unknown', params: { what: reps ? 'rep' : 'team' } }]);
    }
    if (isUniqueViolation(e)) throw duplicatePool(e, pool);
    throw e;
  };

/** Creates a pool with its members; returns its view. */
export async function createPool(deps: PoolDeps, body: z.output<typeof PoolBody>, language: Language) {
  const id = body.id ?? newId();
  await assertMembersExist(deps.db, body.teamIds, body.repIds);
  await deps.db
    .transaction()
    .execute(async (tx) => {
      await insertPool(tx, { id, name: body.name, description: body.description ?? null, open_to_all: body.openToAll, created_at: deps.clock.now() });
      await replacePoolMembers(tx, id, body.teamIds, body.repIds);
    })
    .catch(refuse({ id, name: body.name }));
  return (await poolViews(deps.db, [id], language))[0]!;
}

/** Changes the fields the body names; members listed for one kind (teams or reps) keep the other's. */
export async function changePool(deps: PoolDeps, id: string, body: z.output<typeof PoolUpdateBody>, language: Language) {
  await assertMembersExist(deps.db, body.teamIds ?? undefined, body.repIds ?? undefined);
  const found = await deps.db
    .transaction()
    .execute(async (tx) => {
      if (!(await lockPool(tx, id))) return false;
      const columns = patchColumns(body, { name: 'name', description: 'description', openToAll: 'open_to_all' });
      if (Object.keys(columns).length > 0) await updatePool(tx, id, columns);
      if (body.teamIds !== undefined || body.repIds !== undefined) {
        const current = await listPoolMembers(tx, [id]);
        await replacePoolMembers(
          tx,
          id,
          body.teamIds ?? current.filter((m) => m.team_id).map((m) => m.team_id!),
          body.repIds ?? current.filter((m) => m.rep_id).map((m) => m.rep_id!),
        );
      }
      return true;
    })
    .catch(refuse({ id, name: body.name ?? undefined }));
  if (!found) throw new AppError(ErrorCode.NOT_FOUND, `No pool ${id}.`);
  return (await poolViews(deps.db, [id], language))[0]!;
}
