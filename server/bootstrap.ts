// First start: an admin and a token to sign in with, so a fresh install is usable at once.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from './db/database.js';
import { hashToken } from './auth/tokens.js';
import { createToken } from './auth/tokens.repository.js';

export interface BootstrapResult {
  /** The admin token, when this start created it or it is known from DATA_DIR / the environment. */
  token: string | null;
  created: boolean;
}

export async function bootstrapAdmin(
  db: Kysely<Database>,
  options: { configuredToken?: string | undefined; tokenFile?: string | undefined; now: Date },
): Promise<BootstrapResult> {
  const admin = await db.selectFrom('reps').select('id').where('role', '=', 'admin').executeTakeFirst();
  if (admin) {
    if (options.configuredToken) {
      const known = await db
        .selectFrom('api_tokens')
        .select('id')
        .where('token_hash', '=', hashToken(options.configuredToken))
        .executeTakeFirst();
      if (!known) await createToken(db, admin.id, 'bootstrap', options.configuredToken);
      return { token: options.configuredToken, created: !known };
    }
    const fromFile = options.tokenFile && existsSync(options.tokenFile) ? readFileSync(options.tokenFile, 'utf8').trim() : null;
    return { token: fromFile, created: false };
  }
  const token = await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('reps')
      .values({
        id: 'admin',
        name: 'Administrator',
        email: 'admin@highseas.local',
        role: 'admin',
        team_id: null,
        created_at: options.now,
        updated_at: options.now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return (await createToken(tx, 'admin', 'bootstrap', options.configuredToken)).token;
  });
  if (options.tokenFile && !options.configuredToken) {
    writeFileSync(options.tokenFile, `${token}\n`, { mode: 0o600 });
  }
  return { token, created: true };
}

export const adminTokenFile = (dataDir: string) => path.join(dataDir, 'admin-token');
