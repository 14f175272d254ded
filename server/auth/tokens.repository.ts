// Token rows: creation and the per-request lookup joined with the rep it belongs to.
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/database.js';
import { generateToken, hashToken } from './tokens.js';

export async function findActorByToken(db: Kysely<Database>, token: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('reps as r', 'r.id', 't.rep_id')
    .select([
      't.id as tokenId',
      't.expires_at as expiresAt',
      't.last_used_at as lastUsedAt',
      'r.id as repId',
      'r.name',
      'r.role',
      'r.team_id as teamId',
      'r.active',
    ])
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Records that a token was used, at most once per `everyMs`: the condition makes every other
 * request (and a concurrent process) a no-op, so authentication does not write on each request.
 */
export async function touchToken(db: Kysely<Database>, tokenId: string, now: Date, everyMs: number): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', new Date(now.getTime() - everyMs))]))
    .execute();
}

/** Creates a token for a rep; the plain token is returned once and never stored. */
export async function createToken(
  db: Kysely<Database>,
  repId: string,
  name: string,
  plain: string = generateToken(),
  options: { issuedBy?: string | null; expiresAt?: Date | null } = {},
): Promise<{ id: string; token: string }> {
  const id = uuidv7();
  await db
    .insertInto('api_tokens')
    .values({ id, rep_id: repId, name, token_hash: hashToken(plain), issued_by: options.issuedBy ?? null, expires_at: options.expiresAt ?? null })
    .execute();
  return { id, token: plain };
}
