import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { UNKNOWN_CLIENT, clientAddress, defaultRateLimits, rateLimitsFromConfig } from './rate-limits.js';

async function addressOf(trustProxy: boolean, headers: Record<string, string>, peer?: string) {
  const app = new Hono();
  app.get('/', (c) => c.text(clientAddress(trustProxy)(c)));
  const env = peer ? { incoming: { socket: { remoteAddress: peer, remotePort: 50000, remoteFamily: 'IPv4' } } } : undefined;
  return (await app.request('/', { headers }, env)).text();
}

describe('the client address for rate limits', () => {
  it('is the connection’s peer; X-Forwarded-For is ignored unless the API is behind a proxy', async () => {
    expect(await addressOf(false, { 'x-forwarded-for': '198.51.100.7' }, '203.0.113.5')).toBe('203.0.113.5');
    expect(await addressOf(true, { 'x-forwarded-for': '10.0.0.1, 198.51.100.7' }, '203.0.113.5')).toBe('198.51.100.7');
    expect(await addressOf(true, {}, '203.0.113.5')).toBe('203.0.113.5');
  });

  it('is one fixed key for requests without a connection (in-process calls)', async () => {
    expect(await addressOf(false, {})).toBe(UNKNOWN_CLIENT);
    expect(await addressOf(false, { 'x-forwarded-for': '198.51.100.7' })).toBe(UNKNOWN_CLIENT);
  });
});

describe('rate limit settings', () => {
  it('come from the configuration, with defaults that leave normal use alone', () => {
    expect(defaultRateLimits).toEqual({
      authFailures: { perClient: 50, perToken: 10, windowMs: 15 * 60_000 },
      imports: { perClient: 60, perToken: 20, windowMs: 10 * 60_000 },
      lookups: { perRep: 30, windowMs: 60_000 },
      trustProxy: false,
    });
    const c = loadConfig({ RATE_LIMIT_AUTH_FAILURES_PER_CLIENT: '5', RATE_LIMIT_IMPORTS_WINDOW: '1h', TRUST_PROXY: 'true', RATE_LIMIT_LOOKUPS_PER_REP: '100', RATE_LIMIT_LOOKUPS_WINDOW: '10m' });
    expect(rateLimitsFromConfig(c)).toMatchObject({ authFailures: { perClient: 5 }, imports: { windowMs: 3_600_000 }, lookups: { perRep: 100, windowMs: 600_000 }, trustProxy: true });
    expect(() => loadConfig({ RATE_LIMIT_IMPORTS_PER_TOKEN: '0', RATE_LIMIT_AUTH_FAILURES_WINDOW: 'soon' })).toThrow(/RATE_LIMIT_IMPORTS_PER_TOKEN[\s\S]*RATE_LIMIT_AUTH_FAILURES_WINDOW|RATE_LIMIT_AUTH_FAILURES_WINDOW[\s\S]*RATE_LIMIT_IMPORTS_PER_TOKEN/);
  });
});
