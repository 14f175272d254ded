// The sign-in settings, from the configuration: sessions, lockout, invitations, password rules and
// the sign-in rate limits.
import { parseDuration } from '../../schemas/duration.js';
import { type Config, ConfigSchema } from '../config.js';
import type { SessionSettings } from './sessions.js';

export interface AuthSettings {
  sessions: SessionSettings;
  /** Wrong passwords in a row before the account locks, and for how long. */
  lockoutAfter: number;
  lockoutMs: number;
  invitationValidMs: number;
  passwordMinLength: number;
  /** POST /auth/sign-in attempts per client address and per account (e-mail) within the window. */
  signInLimit: { perClient: number; perAccount: number; windowMs: number };
}

type AuthConfig = Pick<
  Config,
  | 'SESSION_IDLE_TIMEOUT'
  | 'SESSION_MAX_AGE'
  | 'TRUST_PROXY'
  | 'PUBLIC_URL'
  | 'SIGN_IN_LOCKOUT_AFTER'
  | 'SIGN_IN_LOCKOUT_DURATION'
  | 'INVITATION_VALID_FOR'
  | 'PASSWORD_MIN_LENGTH'
  | 'RATE_LIMIT_SIGN_IN_PER_CLIENT'
  | 'RATE_LIMIT_SIGN_IN_PER_ACCOUNT'
  | 'RATE_LIMIT_SIGN_IN_WINDOW'
>;

export function authSettingsFromConfig(c: AuthConfig): AuthSettings {
  return {
    sessions: {
      idleMs: parseDuration(c.SESSION_IDLE_TIMEOUT)!,
      maxAgeMs: parseDuration(c.SESSION_MAX_AGE)!,
      trustProxy: c.TRUST_PROXY,
      publicUrl: c.PUBLIC_URL ?? null,
    },
    lockoutAfter: c.SIGN_IN_LOCKOUT_AFTER,
    lockoutMs: parseDuration(c.SIGN_IN_LOCKOUT_DURATION)!,
    invitationValidMs: parseDuration(c.INVITATION_VALID_FOR)!,
    passwordMinLength: c.PASSWORD_MIN_LENGTH,
    signInLimit: {
      perClient: c.RATE_LIMIT_SIGN_IN_PER_CLIENT,
      perAccount: c.RATE_LIMIT_SIGN_IN_PER_ACCOUNT,
      windowMs: parseDuration(c.RATE_LIMIT_SIGN_IN_WINDOW)!,
    },
  };
}

/** The configuration's defaults, for apps built without a configuration (tests, benchmarks). */
export const defaultAuthSettings: AuthSettings = authSettingsFromConfig(ConfigSchema.parse({}));

/** What the sign-in, session and password routes need. */
export interface SignInDeps {
  db: import('kysely').Kysely<import('../db/database.js').Database>;
  clock: import('../clock.js').Clock;
  settings: AuthSettings;
  /** The client's address (rate limits, audit, "my sessions"). */
  clientKey: (c: import('hono').Context) => string;
  /** Sign-in attempts per client and per account, shared by sign-in and an admin's unlock. */
  signInLimiter: { hit(c: import('hono').Context, account: string): Promise<void>; forgive(account: string): Promise<void> };
}
