// HTTP hardening (issue 9): malformed percent-encoding anywhere in a path or query is a 400 in the
// one error shape (never a 500), and every response carries the security headers; the admin UI and
// the API docs carry a Content-Security-Policy that forbids framing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
let app: ReturnType<typeof createApp>;
let rep: { id: string; token: string };
let uiDir: string;

beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m' }) });
  rep = await h.createRep();
  // A stand-in for the built admin UI: the routes serve whatever the build directory holds.
  uiDir = mkdtempSync(path.join(os.tmpdir(), 'highseas-ui-stub-'));
  mkdirSync(path.join(uiDir, 'assets'));
  writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>ui</title><div id="root"></div>');
  writeFileSync(path.join(uiDir, 'assets', 'app.js'), 'console.log(1)');
  app = h.newApp({ readiness: [], uiDistDir: uiDir });
});
afterAll(async () => {
  await h?.close();
  if (uiDir) rmSync(uiDir, { recursive: true, force: true });
});

const get = (url: string, token: string | null = rep.token, method = 'GET') =>
  app.request(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('malformed percent-encoding', () => {
  const malformed: [method: string, url: string, location: 'path' | 'query'][] = [
    ['GET', '/ui/%', 'path'],
    ['GET', '/ui/%E0%A4%A', 'path'],
    ['GET', '/ui/assets/%zz.js', 'path'],
    ['GET', '/ui/rules/%C0%AF', 'path'],
    ['GET', '/docs/%', 'path'],
    ['GET', '/customers/%', 'path'],
    ['GET', '/customers/%E0%A4%A', 'path'],
    ['POST', '/customers/%ff/claim', 'path'],
    ['GET', '/reps/%', 'path'],
    ['GET', '/rule-sets/%E0%A4%A', 'path'],
    ['GET', '/%', 'path'],
    ['GET', '/pool?source=%', 'query'],
    ['GET', '/pool?q=%E0%A4%A', 'query'],
    ['GET', '/pool?%=1', 'query'],
    ['GET', '/me/customers?limit=%G1', 'query'],
    ['GET', '/reports/funnel?from=%', 'query'],
    ['GET', '/ready?x=%', 'query'],
    ['GET', '/ui/?lang=%E0%A4%A', 'query'],
  ];

  it.each(malformed)('%s %s is 400 VALIDATION_FAILED in the one error shape', async (method, url, location) => {
    const res = await get(url, rep.token, method);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string; details: { location: string } } };
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', requestId: expect.any(String), details: { location } });
    expect(body.error.message).toMatch(/percent-encod/i);
  });

  it('refuses it before authentication, so a request without a token gets the same answer', async () => {
    const res = await get('/customers/%', null);
    expect(res.status).toBe(400);
  });

  it('leaves well-formed escapes alone', async () => {
    expect((await get('/pool?q=%E4%B8%AD%E6%96%87')).status).toBe(200);
    expect((await get('/ui/assets/app%2Ejs')).status).toBe(200);
    expect((await get('/customers/%20')).status).toBeLessThan(500);
  });
});

describe('security headers', () => {
  const everywhere = ['/health', '/ready', '/openapi.json', '/pool', '/customers/00000000-0000-0000-0000-000000000000', '/no-such-route', '/ui/', '/ui/rules/grading', '/ui/assets/app.js', '/docs', '/docs/swagger-ui.css'];

  it.each(everywhere)('%s says nosniff and sends no referrer', async (url) => {
    const res = await get(url);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('an error answer and a refusal without a token carry them too', async () => {
    for (const res of [await get('/pool', null), await get('/customers/%')]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it.each(['/ui/', '/ui/rules/grading', '/ui/assets/app.js', '/docs'])('%s has a Content-Security-Policy that forbids framing and foreign scripts', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('the admin UI’s files', () => {
  it('answers a client-side route with index.html, and a missing file (an old asset after a deploy, a mistyped icon) with 404 in the one error shape', async () => {
    for (const route of ['/ui/', '/ui/customers/01JD0000000000000000000000', '/ui/settings/reps']) {
      const res = await get(route);
      expect([route, res.status, res.headers.get('content-type')]).toEqual([route, 200, 'text/html; charset=utf-8']);
    }
    for (const missing of ['/ui/assets/app-0ld.js', '/ui/assets/index-0ld.css', '/ui/favicon.png', '/ui/robots.txt', '/ui/assets/']) {
      const res = await get(missing, null);
      expect([missing, res.status]).toEqual([missing, 404]);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });
});
