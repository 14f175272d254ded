// First start: an admin, a one-time link where they set their password (then sign in to the admin
// UI with e-mail and password), and an API token for integrations, so a fresh install is usable at
// once. Safe when several processes start together on an empty database: they take turns under an
// advisory lock.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Database } from './db/database.js';
import { hashToken } from './tokens/tokens.js';
import { createToken } from './tokens/tokens.repository.js';
import { createInvitation } from './auth/credentials.repository.js';

/** The first admin's e-mail, to sign in with. */
export const BOOTSTRAP_ADMIN_EMAIL = 'admin@highseas.local';

export interface BootstrapResult {
  /** The admin token, when this start created it or it is known from DATA_DIR / the environment. */
  token: string | null;
  /** This start stored the token (the admin's first token, or BOOTSTRAP_ADMIN_TOKEN seen for the first time). */
  created: boolean;
  /** The token is BOOTSTRAP_ADMIN_TOKEN (the operator knows it; it is never printed). */
  configured: boolean;
  /** Where the generated token is kept (embedded database only). */
  tokenFile: string | null;
  /** The start that created the admin: their e-mail and a one-time link secret to set a password. */
  invitation?: { email: string; token: string; expiresAt: Date } | null;
}

export async function bootstrapAdmin(
  db: Kysely<Database>,
  options: { configuredToken?: string | undefined; tokenFile?: string | undefined; now: Date; invitationValidMs?: number },
): Promise<BootstrapResult> {
  const configured = Boolean(options.configuredToken);
  const tokenFile = options.tokenFile ?? null;
  return db.transaction().execute(async (tx) => {
    // Held to the end of the transaction: a second process waits, then finds the admin (and token).
    await sql`select pg_advisory_xact_lock(hashtext('highseas:bootstrap-admin'))`.execute(tx);
    const admin = await tx.selectFrom('reps').select('id').where('role', '=', 'admin').executeTakeFirst();
    if (admin) {
      if (options.configuredToken) {
        const known = await tx
          .selectFrom('api_tokens')
          .select('id')
          .where('token_hash', '=', hashToken(options.configuredToken))
          .executeTakeFirst();
        if (!known) await createToken(tx, admin.id, 'bootstrap', options.configuredToken);
        return { token: options.configuredToken, created: !known, configured, tokenFile };
      }
      const fromFile = tokenFile && existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : null;
      return { token: fromFile, created: false, configured, tokenFile };
    }
    await tx
      .insertInto('reps')
      .values({
        id: 'admin',
        name: 'Administrator',
        email: BOOTSTRAP_ADMIN_EMAIL,
        role: 'admin',
        team_id: null,
        created_at: options.now,
        updated_at: options.now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const { token } = await createToken(tx, 'admin', 'bootstrap', options.configuredToken);
    const link = await createInvitation(tx, { repId: 'admin', kind: 'invitation', createdBy: null, now: options.now, validMs: options.invitationValidMs ?? 72 * 3_600_000 });
    // Written before the commit: a token in the database is never one nobody can read.
    if (tokenFile && !configured) writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    return { token, created: true, configured, tokenFile, invitation: { email: BOOTSTRAP_ADMIN_EMAIL, token: link.token, expiresAt: link.expiresAt } };
  });
}

export const adminTokenFile = (dataDir: string) => path.join(dataDir, 'admin-token');
