// Browser sessions (issue 16 §2), the one way every sign-in method (password, OIDC, WeCom, DingTalk,
// Feishu) starts one: a random secret in an HTTP-only, SameSite=Lax cookie (Secure over HTTPS), and
// only its SHA-256 in Postgres with an idle timeout and an absolute expiry. And the sign-in audit.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { generateCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { hashToken } from '../tokens/tokens.js';
import { recordSignIn } from './credentials.repository.js';

export const SESSION_COOKIE = 'hs_session';

/** A session's last request is written at most this often (the idle timeout is counted from it). */
const LAST_SEEN_EVERY_MS = 60_000;

export type SignInMethod = 'password' | 'oidc' | 'wecom' | 'dingtalk' | 'feishu';

export interface SessionSettings {
  /** The session ends after this long without a request (SESSION_IDLE_TIMEOUT). */
  idleMs: number;
  /** … and in any case this long after sign-in (SESSION_MAX_AGE). */
  maxAgeMs: number;
  /** Behind a reverse proxy: X-Forwarded-Proto / -Host / -For are believed (TRUST_PROXY). */
  trustProxy: boolean;
  /** Where people open the UI (PUBLIC_URL): an allowed Origin for cookie writes, and Secure if https. */
  publicUrl: string | null;
}

export interface SessionDeps {
  db: Kysely<Database>;
  clock: Clock;
  sessions: SessionSettings;
}

export interface NewSession {
  repId: string;
  method: SignInMethod;
  ip: string | null;
  userAgent: string | null;
  /** Mark the cookie Secure (the browser used HTTPS); see requestFacts. Default: PUBLIC_URL is https. */
  secure?: boolean;
}

/** The Set-Cookie value carrying a session secret (or, with an empty value, removing it). */
export function sessionCookie(value: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return generateCookie(SESSION_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: options.secure,
    maxAge: options.maxAgeSeconds,
  });
}

/** Creates a server-side session for a rep who just signed in; set `cookie` on the answer. */
export async function createSession(deps: SessionDeps, input: NewSession): Promise<{ sessionId: string; cookie: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const secret = randomBytes(32).toString('base64url');
  const sessionId = newId();
  const expiresAt = new Date(now.getTime() + deps.sessions.maxAgeMs);
  // Signed in once by any method, the rep has signed up: no invitation can set their password.
  await recordSignIn(deps.db, input.repId, now);
  await deps.db
    .insertInto('sessions')
    .values({
      id: sessionId,
      token_hash: hashToken(secret),
      rep_id: input.repId,
      method: input.method,
      ip: input.ip?.slice(0, 100) ?? null,
      user_agent: input.userAgent?.slice(0, 400) ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  const secure = input.secure ?? deps.sessions.publicUrl?.startsWith('https:') ?? false;
  return { sessionId, cookie: sessionCookie(secret, { secure, maxAgeSeconds: Math.floor(deps.sessions.maxAgeMs / 1000) }), expiresAt };
}

/** The Set-Cookie value that removes the session cookie from the browser. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', { secure, maxAgeSeconds: 0 });
}

/** Whether the browser reached us over HTTPS (behind a trusted proxy: X-Forwarded-Proto). */
export function servedOverHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto) return proto === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

export type SessionLookup =
  | { ok: true; sessionId: string; rep: { repId: string; name: string; role: string; teamId: string | null; active: boolean } }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'idle' };

