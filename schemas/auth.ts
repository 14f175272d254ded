// Sign-in (issue 16): password sign-in, sessions, invitations and reset links, the audit.
import { z } from 'zod';
import { Id, Role } from './common.js';
import { CreateRepBody } from './reps.js';

// Passwords are checked by the server's rules (length, common passwords); here only a hard bound.
const Password = z.string().min(1).max(256);

export const SignInBody = z
  .strictObject({ email: z.string().trim().min(1).max(320), password: Password })
  .meta({ id: 'SignIn' });

export const SignedIn = z
  .object({
    rep: z.object({ id: z.string(), name: z.string(), role: Role }),
    sessionId: z.string(),
    expiresAt: z.string().meta({ description: 'The absolute end of the session (it also ends after SESSION_IDLE_TIMEOUT without use).' }),
  })
  .meta({ id: 'SignedIn' });

export const SessionView = z
  .object({
    id: z.string(),
    method: z.string().meta({ description: 'How it signed in: password, oidc, wecom, dingtalk, feishu.' }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    current: z.boolean().meta({ description: 'The session this request came with.' }),
  })
  .meta({ id: 'Session' });

export const CreateInvitationBody = z
  .strictObject({
    repId: Id.optional().meta({ description: 'Invite an existing rep (who has no password yet, or should set a new one).' }),
    rep: CreateRepBody.optional().meta({ description: 'Or: create the rep (e-mail, and a mobile number for chat) and invite them.' }),
  })
  .meta({ id: 'CreateInvitation', description: 'Exactly one of repId (an existing rep) and rep (a new one); the route refuses neither or both at /repId.' });

export const InvitationCreated = z
  .object({
    id: z.string(),
    repId: z.string(),
    kind: z.enum(['invitation', 'reset']),
    link: z.string().meta({ description: 'The one-time link to pass on (no mail is sent); it is shown once.' }),
    expiresAt: z.string(),
  })
  .meta({ id: 'InvitationCreated' });

export const InvitationView = z
  .object({
    repId: z.string(),
    name: z.string(),
    email: z.string(),
    kind: z.enum(['invitation', 'reset']),
    expiresAt: z.string(),
    passwordRules: z.object({ minLength: z.number() }),
  })
  .meta({ id: 'Invitation' });

export const AcceptInvitationBody = z.strictObject({ password: Password }).meta({ id: 'AcceptInvitation' });
/** A link's secret carried in the body, so it sits in no request path (an access log keeps those). */
export const InvitationToken = z.string().min(1).max(200);
export const InvitationLookupBody = z.strictObject({ token: InvitationToken }).meta({ id: 'InvitationLookup' });
export const AcceptInvitationByTokenBody = z.strictObject({ token: InvitationToken, password: Password }).meta({ id: 'AcceptInvitationByToken' });

export const ChangePasswordBody = z.strictObject({ current: Password, new: Password }).meta({ id: 'ChangePassword' });

export const AuditQuery = z.object({
  repId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditEntryView = z
  .object({
    id: z.string(),
    at: z.string(),
    repId: z.string().nullable(),
    email: z.string().nullable(),
    method: z.string(),
    outcome: z.string().meta({ description: 'success, failure, lockout, unlock, reset, invitation, invitation_used, password_changed, sign_out, sessions_revoked.' }),
    reason: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    actorId: z.string().nullable(),
  })
  .meta({ id: 'AuthAuditEntry' });
