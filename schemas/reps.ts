// Reps, teams and API tokens as the API accepts and returns them.
import { z } from 'zod';
import { Id, IsoDateTime, Role, TimeZone, lineText, uniqueList } from './common.js';
import { patchBody } from './patch.js';
import { CHAT_LANGUAGES } from './vocabulary.js';

/** A chat platform's user id: letters, digits and _ - . @ only, so it cannot break a mention tag. */
const ChatUserId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits, "_", ".", "@" or "-"')
  .nullable()
  .optional();

/** The earliest hire date taken, and the latest: a year from today (a date far ahead would make a "new hire" for ever). */
const FIRST_HIRE_DATE = '1950-01-01';
const lastHireDate = () => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
};
export const HireDate = z.iso.date().refine((d) => d >= FIRST_HIRE_DATE && d <= lastHireDate(), {
  message: `must be a date from ${FIRST_HIRE_DATE} to a year from today`,
});

export const CreateRepBody = z
  .strictObject({
    id: Id.optional().meta({ description: 'Chosen id; without it, one read from the e-mail ("Wang.Fang@…" → "wang-fang", "wang-fang-2" when taken; generated when nothing of the address can be an id).' }),
    name: lineText(120),
    email: z.email().max(200),
    role: Role.default('rep'),
    teamId: Id.nullable().optional(),
    timeZone: TimeZone.default('UTC'),
    active: z.boolean().default(true),
    hiredAt: HireDate.optional().meta({ description: 'Hire date (YYYY-MM-DD, from 1950-01-01 to a year from today), for seniority in the caps and assignment rules; default today.' }),
    tags: uniqueList(z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N}_:.-]+$/u, 'a tag is one word: letters, digits, "_", ":", "." or "-"')).max(20).default([]).meta({
      description: 'Tags rules can test, e.g. "senior", "spanish", "key-accounts".',
    }),
    mobile: z
      .string()
      .trim()
      .regex(/^\+?[0-9]{5,20}$/, 'a mobile number: digits, optionally with a leading +')
      .nullable()
      .optional()
      .meta({ description: 'Mobile number chat robots mention the rep by (WeCom, DingTalk).', example: '13800001111' }),
    wecomUserId: ChatUserId.meta({ description: "The rep's WeCom userid, for <@userid> mentions." }),
    dingtalkUserId: ChatUserId.meta({ description: "The rep's DingTalk userId, for at.atUserIds mentions." }),
    feishuUserId: ChatUserId.meta({ description: "The rep's Feishu user id (open_id ou_…, or user_id), for <at> mentions." }),
  })
  .meta({ id: 'CreateRep' });
export type CreateRepBody = z.infer<typeof CreateRepBody>;

export const UpdateRepBody = patchBody(CreateRepBody.omit({ id: true, email: true })).meta({ id: 'UpdateRep' });
export type UpdateRepBody = z.infer<typeof UpdateRepBody>;

export const RepView = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: Role,
    teamId: z.string().nullable(),
    timeZone: z.string(),
    active: z.boolean(),
    hiredAt: z.string(),
    tags: z.array(z.string()),
    mobile: z.string().nullable(),
    wecomUserId: z.string().nullable(),
    dingtalkUserId: z.string().nullable(),
    feishuUserId: z.string().nullable(),
    caps: z
      .object({
        privateMax: z.number(),
        keyMax: z.number(),
        dailyClaimMax: z.number(),
        rule: z.object({ index: z.number(), name: z.string().nullable() }).nullable(),
        ruleSetVersion: z.number().nullable(),
      })
      .meta({ description: 'What the published caps rules give this rep now.' }),
    signedUp: z.boolean().meta({ description: 'Whether the rep has signed up: set a password, or signed in by any method, single sign-on included (an invitation is for reps who have not; a forced reset for those who have).' }),
    lockedUntil: z.string().nullable().meta({ description: 'Until when sign-in is locked after repeated wrong passwords (an admin may unlock it); null when it is not.' }),
    createdAt: z.string(),
  })
  .meta({ id: 'Rep' });
export type RepView = z.infer<typeof RepView>;

/**
 * How e-mails are stored and compared: trimmed, lower case. A rep is found by e-mail whatever its
 * case (sign-in, SSO), and the database keeps lower(email) unique (migration 0023).
 */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const CreateTeamBody = z
  .strictObject({
    id: Id.optional(),
    name: lineText(120),
    managerId: Id.nullable().optional().meta({ description: "The team's manager (approvals, disputes, notices): a manager of no team, who joins it, or one already in it." }),
    language: z.enum(CHAT_LANGUAGES).default('zh').meta({ description: "The language of the team's chat robot messages." }),
  })
  .meta({ id: 'CreateTeam' });
export const UpdateTeamBody = patchBody(CreateTeamBody.omit({ id: true })).meta({ id: 'UpdateTeam' });
export type UpdateTeamBody = z.infer<typeof UpdateTeamBody>;
export const TeamView = z
  .object({ id: z.string(), name: z.string(), managerId: z.string().nullable(), language: z.enum(CHAT_LANGUAGES) })
  .meta({ id: 'Team' });

export const TokenScopes = z
  .array(z.enum(['read', 'write', 'admin']))
  .min(1)
  .max(3)
  .refine((s) => new Set(s).size === s.length, 'each scope once')
  .meta({ description: 'read: GET requests only; write: any method; admin: also the admin-only routes (for an admin). Each implies those before it (admin: write and read; write: read). Default: all three.' });

/** The scopes a token is given: each implies those before it, so ["admin"] is all three and ["write"] reads too. */
export const impliedScopes = (scopes: readonly ('read' | 'write' | 'admin')[]): ('read' | 'write' | 'admin')[] => {
  const level = Math.max(...scopes.map((s) => ['read', 'write', 'admin'].indexOf(s)));
  return (['read', 'write', 'admin'] as const).slice(0, level + 1);
};

export const CreateTokenBody = z
  .strictObject({
    name: lineText(120).default('api'),
    expiresAt: IsoDateTime.optional().meta({ description: 'When the token stops working (in the future); default: never.' }),
    expiresInDays: z.number().int().min(1).max(3650).optional().meta({ description: 'Or: the token stops working this many days from now.' }),
    scopes: TokenScopes.default(['read', 'write', 'admin']),
  })
  .refine((b) => b.expiresAt === undefined || b.expiresInDays === undefined, {
    message: 'give expiresAt or expiresInDays, not both',
    path: ['expiresInDays'],
  })
  .meta({ id: 'CreateToken' });
export const TokenCreated = z
  .object({
    id: z.string(),
    repId: z.string(),
    name: z.string(),
    token: z.string().meta({ description: 'Shown once; only its hash is stored.' }),
    expiresAt: z.string().nullable().meta({ description: 'When it stops working; null if it does not expire.' }),
    scopes: TokenScopes,
  })
  .meta({ id: 'TokenCreated' });

export const TokenView = z
  .object({
    id: z.string(),
    repId: z.string(),
    name: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable().meta({ description: 'When it was revoked; null while it works.' }),
    issuedBy: z.string().nullable().meta({ description: 'The admin who issued it; null for the bootstrap token.' }),
    lastUsedAt: z.string().nullable().meta({ description: 'When it last authenticated a request (to about a minute); null if never.' }),
    expiresAt: z.string().nullable().meta({ description: 'When it stops working; null if it does not expire.' }),
    scopes: TokenScopes,
  })
  .meta({ id: 'Token', description: 'An API token without its secret (only its hash is stored).' });
export type TokenView = z.infer<typeof TokenView>;
