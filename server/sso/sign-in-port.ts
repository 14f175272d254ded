// What single sign-on needs from the session layer (server/auth/sessions.ts): the one way to open a
// browser session, and the one sign-in audit. Injected, so the routes do not know how sessions work.
import type { SsoMethod } from './sso-settings.js';

export interface SignInPort {
  createSession(input: { repId: string; method: SsoMethod; ip: string; userAgent: string }): Promise<{ cookie: string }>;
  auditSignIn(input: { repId: string | null; method: SsoMethod; outcome: 'success' | 'failure'; reason: string; ip: string }): Promise<void>;
}
