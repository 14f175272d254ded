// Webhook signatures: a fixed vector (computed independently with `openssl dgst -sha256 -hmac`),
// and the receiver-side checks: tampering, wrong secret, stale timestamps, rotation, garbage.
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureHeader, verifySignature } from './signature.js';

const secret = 'whsec_test';
const body = '{"a":1}';
const t = 1_700_000_000;

describe('webhook signatures', () => {
  it('match a vector computed with openssl over "<t>.<body>"', () => {
    // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    expect(signatureHeader(secret, body, t)).toBe('t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789');
  });

  it('verify with the same secret and body within the tolerance', () => {
    expect(verifySignature(secret, body, signatureHeader(secret, body, t), { nowSeconds: t + 299 })).toEqual({ ok: true, timestamp: t });
  });

  it('fail for a changed body, another secret, or a changed timestamp', () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature(secret, '{"a":2}', header, { nowSeconds: t })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature('whsec_other', body, header, { nowSeconds: t })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(secret, body, header.replace(`t=${t}`, `t=${t + 1}`), { nowSeconds: t })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('fail for timestamps outside the tolerance (replays)', () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature(secret, body, header, { nowSeconds: t + 301 })).toEqual({ ok: false, reason: 'too_old_or_new' });
    expect(verifySignature(secret, body, header, { nowSeconds: t - 301 })).toEqual({ ok: false, reason: 'too_old_or_new' });
    expect(verifySignature(secret, body, header, { nowSeconds: t + 1000, toleranceSeconds: 2000 }).ok).toBe(true);
  });

  it('accept any one matching v1 entry (secret rotation)', () => {
    const old = signatureHeader('whsec_old', body, t).split(',')[1];
    expect(verifySignature(secret, body, `${signatureHeader(secret, body, t)},${old}`, { nowSeconds: t }).ok).toBe(true);
    expect(verifySignature('whsec_old', body, `${signatureHeader(secret, body, t)},${old}`, { nowSeconds: t }).ok).toBe(true);
  });

  it('call malformed headers malformed, never throw', () => {
    for (const header of [undefined, null, '', 'v1=abc', `t=${t}`, `t=abc,v1=${'0'.repeat(64)}`, `t=${t},v1=${'0'.repeat(63)}`, 'garbage', '=,=,']) {
      expect(verifySignature(secret, body, header, { nowSeconds: t })).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('new secrets are distinct and long enough', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
