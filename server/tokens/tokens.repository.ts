// Token rows: issuing, the per-request lookup joined with the rep it belongs to, and listing and
// revoking as admins manage them (never the secret). The lookup ignores revoked rows, so a
// revocation takes effect on the very next request.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
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
      't.scopes',
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
  options: { issuedBy?: string | null; expiresAt?: Date | null; scopes?: string[] } = {},
): Promise<{ id: string; token: string }> {
  const id = newId();
  await db
    .insertInto('api_tokens')
    .values({ id, rep_id: repId, name, token_hash: hashToken(plain), issued_by: options.issuedBy ?? null, expires_at: options.expiresAt ?? null, ...(options.scopes ? { scopes: options.scopes } : {}) })
    .execute();
  return { id, token: plain };
}

export interface TokenRow {
  id: string;
  rep_id: string;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
  issued_by: string | null;
  last_used_at: Date | null;
  expires_at: Date | null;
  scopes: string[];
}

const columns = ['id', 'rep_id', 'name', 'created_at', 'revoked_at', 'issued_by', 'last_used_at', 'expires_at', 'scopes'] as const;

/** Every token of a rep, revoked ones included, newest first. */
export async function listTokens(db: Kysely<Database>, repId: string): Promise<TokenRow[]> {
  return db.selectFrom('api_tokens').select(columns).where('rep_id', '=', repId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/**
 * Revokes one token of a rep. Revoking a revoked token changes nothing (its first revocation time is
 * kept); undefined when the rep has no such token.
 */
export async function revokeToken(db: Kysely<Database>, repId: string, tokenId: string, now: Date): Promise<TokenRow | undefined> {
  const revoked = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('rep_id', '=', repId)
    .where('revoked_at', 'is', null)
    .returning(columns)
    .executeTakeFirst();
  return revoked ?? db.selectFrom('api_tokens').select(columns).where('id', '=', tokenId).where('rep_id', '=', repId).executeTakeFirst();
}