/** The live session behind a cookie secret (and records the request, at most once a minute). */
export async function findSession(deps: SessionDeps, secret: string): Promise<SessionLookup> {
  const row = await deps.db
    .selectFrom('sessions as s')
    .innerJoin('reps as r', 'r.id', 's.rep_id')
    .select(['s.id', 's.last_seen_at', 's.expires_at', 's.revoked_at', 'r.id as repId', 'r.name', 'r.role', 'r.team_id as teamId', 'r.active'])
    .where('s.token_hash', '=', hashToken(secret))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  const now = deps.clock.now().getTime();
  if (row.expires_at.getTime() <= now) return { ok: false, reason: 'expired' };
  if (row.last_seen_at.getTime() + deps.sessions.idleMs <= now) return { ok: false, reason: 'idle' };
  // A deactivated rep's session (say, one a sign-in racing the deactivation left behind) is refused
  // by the caller; it is not use, so it does not keep the session alive for a later reactivation.
  if (row.active && now - row.last_seen_at.getTime() >= LAST_SEEN_EVERY_MS) {
    await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now) })
      .where('id', '=', row.id)
      .where('last_seen_at', '<=', new Date(now - LAST_SEEN_EVERY_MS))
      .execute();
  }
  return { ok: true, sessionId: row.id, rep: { repId: row.repId, name: row.name, role: row.role, teamId: row.teamId, active: row.active } };
}

export interface SessionRow {
  id: string;
  method: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

/** A rep's live sessions (not revoked, not expired, not idle), most recently seen first. */
export async function listSessions(deps: SessionDeps, repId: string): Promise<SessionRow[]> {
  const now = deps.clock.now();
  return deps.db
    .selectFrom('sessions')
    .select(['id', 'method', 'ip', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
    .where('rep_id', '=', repId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - deps.sessions.idleMs))
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Ends one session of a rep; false when the rep has no such live session. */
export async function revokeSession(db: Kysely<Database>, repId: string, sessionId: string, now: Date): Promise<boolean> {
  const done = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('rep_id', '=', repId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) > 0;
}

/** Ends every session of a rep (sign out everywhere, a deactivation, a forced reset); how many. */
export async function revokeAllSessions(db: Kysely<Database>, repId: string, now: Date): Promise<number> {
  const done = await db.updateTable('sessions').set({ revoked_at: now }).where('rep_id', '=', repId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(done.numUpdatedRows);
}

export type AuditOutcome =
  | 'success'
  | 'failure'
  | 'lockout'
  | 'unlock'
  | 'reset'
  | 'invitation'
  | 'invitation_used'
  | 'password_changed'
  | 'sign_out'
  | 'sessions_revoked';

export interface AuditEntry {
  repId: string | null;
  /** What was typed as the e-mail, for failures with no rep. */
  email?: string | null;
  method: SignInMethod | 'admin' | 'self';
  outcome: AuditOutcome;
  reason?: string | null;
  ip: string | null;
  userAgent?: string | null;
  /** Who did it when it is not the rep (an admin's unlock, reset, invitation). */
  actorId?: string | null;
}

/** One row of the sign-in audit (GET /auth/audit); every sign-in method writes through this. */
export async function auditSignIn(deps: { db: Kysely<Database>; clock: Clock }, entry: AuditEntry): Promise<void> {
  await deps.db
    .insertInto('auth_audit')
    .values({
      id: newId(),
      at: deps.clock.now(),
      rep_id: entry.repId,
      email: entry.email?.slice(0, 320) ?? null,
      method: entry.method,
      outcome: entry.outcome,
      reason: entry.reason?.slice(0, 500) ?? null,
      ip: entry.ip?.slice(0, 100) ?? null,
      user_agent: entry.userAgent?.slice(0, 400) ?? null,
      actor_id: entry.actorId ?? null,
    })
    .execute();
}

/**
 * Who a sign-in request comes from, for createSession and auditSignIn; `secure` when the browser
 * used HTTPS (behind a trusted proxy: X-Forwarded-Proto) or PUBLIC_URL is an https address.
 */
export function requestFacts(c: Context, clientKey: (c: Context) => string, settings: SessionSettings): { ip: string; userAgent: string | null; secure: boolean } {
  const secure = servedOverHttps(c, settings.trustProxy) || (settings.publicUrl?.startsWith('https:') ?? false);
  return { ip: clientKey(c), userAgent: c.req.header('user-agent') ?? null, secure };
}
