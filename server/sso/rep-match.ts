// The rep a provider vouches for: by verified e-mail, by a claim the admin chose (a rep's id or
// e-mail), or by the chat platform's user id stored on the rep. OpenID Connect may create an unknown
// person as a rep (just in time) with the configured role and team.
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, Rep } from '../db/database.js';
import { normalizeEmail } from '../../schemas/reps.js';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors.js';
import type { Identity } from './login-provider.js';
import { SsoRefusal } from './sso-refusal.js';
import type { OidcSettings } from './sso-settings.js';

export async function findRepFor(db: Kysely<Database>, who: Identity): Promise<Rep | undefined> {
  const reps = db.selectFrom('reps').selectAll();
  switch (who.match) {
    case 'email':
      return reps.where(sql<string>`lower(email)`, '=', normalizeEmail(who.email)).executeTakeFirst();
    case 'claim':
      return reps
        .where((eb) => eb.or([eb('id', '=', who.value), eb(sql<string>`lower(email)`, '=', normalizeEmail(who.value))]))
        .orderBy(sql`id = ${who.value}`, 'desc')
        .executeTakeFirst();
    default: {
      const ids = [who.value, ...(who.alternatives ?? [])];
      // Two reps with one platform id would be ambiguous: nobody is signed in.
      const found = await reps.where(who.match, 'in', ids).limit(2).execute();
      if (found.length > 1) throw new SsoRefusal('unknown_user', `${found.length} reps carry ${who.match} ${who.value}`);
      return found[0];
    }
  }
}

/** Creates the rep on first OpenID Connect sign-in (OIDC_JIT); needs a verified e-mail. */
export async function createRepJustInTime(db: Kysely<Database>, who: Identity, jit: NonNullable<OidcSettings['jit']>, now: Date): Promise<Rep> {
  const verified = who.match === 'email' ? who.email : who.match === 'claim' ? who.email : null;
  // Stored as every rep's e-mail is, so the fallback below and later sign-ins find it whatever its case.
  const email = verified ? normalizeEmail(verified) : null;
  if (!email) throw new SsoRefusal('unknown_user', 'no rep matches, and without a verified e-mail none is created');
  const name = ('name' in who && who.name?.trim()) || verified!.trim();
  const base = email.split('@')[0]!.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'rep';
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`;
    try {
      return await db
        .insertInto('reps')
        .values({ id, name: name.slice(0, 120), email, role: jit.role, team_id: jit.teamId, hired_at: now.toISOString().slice(0, 10), tags: [], created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new SsoRefusal('unknown_user', `no rep matches, and the team for new reps (OIDC_JIT_TEAM ${jit.teamId}) does not exist`);
      if (!isUniqueViolation(error)) throw error;
      // The e-mail arrived meanwhile (another tab's sign-in): that rep it is.
      const existing = await db.selectFrom('reps').selectAll().where(sql<string>`lower(email)`, '=', email).executeTakeFirst();
      if (existing) return existing;
    }
  }
  throw new SsoRefusal('unknown_user', `no free rep id for ${email}`);
}
