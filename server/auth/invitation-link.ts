// Where a one-time invitation or reset link points: the admin UI's accept page, with the secret
// in the fragment (never sent to a server, so never in an access log or a Referer).
import type { Context } from 'hono';
import type { SessionSettings } from './sessions.js';

export function invitationLink(c: Context, settings: SessionSettings, token: string): string {
  let base = settings.publicUrl;
  if (!base) {
    const url = new URL(c.req.url);
    const host = settings.trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
    const proto = settings.trustProxy ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
    base = host ? `${proto ?? 'https'}://${host}` : url.origin;
  }
  return `${base}/ui/accept-invitation#${token}`;
}
