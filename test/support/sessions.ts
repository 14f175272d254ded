// Browser sessions for tests: one created directly (as a sign-in would, without argon2's time),
// and requests sent with the cookie from the app's own origin.
import type { Kysely } from 'kysely';
import { defaultAuthSettings } from '../../server/auth/auth-settings.js';
import { SESSION_COOKIE, createSession } from '../../server/auth/sessions.js';
import { systemClock } from '../../server/clock.js';
import type { Database } from '../../server/db/database.js';

/** The origin of in-process requests (`app.request('/x')` is http://localhost/x). */
const APP_ORIGIN = 'http://localhost';

/** The session cookie's value out of a Set-Cookie header. */
export function cookieValue(setCookie: string | null): string | null {
  const match = setCookie ? new RegExp(`(?:^|[;,]\\s*)${SESSION_COOKIE}=([^;]*)`).exec(setCookie) : null;
  return match && match[1] ? match[1] : null;
}

/** A live session of the rep (as after a password sign-in); the cookie's value. */
export async function sessionSecretFor(db: Kysely<Database>, repId: string): Promise<string> {
  const { cookie } = await createSession({ db, clock: systemClock, sessions: defaultAuthSettings.sessions }, { repId, method: 'password', ip: '127.0.0.1', userAgent: 'test' });
  return cookieValue(cookie)!;
}

interface App {
  request(url: string, init: RequestInit): Response | Promise<Response>;
}

/** A request with the session cookie, from the app's own origin unless `origin` says otherwise. */
export async function cookieCall<T = any>(
  app: App,
  secret: string | null,
  method: string,
  url: string,
  body?: unknown,
  options: { origin?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (secret !== null) headers.cookie = `${SESSION_COOKIE}=${secret}`;
  const origin = options.origin === undefined ? APP_ORIGIN : options.origin;
  if (origin !== null && method !== 'GET') headers.origin = origin;
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await app.request(url, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}
