// Webhook signatures. Every delivery carries
//   X-Highseas-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed by the secret>
// A receiver recomputes the HMAC over the raw body bytes it got, compares in constant time, and
// rejects timestamps too far from its clock (replays). The secret is the whole "whsec_…" string.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const EVENT_HEADER = 'X-Highseas-Event';
export const DELIVERY_HEADER = 'X-Highseas-Delivery';
export const SIGNATURE_HEADER = 'X-Highseas-Signature';
/** How far a receiver should accept a timestamp from its own clock. */
const DEFAULT_TOLERANCE_SECONDS = 300;

/** A new signing secret: 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/**
 * The signature header for a body sent at `timestamp` (unix seconds).
 *
 * @example
 * signatureHeader('whsec_test', '{"a":1}', 1_700_000_000); // "t=1700000000,v1=<64 hex digits>"
 */
export function signatureHeader(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'too_old_or_new' | 'mismatch' };

/**
 * Checks a signature header as a receiver would. Several v1 entries are allowed (the sender may
 * sign with an old and a new secret while rotating); one match is enough.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  options: { nowSeconds: number; toleranceSeconds?: number },
): VerifyResult {
  if (!header) return { ok: false, reason: 'malformed' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(options.nowSeconds - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: 'too_old_or_new' };
  }
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  const match = signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
