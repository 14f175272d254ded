// CSRF protection for writes authenticated by the session cookie (bearer tokens are not sent by
// browsers on their own, so they need none). Hono's csrf middleware checks form-like bodies by Origin
// and Sec-Fetch-Site; the same check is then applied to every other write too (JSON, no body), so a
// request from another origin never writes with someone's cookie, whatever its content type. Allowed:
// the API's own origin, PUBLIC_URL, and behind a trusted proxy the X-Forwarded-Proto/-Host origin.
import type { Context } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { AppError, ErrorCode } from '../errors.js';
import type { SessionSettings } from './sessions.js';

const SAFE = /^(GET|HEAD|OPTIONS)$/;

function allowedOrigins(c: Context, settings: SessionSettings): Set<string> {
  const allowed = new Set([new URL(c.req.url).origin]);
  if (settings.publicUrl) allowed.add(new URL(settings.publicUrl).origin);
  if (settings.trustProxy) {
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    if (host && proto) allowed.add(`${proto}://${host}`);
  }
  return allowed;
}

const refused = (origin: string | undefined) =>
  new AppError(
    ErrorCode.CSRF_REFUSED,
    origin
      ? `A write with the session cookie from ${origin.slice(0, 200)} is refused: only the admin UI's own origin may write with it (integrations use an API token).`
      : 'A write with the session cookie must come from the admin UI (an Origin or Sec-Fetch-Site header); integrations use an API token.',
    { origin: origin?.slice(0, 200) ?? null },
  );

/** Throws CSRF_REFUSED (403) unless a cookie-authenticated write comes from an allowed origin. */
export function csrfGuard(settings: SessionSettings) {
  const isAllowed = (origin: string, c: Context) => allowedOrigins(c, settings).has(origin);
  const honoCsrf = csrf({ origin: isAllowed, secFetchSite: 'same-origin' });
  return async function checkCsrf(c: Context): Promise<void> {
    if (SAFE.test(c.req.method)) return;
    const origin = c.req.header('origin');
    try {
      await honoCsrf(c, async () => {});
    } catch (e) {
      if (e instanceof HTTPException) throw refused(origin);
      throw e;
    }
    if (c.req.header('sec-fetch-site') === 'same-origin') return;
    if (origin !== undefined && isAllowed(origin, c)) return;
    throw refused(origin);
  };
}
