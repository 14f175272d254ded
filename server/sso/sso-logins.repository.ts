// Sign-ins waiting for their provider: begun with a fresh random state, finished (deleted) once.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { SsoMethod } from './sso-settings.js';

const hash = (state: string) => createHash('sha256').update(state).digest('hex');

export async function beginLogin(
  db: Kysely<Database>,
  input: { method: SsoMethod; nonce: string | null; codeVerifier: string | null; now: Date; timeoutMs: number },
): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  // Abandoned sign-ins are removed as new ones begin.
  await db.deleteFrom('sso_logins').where('expires_at', '<', input.now).execute();
  await db
    .insertInto('sso_logins')
    .values({
      state_hash: hash(state),
      method: input.method,
      nonce: input.nonce,
      code_verifier: input.codeVerifier,
      created_at: input.now,
      expires_at: new Date(input.now.getTime() + input.timeoutMs),
    })
    .execute();
  return state;
}

/** The sign-in this state began, removed so it finishes once; null for an unknown or used state. */
export async function takeLogin(db: Kysely<Database>, method: SsoMethod, state: string) {
  return db.deleteFrom('sso_logins').where('state_hash', '=', hash(state)).where('method', '=', method).returningAll().executeTakeFirst();
}
