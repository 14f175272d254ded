// The admin UI's icon: every page names /ui/favicon.svg, served without signing in like the UI's other
// static files, so loading a page (signed out or in) logs no failed request for an icon; a browser
// or tool asking for /favicon.ico is sent there too.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;

beforeAll(async () => {
  w = await createUiWorld();
}, 180_000);
afterAll(() => w?.close());

/** The icon the page names, asked for as the browser would (with the page's cookies): its path, status, type and first bytes. */
async function icon(page: Page) {
  await page.locator('link[rel=icon]').waitFor({ state: 'attached' });
  return page.evaluate(async () => {
    // Runs in the page; the test program has no DOM types, so the few used are spelled out.
    const d = (globalThis as unknown as { document: { querySelector(s: string): { href: string } | null } }).document;
    const href = d.querySelector('link[rel=icon]')!.href;
    const res = await fetch(href);
    return { path: new URL(href).pathname, status: res.status, type: res.headers.get('content-type'), start: (await res.text()).slice(0, 5) };
  });
}

const SVG = { path: '/ui/favicon.svg', status: 200, type: 'image/svg+xml', start: '<svg ' };

describe('the favicon', () => {
  // Headless Chromium fetches no icons by itself: the test asks for the one the page names.
  it('is named by every page and answered with 200 signed out and signed in, with no console error', async () => {
    const page = (await w.browser()).pages()[0]!;
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${w.baseUrl}/ui/sign-in`);
    expect(await icon(page)).toEqual(SVG);

    const signedIn = await w.signIn(await w.browser(), w.h.adminToken);
    await signedIn.goto(`${w.baseUrl}/ui/settings`);
    expect(await icon(signedIn)).toEqual(SVG);
    expect(errors).toEqual([]);
  });

  it('answers /favicon.ico with the way to it, signed out', async () => {
    const res = await fetch(`${w.baseUrl}/favicon.ico`, { redirect: 'follow' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg /);
  });
});
