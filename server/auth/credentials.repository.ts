// Reps' passwords and lockout state (rep_credentials), and one-time invitation and reset links
// (invitations: only the SHA-256 of the link's secret is stored).
import { randomBytes } from 'node:crypto';
import { type Kysely, type Transaction, sql } from 'kysely';
import { newId } from '../ids.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Database } from '../db/database.js';
import { normalizeEmail } from '../../schemas/reps.js';
import { hashToken } from '../tokens/tokens.js';

export async function findSignInCandidate(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('reps as r')
    .leftJoin('rep_credentials as c', 'c.rep_id', 'r.id')
    .select(['r.id', 'r.name', 'r.role', 'r.active', 'c.password_hash', 'c.locked_until', 'c.failed_attempts'])
    .where(sql<string>`lower(r.email)`, '=', normalizeEmail(email))
    .executeTakeFirst();
}

export async function findCredentials(db: Kysely<Database>, repId: string) {
  return db.selectFrom('rep_credentials').selectAll().where('rep_id', '=', repId).executeTakeFirst();
}

/**
 * Whether a rep has signed up: they have a password, or have signed in by any method (a rep who
 * signs in only through single sign-on has no password). An invitation is for reps who have not;
 * giving one who has a password is the admin's forced reset. The reps list's `signedUp` is this.
 */
export function hasSignedUp(creds: { password_hash: string | null; last_signed_in_at: Date | null } | undefined): boolean {
  return Boolean(creds && (creds.password_hash !== null || creds.last_signed_in_at !== null));
}

/** Records a sign-in (every method: createSession calls it), so the rep counts as signed up from now on. */
export async function recordSignIn(db: Kysely<Database>, repId: string, now: Date): Promise<void> {
  await db
    .insertInto('rep_credentials')
    .values({ rep_id: repId, password_hash: null, last_signed_in_at: now })
    .onConflict((oc) => oc.column('rep_id').doUpdateSet({ last_signed_in_at: now }))
    .execute();
}

/**
 * The rep's credentials locked for the transaction (the row made if missing), so a sign-in that
 * records itself meanwhile waits and a link used at the same time sees it.
 */
export async function lockCredentials(tx: Transaction<Database>, repId: string) {
  await tx.insertInto('rep_credentials').values({ rep_id: repId, password_hash: null }).onConflict((oc) => oc.column('rep_id').doNothing()).execute();
  return tx.selectFrom('rep_credentials').selectAll().where('rep_id', '=', repId).forUpdate().executeTakeFirstOrThrow();
}

/**
 * An account's (or an unknown e-mail's) guesses, counted before each password is checked: passwords
 * sent at once take their numbers as they arrive, so no more than `lockoutAfter` in a row are ever
 * checked. `take` answers the guess's number, or until when the account is locked (a guess past the
 * count locks it at once, unchecked); `lock` locks it after a wrong guess that reached the count.
 * A successful sign-in clears the count (clearFailures).
 */
export interface Guesses {
  take(): Promise<{ attempt: number } | { lockedUntil: Date }>;
  lock(): Promise<Date>;
}

interface GuessesPolicy {
  now: Date;
  lockoutAfter: number;
  lockoutMs: number;
}

function guesses(p: GuessesPolicy, counted: () => Promise<number | undefined>, lockedUntil: () => Promise<Date | null>, setLock: (until: Date) => Promise<unknown>): Guesses {
  const lock = async () => {
    const until = new Date(p.now.getTime() + p.lockoutMs);
    // Counting starts again when the lock ends.
    await setLock(until);
    return until;
  };
  return {
    async take() {
      const attempt = await counted();
      if (attempt === undefined) {
        const until = await lockedUntil();
        // Unlocked in between (an admin, a success): taken as locked this once.
        return { lockedUntil: until ?? new Date(p.now.getTime() + p.lockoutMs) };
      }
      if (attempt > p.lockoutAfter) return { lockedUntil: await lock() };
      return { attempt };
    },
    lock,
  };
}

/** A known account's guesses (rep_credentials). */
export function accountGuesses(db: Kysely<Database>, repId: string, p: GuessesPolicy): Guesses {
  return guesses(
    p,
    async () =>
      (
        await db
          .insertInto('rep_credentials')
          .values({ rep_id: repId, password_hash: null, failed_attempts: 1 })
          .onConflict((oc) =>
            oc
              .column('rep_id')
              .doUpdateSet({ failed_attempts: sql`rep_credentials.failed_attempts + 1` })
              .where((eb) => eb.or([eb('rep_credentials.locked_until', 'is', null), eb('rep_credentials.locked_until', '<=', p.now)])),
          )
          .returning(['failed_attempts'])
          .executeTakeFirst()
      )?.failed_attempts,
    async () => (await findCredentials(db, repId))?.locked_until ?? null,
    (until) => db.updateTable('rep_credentials').set({ locked_until: until, failed_attempts: 0 }).where('rep_id', '=', repId).execute(),
  );
}

