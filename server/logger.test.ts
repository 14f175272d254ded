import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { logFormat, loggerOptions } from './logger.js';

describe('logFormat', () => {
  it('is readable on a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(logFormat(undefined, true)).toBe('pretty');
    expect(logFormat(undefined, false)).toBe('json');
    expect(logFormat('json', true)).toBe('json');
    expect(logFormat('pretty', false)).toBe('pretty');
  });
});

describe('redaction', () => {
  it('never writes a password, a session cookie or a bearer token', () => {
    let written = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((written += String(chunk)), done()) });
    const logger = pino(loggerOptions('info'), sink);
    logger.info({ body: { email: 'li@example.com', password: 'hunter2-secret-pw' }, password: 'top-level-pw' }, 'sign-in');
    logger.info({ req: { headers: { cookie: 'hs_session=cookie-secret', authorization: 'Bearer hs_token-secret' } }, change: { current: 'old-pw-secret', new: 'new-pw-secret' } }, 'request');
    for (const secret of ['hunter2-secret-pw', 'top-level-pw', 'cookie-secret', 'hs_token-secret', 'old-pw-secret', 'new-pw-secret']) expect(written).not.toContain(secret);
    expect(written).toContain('li@example.com');
    expect(written.match(/\[redacted\]/g)).toHaveLength(6);
  });
});
