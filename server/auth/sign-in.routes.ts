// The routes that need no credentials: password sign-in, sign-out, and the one-time invitation and
// reset links (who a link is for; setting the password). Every outcome is audited.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { AcceptInvitationBody, AcceptInvitationByTokenBody, InvitationLookupBody, InvitationView, SignedIn, SignInBody } from '../../schemas/auth.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { refuseUnstorableText } from '../http/unstorable-text.middleware.js';
import type { SignInDeps } from './auth-settings.js';
import { accountGuesses, clearFailures, findCredentials, findInvitation, findSignInCandidate, hasSignedUp, lockCredentials, setPasswordHash, unknownGuesses, useInvitation } from './credentials.repository.js';
import { accountLocked } from './account-locked.js';
import { csrfGuard } from './csrf.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { SESSION_COOKIE, auditSignIn, clearedSessionCookie, createSession, findSession, requestFacts, revokeAllSessions } from './sessions.js';
import { hashToken } from '../tokens/tokens.js';
import { invalidRequest } from '../request-issues.js';

const TokenParam = z.object({ token: z.string().min(1).max(200) });

const failed = () => new AppError(ErrorCode.SIGN_IN_FAILED, 'The e-mail or the password is wrong.');
const alreadySignedUp = 'is no longer needed: the account has signed in already (an admin can reset its password)';
/** Why a link no longer works, for the page that opened it: a used link's rep signs in, another asks for a new link. */
type LinkRefusal = 'unknown' | 'used' | 'signed_up' | 'replaced' | 'withdrawn' | 'deactivated' | 'expired';
const invalidLink = (why: string, reason: LinkRefusal, details: Record<string, unknown> = {}) => {
  const next = reason === 'used' || reason === 'signed_up' ? 'sign in with your password, or ask an admin (or your manager) for a new one' : 'ask an admin (or your manager) for a new one';
  return new AppError(ErrorCode.INVITATION_INVALID, `This link ${why}; ${next}.`, { reason, ...details });
};

