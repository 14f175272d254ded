// Token rows: creation and the per-request lookup joined with the rep it belongs to.
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/database.js';
import { generateToken, hashToken } from './tokens.js';

export async function findActorByToken(db: Kysely<Database>, token: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('reps as r', 'r.id', 't.rep_id')
    .select(['t.id as tokenId', 'r.id as repId', 'r.name', 'r.role', 'r.team_id as teamId', 'r.active'])
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Creates a token for a rep; the plain token is returned once and never stored. */
export async function createToken(
  db: Kysely<Database>,
  repId: string,
  name: string,
  plain: string = generateToken(),
): Promise<{ id: string; token: string }> {
  const id = uuidv7();
  await db
    .insertInto('api_tokens')
    .values({ id, rep_id: repId, name, token_hash: hashToken(plain) })
    .execute();
  return { id, token: plain };
}
