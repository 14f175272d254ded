// Passwords managed by people: invitations (admins; managers for their team), an admin's forced reset
// and unlock, a rep changing their own password, and the sign-in audit (admins).
import { insertWithId } from '../reps/rep-id.js';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { AuditEntryView, AuditQuery, ChangePasswordBody, CreateInvitationBody, InvitationCreated } from '../../schemas/auth.js';
import { Id } from '../../schemas/common.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { duplicateRep } from '../reps/duplicate-rep.js';
import { findRep, insertRep } from '../reps/reps.repository.js';
import type { SignInDeps } from './auth-settings.js';
import { accountLocked } from './account-locked.js';
import { requireRole } from './auth.middleware.js';
import { accountGuesses, clearFailures, createInvitation, findCredentials, hasSignedUp, type LinkKind, setPasswordHash } from './credentials.repository.js';
import { invitationLink } from './invitation-link.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { auditSignIn, requestFacts, revokeAllSessions } from './sessions.js';
import { revokeOpenInvitations } from './credentials.repository.js';
import { invalidRequest } from '../request-issues.js';

const IdParam = z.object({ id: Id });

const routes = {
  invite: createRoute({
    method: 'post',
    path: '/invitations',
    tags: ['sign-in'],
    summary: 'Invite a rep (an existing one, or a new one created here) to set a password: a one-time link to pass on (admin; manager for their team)',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { body: jsonBody(CreateInvitationBody) },
    responses: { 201: jsonResponse(InvitationCreated, 'The link, shown once.'), ...errorResponses(404, 409) },
  }),
  reset: createRoute({
    method: 'post',
    path: '/reps/{id}/password-reset',
    tags: ['sign-in'],
    summary: "Force a password reset of another rep (admin): the old password stops working, the rep's sessions end, and a one-time link is returned; your own password is changed at /me/password",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam },
    responses: { 201: jsonResponse(InvitationCreated, 'The reset link, shown once.'), ...errorResponses(403, 404) },
  }),
  unlock: createRoute({
    method: 'post',
    path: '/reps/{id}/unlock',
    tags: ['sign-in'],
    summary: 'Lift a lockout after repeated wrong passwords (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(z.object({ wasLocked: z.boolean() }), 'Unlocked.'), ...errorResponses(404) },
  }),
  changePassword: createRoute({
    method: 'post',
    path: '/me/password',
    tags: ['sign-in'],
    summary: 'Change my password (the current one is needed; wrong ones count toward the lockout as at sign-in); my other sessions end',
    security: bearer,
    request: { body: jsonBody(ChangePasswordBody) },
    responses: { 204: { description: 'Changed.' }, ...errorResponses(423) },
  }),
  audit: createRoute({
    method: 'get',
    path: '/auth/audit',
    tags: ['sign-in'],
    summary: 'The sign-in audit, newest first: sign-ins, failures, lockouts, unlocks, resets, invitations (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { query: AuditQuery },
    responses: { 200: jsonResponse(z.object({ items: z.array(AuditEntryView) }), 'Entries.'), ...errorResponses() },
  }),
};