export function registerSignInRoutes(app: OpenAPIHono<AppEnv>, deps: SignInDeps, readBody: MiddlewareHandler<AppEnv>) {
  const { db, clock, settings, clientKey } = deps;
  const limiter = deps.signInLimiter;
  const checkCsrf = csrfGuard(settings.sessions);
  // Read like every other body (size, deadline, UTF-8), though nobody is authenticated yet.
  const bodies: MiddlewareHandler<AppEnv>[] = [readBody, refuseUnstorableText()];

  const routes = {
    signIn: createRoute({
      method: 'post',
      path: '/auth/sign-in',
      tags: ['sign-in'],
      summary: 'Sign in with e-mail and password: sets the HTTP-only session cookie (rate-limited; locks after repeated failures)',
      middleware: bodies,
      request: { body: jsonBody(SignInBody) },
      responses: { 200: jsonResponse(SignedIn, 'Signed in; the answer sets the session cookie.'), ...errorResponses(423) },
    }),
    session: createRoute({
      method: 'get',
      path: '/auth/session',
      tags: ['sign-in'],
      summary: "Whether this browser's session cookie holds a live session (the admin UI asks at start-up; not counted as a failed authentication)",
      responses: { 200: jsonResponse(z.object({ signedIn: z.boolean() }), 'Signed in or not.'), ...errorResponses() },
    }),
    signOut: createRoute({
      method: 'post',
      path: '/auth/sign-out',
      tags: ['sign-in'],
      summary: 'End this browser session and remove its cookie (nothing to do without one)',
      middleware: [readBody],
      responses: { 204: { description: 'Signed out.' }, ...errorResponses() },
    }),
    invitation: createRoute({
      method: 'get',
      path: '/invitations/{token}',
      tags: ['sign-in'],
      summary: 'Who a one-time invitation or reset link is for, and the password rules',
      request: { params: TokenParam },
      responses: { 200: jsonResponse(InvitationView, 'The link works.'), ...errorResponses(410) },
    }),
    lookup: createRoute({
      method: 'post',
      path: '/invitations/lookup',
      tags: ['sign-in'],
      summary: 'Who a one-time link is for, and the password rules, the secret in the body (what the admin UI sends: it reaches no access log)',
      middleware: bodies,
      request: { body: jsonBody(InvitationLookupBody) },
      responses: { 200: jsonResponse(InvitationView, 'The link works.'), ...errorResponses(410) },
    }),
    acceptByToken: createRoute({
      method: 'post',
      path: '/invitations/accept',
      tags: ['sign-in'],
      summary: 'Set the password with a one-time link, the secret in the body (what the admin UI sends); the link then stops working',
      middleware: bodies,
      request: { body: jsonBody(AcceptInvitationByTokenBody) },
      responses: { 204: { description: 'Password set; sign in with it.' }, ...errorResponses(410) },
    }),
    accept: createRoute({
      method: 'post',
      path: '/invitations/{token}/accept',
      tags: ['sign-in'],
      summary: 'Set the password with a one-time link; the link then stops working',
      middleware: bodies,
      request: { params: TokenParam, body: jsonBody(AcceptInvitationBody) },
      responses: { 204: { description: 'Password set; sign in with it.' }, ...errorResponses(410) },
    }),
  };

  app.openapi(routes.signIn, async (c) => {
    const { email, password } = c.req.valid('json');
    await limiter.hit(c, email);
    const facts = requestFacts(c, clientKey, settings.sessions);
    const audit = { ip: facts.ip, userAgent: facts.userAgent, method: 'password' as const };
    const now = clock.now();
    const rep = await findSignInCandidate(db, email);
    // An unknown e-mail is counted and locked out as an account is, so a 423 does not tell that one exists.
    const policy = { now, lockoutAfter: settings.lockoutAfter, lockoutMs: settings.lockoutMs };
    const guesses = rep ? accountGuesses(db, rep.id, policy) : unknownGuesses(db, email, policy);
    const taken = await guesses.take();
    if ('lockedUntil' in taken) {
      await auditSignIn(deps, { ...audit, repId: rep?.id ?? null, email, outcome: 'failure', reason: 'locked' });
      throw accountLocked(taken.lockedUntil);
    }
    // An unknown e-mail spends the same argon2 time and gets the same answer as a wrong password.
    if (!(await verifyPassword(rep?.password_hash ?? null, password))) {
      const reason = !rep ? 'unknown e-mail' : rep.password_hash ? 'wrong password' : 'no password set';
      await auditSignIn(deps, { ...audit, repId: rep?.id ?? null, email, outcome: 'failure', reason });
      if (taken.attempt >= settings.lockoutAfter) {
        const until = await guesses.lock();
        await auditSignIn(deps, { ...audit, repId: rep?.id ?? null, email, outcome: 'lockout', reason: `${settings.lockoutAfter} wrong passwords in a row` });
        throw accountLocked(until);
      }
      throw failed();
    }
    if (!rep!.active) {
      // The right password: not one of the wrong ones in a row (the guess was counted before the check).
      await clearFailures(db, rep!.id, now);
      await auditSignIn(deps, { ...audit, repId: rep!.id, email, outcome: 'failure', reason: 'deactivated' });
      throw new AppError(ErrorCode.REP_INACTIVE, 'This account is deactivated; ask an admin to reactivate it.');
    }
    await clearFailures(db, rep!.id, now);
    const session = await createSession({ db, clock, sessions: settings.sessions }, { repId: rep!.id, method: 'password', ip: facts.ip, userAgent: facts.userAgent, secure: facts.secure });
    await auditSignIn(deps, { ...audit, repId: rep!.id, email, outcome: 'success' });
    await limiter.forgive(email);
    c.header('Set-Cookie', session.cookie);
    c.header('Cache-Control', 'no-store');
    return c.json({ rep: { id: rep!.id, name: rep!.name, role: rep!.role }, sessionId: session.sessionId, expiresAt: session.expiresAt.toISOString() }, 200);
  });

  app.openapi(routes.session, async (c) => {
    const secret = getCookie(c, SESSION_COOKIE);
    const found = secret ? await findSession({ db, clock, sessions: settings.sessions }, secret) : null;
    c.header('Cache-Control', 'no-store');
    return c.json({ signedIn: Boolean(found?.ok && found.rep.active) }, 200);
  });

  app.openapi(routes.signOut, async (c) => {
    const secret = getCookie(c, SESSION_COOKIE);
    const facts = requestFacts(c, clientKey, settings.sessions);
    if (secret) {
      await checkCsrf(c);
      const ended = await db
        .updateTable('sessions')
        .set({ revoked_at: clock.now() })
        .where('token_hash', '=', hashToken(secret))
        .where('revoked_at', 'is', null)
        .returning(['rep_id', 'method'])
        .executeTakeFirst();
      if (ended) await auditSignIn(deps, { repId: ended.rep_id, method: ended.method as 'password', outcome: 'sign_out', ip: facts.ip, userAgent: facts.userAgent });
    }
    c.header('Set-Cookie', clearedSessionCookie(facts.secure));
    return c.body(null, 204);
  });

  /** Why an open link was revoked: the rep was deactivated, a newer link replaced it, or the password was set another way. */
  const withdrawn = (link: { active: boolean; replaced_by: string | null }) => {
    if (!link.active) return invalidLink('was withdrawn: the account is deactivated', 'deactivated');
    return link.replaced_by ? invalidLink('was replaced by a newer one', 'replaced') : invalidLink('was withdrawn (the account was deactivated meanwhile, or its password was set another way)', 'withdrawn');
  };

  /** A link that works: not unknown, used, revoked or expired. */
  const openLink = async (token: string) => {
    const link = await findInvitation(db, token);
    if (!link) throw invalidLink('is not valid', 'unknown');
    if (link.used_at) throw invalidLink('was already used', 'used');
    if (link.revoked_at) throw withdrawn(link);
    if (link.expires_at.getTime() <= clock.now().getTime()) throw invalidLink(`expired at ${link.expires_at.toISOString()}`, 'expired', { expiredAt: link.expires_at.toISOString() });
    if (!link.active) throw invalidLink('is for a deactivated account', 'deactivated');
    if (link.kind === 'invitation' && hasSignedUp(await findCredentials(db, link.repId))) throw invalidLink(alreadySignedUp, 'signed_up');
    return link;
  };

  const linkView = async (token: string) => {
    const link = await openLink(token);
    return { repId: link.repId, name: link.name, email: link.email, kind: link.kind, expiresAt: link.expires_at.toISOString(), passwordRules: { minLength: settings.passwordMinLength } };
  };
  app.openapi(routes.invitation, async (c) => c.json(await linkView(c.req.valid('param').token), 200));
  app.openapi(routes.lookup, async (c) => c.json(await linkView(c.req.valid('json').token), 200));

  app.openapi(routes.acceptByToken, async (c) => {
    const { token, password } = c.req.valid('json');
    return accept(c, token, password);
  });
  app.openapi(routes.accept, async (c) => accept(c, c.req.valid('param').token, c.req.valid('json').password));

  async function accept(c: Context<AppEnv>, token: string, password: string) {
    const facts = requestFacts(c, clientKey, settings.sessions);
    const link = await openLink(token);
    const problem = passwordProblem(password, { minLength: settings.passwordMinLength }, { name: link.name, email: link.email });
    if (problem) {
      throw invalidRequest('body', [{ pointer: '/password', ...problem }]);
    }
    const hash = await hashPassword(password);
    const now = clock.now();
    const accepted = await db.transaction().execute(async (tx) => {
      // Locked first: a sign-in recording itself meanwhile waits, and is seen here once it has.
      const before = await lockCredentials(tx, link.repId);
      // An invitation is for a rep who never signed in; one who has since (say, only through single
      // sign-on) gets a password through an admin's reset, never through whoever holds the link.
      if (link.kind === 'invitation' && hasSignedUp(before)) return 'signed up' as const;
      if (!(await useInvitation(tx, link.id, now))) return 'used' as const;
      await setPasswordHash(tx, link.repId, hash, now);
      // A rep who had signed in before (with the old password, or through single sign-on) is signed
      // out everywhere: whoever used the link, the sessions from before it end.
      if (hasSignedUp(before)) await revokeAllSessions(tx, link.repId, now);
      return 'accepted' as const;
    });
    if (accepted === 'signed up') throw invalidLink(alreadySignedUp, 'signed_up');
    if (accepted === 'used') throw invalidLink('was already used', 'used');
    await auditSignIn(deps, { repId: link.repId, method: 'password', outcome: 'invitation_used', reason: link.kind, ip: facts.ip, userAgent: facts.userAgent });
    return c.body(null, 204);
  }
}