/** The key of an e-mail no rep has: its trimmed, lower-cased form, hashed (the e-mail itself is in the audit). */
const unknownKey = (email: string) => hashToken(normalizeEmail(email));

/**
 * The guesses for an e-mail no rep has, counted as an account's are: after `lockoutAfter` wrong
 * passwords in a row it is locked for `lockoutMs`, so the answers do not tell whether an account
 * exists. Entries idle for a day are dropped.
 */
export function unknownGuesses(db: Kysely<Database>, email: string, p: GuessesPolicy): Guesses {
  const key = unknownKey(email);
  return guesses(
    p,
    async () => {
      await db.deleteFrom('unknown_sign_ins').where('updated_at', '<', new Date(p.now.getTime() - 86_400_000)).execute();
      const row = await db
        .insertInto('unknown_sign_ins')
        .values({ email_hash: key, failed_attempts: 1, locked_until: null, updated_at: p.now })
        .onConflict((oc) =>
          oc
            .column('email_hash')
            .doUpdateSet({ failed_attempts: sql`unknown_sign_ins.failed_attempts + 1`, updated_at: p.now })
            .where((eb) => eb.or([eb('unknown_sign_ins.locked_until', 'is', null), eb('unknown_sign_ins.locked_until', '<=', p.now)])),
        )
        .returning(['failed_attempts'])
        .executeTakeFirst();
      return row?.failed_attempts;
    },
    async () => (await db.selectFrom('unknown_sign_ins').select('locked_until').where('email_hash', '=', key).executeTakeFirst())?.locked_until ?? null,
    (until) => db.updateTable('unknown_sign_ins').set({ locked_until: until, failed_attempts: 0 }).where('email_hash', '=', key).execute(),
  );
}

/** After a successful sign-in, or an admin's unlock: no failures, no lock. True when it was locked. */
export async function clearFailures(db: Kysely<Database>, repId: string, now: Date): Promise<boolean> {
  const before = await findCredentials(db, repId);
  await db.updateTable('rep_credentials').set({ failed_attempts: 0, locked_until: null }).where('rep_id', '=', repId).execute();
  return Boolean(before?.locked_until && before.locked_until.getTime() > now.getTime());
}

/** Sets (or, with null, removes) a rep's password; a new password also lifts a lock. */
export async function setPasswordHash(db: Kysely<Database>, repId: string, hash: string | null, now: Date): Promise<void> {
  const values = { password_hash: hash, password_set_at: hash ? now : null, failed_attempts: 0, locked_until: null };
  await db
    .insertInto('rep_credentials')
    .values({ rep_id: repId, ...values })
    .onConflict((oc) => oc.column('rep_id').doUpdateSet(values))
    .execute();
}

export type LinkKind = 'invitation' | 'reset';

/**
 * A new one-time link for a rep; any earlier open link of theirs stops working. Under a lock on the
 * rep's row, so links issued at once are made in turn and only the last stays open (a unique index
 * keeps one open link per rep, migration 2026-12-04-0005).
 *
 * @example
 * const link = await db.transaction().execute((tx) => createInvitation(tx, { repId, kind: 'reset', createdBy, now, validMs }));
 */
export async function createInvitation(
  tx: Transaction<Database>,
  input: { repId: string; kind: LinkKind; createdBy: string | null; now: Date; validMs: number },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const id = newId();
  const expiresAt = new Date(input.now.getTime() + input.validMs);
  const rep = await tx.selectFrom('reps').select('id').where('id', '=', input.repId).forUpdate().executeTakeFirst();
  if (!rep) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${input.repId} does not exist.`, { repId: input.repId });
  await revokeOpenInvitations(tx, input.repId, input.now, id);
  await tx
    .insertInto('invitations')
    .values({ id, token_hash: hashToken(token), rep_id: input.repId, kind: input.kind, created_by: input.createdBy, created_at: input.now, expires_at: expiresAt })
    .execute();
  return { id, token, expiresAt };
}

/** Revokes the rep's open link, if any; `replacedBy` names the link being issued in its place. */
export async function revokeOpenInvitations(db: Kysely<Database>, repId: string, now: Date, replacedBy: string | null = null): Promise<void> {
  await db.updateTable('invitations').set({ revoked_at: now, replaced_by: replacedBy }).where('rep_id', '=', repId).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
}

export async function findInvitation(db: Kysely<Database>, token: string) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('reps as r', 'r.id', 'i.rep_id')
    .select(['i.id', 'i.kind', 'i.created_at', 'i.expires_at', 'i.used_at', 'i.revoked_at', 'i.replaced_by', 'r.id as repId', 'r.name', 'r.email', 'r.active'])
    .where('i.token_hash', '=', hashToken(token))
    .executeTakeFirst();
}

/** Marks a link used; false when another request used it first. */
export async function useInvitation(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const done = await db.updateTable('invitations').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
