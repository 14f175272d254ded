// A rep's API tokens as admins manage them: listing (never the secret) and revoking. Issuing and the
// per-request lookup live in server/auth/tokens.repository.ts; the lookup ignores revoked rows, so a
// revocation takes effect on the very next request.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export interface TokenRow {
  id: string;
  rep_id: string;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
  issued_by: string | null;
  last_used_at: Date | null;
  expires_at: Date | null;
}

const columns = ['id', 'rep_id', 'name', 'created_at', 'revoked_at', 'issued_by', 'last_used_at', 'expires_at'] as const;

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