export function registerPasswordRoutes(app: OpenAPIHono<AppEnv>, deps: SignInDeps) {
  const { db, clock, settings, clientKey } = deps;

  const link = async (c: Parameters<Parameters<typeof app.openapi>[1]>[0], repId: string, kind: LinkKind) => {
    const actor = c.get('actor');
    const now = clock.now();
    const made = await db.transaction().execute((tx) => createInvitation(tx, { repId, kind, createdBy: actor.repId, now, validMs: settings.invitationValidMs }));
    const facts = requestFacts(c, clientKey, settings.sessions);
    await auditSignIn(deps, { repId, method: 'admin', outcome: kind === 'reset' ? 'reset' : 'invitation', actorId: actor.repId, ip: facts.ip, userAgent: facts.userAgent });
    return { id: made.id, repId, kind, link: invitationLink(c, settings.sessions, made.token), expiresAt: made.expiresAt.toISOString() };
  };

  app.openapi(routes.invite, async (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json');
    const manager = actor.role === 'manager';
    // Exactly one of the two, refused in the reader's language (the schema cannot word its issues).
    if ((body.repId === undefined) === (body.rep === undefined)) {
      throw invalidRequest('body', [{ pointer: '/repId', code: body.rep === undefined ? 'invite_neither' : 'invite_both' }]);
    }
    let repId: string;
    if (body.rep) {
      const wanted = body.rep;
      if (manager && (wanted.role !== 'rep' || (wanted.teamId ?? actor.teamId) !== actor.teamId || !actor.teamId)) {
        throw new AppError(ErrorCode.FORBIDDEN, 'A manager invites reps (role rep) to their own team only.');
      }
      const teamId = manager ? actor.teamId : (wanted.teamId ?? null);
      if (teamId && !(await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) {
        throw invalidRequest('body', [{ pointer: '/rep/teamId', code: 'unknown', params: { what: 'team', id: teamId } }]);
      }
      try {
        repId = (await insertWithId(db, wanted.id, wanted.email, (id) => insertRep(db, id, { ...wanted, teamId }, clock.now()))).id;
      } catch (e) {
        throw duplicateRep(e, { id: wanted.id ?? '', email: wanted.email }, '/rep', 'invite that rep by repId, or give another') ?? e;
      }
    } else {
      const rep = await findRep(db, body.repId!);
      if (!rep || (manager && (rep.team_id !== actor.teamId || !actor.teamId))) throw new AppError(ErrorCode.NOT_FOUND, 'No such rep, or not one of your team.');
      if (manager && rep.role !== 'rep') throw new AppError(ErrorCode.FORBIDDEN, 'A manager invites reps (role rep) only.');
      if (!rep.active) throw new AppError(ErrorCode.REP_INACTIVE, `Rep ${rep.id} is deactivated; reactivate them first.`);
      // An invitation is for a rep who has never signed in. Giving one who has (with a password or
      // only through single sign-on) a password is a forced reset (admins only, and it ends the rep's
      // sessions); an invitation must not become a way to take over an account.
      if (hasSignedUp(await findCredentials(db, rep.id))) {
        throw new AppError(
          ErrorCode.ALREADY_SIGNED_UP,
          `Rep ${rep.id} has signed up already (a password, or a sign-in through single sign-on); an invitation is for reps who never signed in. An admin can force a reset (POST /reps/${rep.id}/password-reset).`,
          { repId: rep.id },
        );
      }
      repId = rep.id;
    }
    return c.json(await link(c, repId, 'invitation'), 201);
  });

  app.openapi(routes.reset, async (c) => {
    const repId = c.req.valid('param').id;
    // One's own reset would end the session that asked for it before its link is seen, and lock the
    // last admin out of the UI.
    if (repId === c.get('actor').repId) {
      throw new AppError(ErrorCode.OWN_PASSWORD_RESET, 'You cannot force a reset of your own password: it would end this session before you saw the link. Change it under My account (POST /me/password), or ask another admin to reset it.', { repId });
    }
    const rep = await findRep(db, repId);
    if (!rep) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${repId} does not exist.`);
    const now = clock.now();
    await setPasswordHash(db, repId, null, now);
    await revokeAllSessions(db, repId, now);
    return c.json(await link(c, repId, 'reset'), 201);
  });

  app.openapi(routes.unlock, async (c) => {
    const repId = c.req.valid('param').id;
    const rep = await findRep(db, repId);
    if (!rep) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${repId} does not exist.`);
    const wasLocked = await clearFailures(db, repId, clock.now());
    // Unlocked means they may try again now: the account's attempts in the window are forgotten too.
    if (rep.email) await deps.signInLimiter.forgive(rep.email);
    const facts = requestFacts(c, clientKey, settings.sessions);
    await auditSignIn(deps, { repId, method: 'admin', outcome: 'unlock', reason: wasLocked ? null : 'was not locked', actorId: c.get('actor').repId, ip: facts.ip, userAgent: facts.userAgent });
    return c.json({ wasLocked }, 200);
  });

  app.openapi(routes.changePassword, async (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json');
    const facts = requestFacts(c, clientKey, settings.sessions);
    const audit = { repId: actor.repId, method: 'self' as const, ip: facts.ip, userAgent: facts.userAgent };
    // Without a password (a rep who signs in by single sign-on or with a token) there is nothing to
    // guess: refused as it always was, with nothing counted or written.
    if (!(await findCredentials(db, actor.repId))?.password_hash) {
      throw new AppError(ErrorCode.WRONG_PASSWORD, 'You have no password to change: you sign in with single sign-on or a token. Ask an admin for a reset link to set one.');
    }
    // A guess at the current password is a guess at the account's: counted and locked out as at
    // sign-in (the same count), before it is checked, so a stolen session cannot try passwords freely.
    const guesses = accountGuesses(db, actor.repId, { now: clock.now(), lockoutAfter: settings.lockoutAfter, lockoutMs: settings.lockoutMs });
    const taken = await guesses.take();
    if ('lockedUntil' in taken) {
      await auditSignIn(deps, { ...audit, outcome: 'failure', reason: 'locked' });
      throw accountLocked(taken.lockedUntil);
    }
    const creds = await findCredentials(db, actor.repId);
    if (!(await verifyPassword(creds?.password_hash ?? null, body.current))) {
      await auditSignIn(deps, { ...audit, outcome: 'failure', reason: 'wrong current password' });
      if (taken.attempt >= settings.lockoutAfter) {
        const until = await guesses.lock();
        await auditSignIn(deps, { ...audit, outcome: 'lockout', reason: `${settings.lockoutAfter} wrong passwords in a row` });
        throw accountLocked(until);
      }
      throw new AppError(ErrorCode.WRONG_PASSWORD, 'The current password is wrong.');
    }
    // The right password: not one of the wrong ones in a row (it was counted before the check).
    await clearFailures(db, actor.repId, clock.now());
    if (body.new === body.current) throw invalidRequest('body', [{ pointer: '/new', code: 'password_unchanged' }]);
    const rep = await findRep(db, actor.repId);
    const problem = passwordProblem(body.new, { minLength: settings.passwordMinLength }, { name: rep?.name ?? '', email: rep?.email ?? '' });
    if (problem) throw invalidRequest('body', [{ pointer: '/new', ...problem }]);
    const now = clock.now();
    await setPasswordHash(db, actor.repId, await hashPassword(body.new), now);
    await revokeOpenInvitations(db, actor.repId, now);
    // Other browsers signed in with the old password are signed out; this one stays.
    await db.updateTable('sessions').set({ revoked_at: now }).where('rep_id', '=', actor.repId).where('revoked_at', 'is', null).where('id', '!=', actor.via === 'session' ? actor.tokenId : '').execute();
    await auditSignIn(deps, { repId: actor.repId, method: 'self', outcome: 'password_changed', ip: facts.ip, userAgent: facts.userAgent });
    return c.body(null, 204);
  });

  app.openapi(routes.audit, async (c) => {
    const { repId, limit } = c.req.valid('query');
    let q = db.selectFrom('auth_audit').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit);
    if (repId) q = q.where('rep_id', '=', repId);
    const rows = await q.execute();
    return c.json(
      {
        items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), repId: r.rep_id, email: r.email, method: r.method, outcome: r.outcome, reason: r.reason, ip: r.ip, userAgent: r.user_agent, actorId: r.actor_id })),
      },
      200,
    );
  });
}
