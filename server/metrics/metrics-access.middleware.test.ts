import { describe, expect, it } from 'vitest';
import { splitHostPort } from '../http/metrics-listener.js';
import { bearerIs } from './metrics-access.middleware.js';

describe('the metrics bearer', () => {
  const token = 'p'.repeat(32);
  it('matches only "Bearer <token>" exactly', () => {
    expect(bearerIs(`Bearer ${token}`, token)).toBe(true);
    expect(bearerIs(`bearer ${token} `, token)).toBe(true);
    for (const header of [undefined, '', token, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Basic ${token}`, `Bearer ${token} extra`]) {
      expect(bearerIs(header, token), String(header)).toBe(false);
    }
  });
});

describe('splitHostPort', () => {
  it('reads IPv4, names and bracketed IPv6', () => {
    expect(splitHostPort('127.0.0.1:9464')).toEqual({ hostname: '127.0.0.1', port: 9464 });
    expect(splitHostPort('metrics.internal:0')).toEqual({ hostname: 'metrics.internal', port: 0 });
    expect(splitHostPort('[::1]:9465')).toEqual({ hostname: '::1', port: 9465 });
  });
});
