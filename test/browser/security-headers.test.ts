// The admin UI and the API docs under their Content-Security-Policy: Chromium reports no violation
// on any page, Monaco's rules editor still runs its JSON worker (schema completion), and Swagger UI
// renders.
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let context: BrowserContext;
let page: Page;
const consoleMessages: string[] = [];

// Runs in each page before its own scripts: keeps every CSP violation the document reports.
const recordViolations = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
  });
`;
const violations = (p: Page) => p.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations);

const record = (where: string) => (m: ConsoleMessage) => {
  if (m.type() === 'error' || m.type() === 'warning') consoleMessages.push(`${where} ${m.type()}: ${m.text()}`);
};

beforeAll(async () => {
  w = await createUiWorld();
  context = await w.browser();
  await context.addInitScript(recordViolations);
  context.on('console', record('page'));
  context.on('page', (p) => p.on('worker', (worker) => worker.on('console', record('worker'))));
  for (const p of context.pages()) p.on('worker', (worker) => worker.on('console', record('worker')));
  page = await w.signIn(context, w.h.adminToken);
}, 180_000);
afterAll(() => w?.close());

/** Everything Chromium said about the policy, anywhere. */
const cspComplaints = () => consoleMessages.filter((m) => /Content Security Policy|Refused to/i.test(m));

describe('under the Content-Security-Policy', () => {
  it('the admin UI is served with it, and the rules editor completes from the decision schema in its worker', async () => {
    const res = await page.goto(`${w.baseUrl}/ui/rules/grading`);
    expect(res!.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    await page.locator('[data-testid=rule-editor] .view-lines').waitFor();
    await expect.poll(() => page.locator('[data-testid=problems]').getAttribute('data-status')).toBe('done');
    // The rules language opens first; the JSON view is the one with a language worker.
    await page.locator('[data-testid=view-json]').click();
    await expect.poll(() => page.locator('[data-testid=problems]').getAttribute('data-status')).toBe('done');

    // Schema completion comes from Monaco's JSON language worker: ask for it at the document's top level.
    await page.locator('[data-testid=rule-editor] .view-lines').click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('[data-testid=rule-editor] .suggest-widget .monaco-list-row');
    // The shipped document has every top-level key but the optional named conditions.
    await expect.poll(() => suggestions.allTextContents(), { timeout: 20_000 }).toContain('conditions');
    await page.keyboard.press('Escape');
    // Real workers, not Monaco's fallback onto the main thread.
    expect(page.workers().length).toBeGreaterThan(0);
    expect(consoleMessages.filter((m) => /web worker/i.test(m))).toEqual([]);

    expect(await violations(page)).toEqual([]);
    expect(cspComplaints()).toEqual([]);
  });

  it('every other page of the admin UI renders without a violation', async () => {
    const customerId = await w.h.createCustomer({ assign: false });
    for (const route of ['dashboard', 'pool', 'approvals', 'notifications', 'settings', `customers/${customerId}`]) {
      await page.goto(`${w.baseUrl}/ui/${route}`);
      await page.locator('[data-testid=who]').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await violations(page), route).toEqual([]);
    }
    expect(cspComplaints()).toEqual([]);
  });

  it('the API docs render every operation', async () => {
    const res = await page.goto(`${w.baseUrl}/docs`);
    expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
    // Swagger UI virtualises a long list of operations (only those near the viewport are in the
    // DOM), so the page is scrolled to the end and every operation seen on the way is counted.
    const spec = (await (await page.request.get(`${w.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(spec.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    const seen = new Set<string>();
    for (let atEnd = false, round = 0; !atEnd && round < 500; round++) {
      for (const id of await page.locator('.swagger-ui .opblock').evaluateAll((els) => els.map((e) => e.id))) seen.add(id);
      atEnd = await page.evaluate(() => {
        const win = globalThis as unknown as { scrollY: number; innerHeight: number; scrollBy: (x: number, y: number) => void };
        const before = win.scrollY;
        win.scrollBy(0, win.innerHeight / 2);
        return win.scrollY === before;
      });
      await page.waitForTimeout(30);
    }
    for (const id of await page.locator('.swagger-ui .opblock').evaluateAll((els) => els.map((e) => e.id))) seen.add(id);
    expect(operations).toBeGreaterThan(100);
    expect(seen.size).toBe(operations);
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
    await page.locator('.swagger-ui .opblock').first().click();
    await page.locator('.swagger-ui .opblock-body').first().waitFor();
    expect(await violations(page)).toEqual([]);
    expect(cspComplaints()).toEqual([]);
  });
});
