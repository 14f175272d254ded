// A browser-test world: the real API (Postgres + Temporal through the test harness) served over
// loopback HTTP with the built admin UI, and Debian's Chromium driven by playwright-core.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { pino } from 'pino';
import { inject } from 'vitest';
import { type AppDeps, createApp } from '../../../server/app.js';
import { systemClock } from '../../../server/clock.js';
import { createHarness, type Harness, type HarnessOptions } from '../../support/harness.js';
import { sessionSecretFor } from '../../support/sessions.js';
import { findActorByToken } from '../../../server/tokens/tokens.repository.js';
import { CHROMIUM_ARGS } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    uiDistDir: string;
    chromiumPath: string;
  }
}

const SCREENSHOT_DIR = path.resolve('test-artifacts/screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const TABLET = { width: 820, height: 1180 };

export interface UiWorld {
  h: Harness;
  baseUrl: string;
  /** A fresh browser profile (own localStorage) in the given locale. */
  browser(options?: { locale?: string }): Promise<BrowserContext>;
  /**
   * Opens the UI signed in as the rep the API token belongs to: a session is created for that rep
   * (as a password sign-in would) and its HTTP-only cookie put in the browser profile.
   */
  signIn(context: BrowserContext, token: string): Promise<Page>;
  /** Opens the sign-in page and signs in through the form. */
  signInWithPassword(context: BrowserContext, email: string, password: string): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export interface UiWorldOptions extends HarnessOptions {
  /** More of the app's dependencies, once the address it is served at is known (e.g. single sign-on). */
  appDeps?: (baseUrl: string) => Promise<Partial<AppDeps>>;
}

export async function createUiWorld(options: UiWorldOptions = {}): Promise<UiWorld> {
  const h = await createHarness(options);
  let app: ReturnType<typeof createApp> | null = null;
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (req, env) => app!.fetch(req, env), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = createApp({
    db: h.db,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    lifecycle: h.lifecycle,
    decisions: h.decisions,
    readiness: [],
    temporalUiUrl: 'http://temporal-ui.test',
    temporalNamespace: 'default',
    destinations: h.destinations,
    uiDistDir: inject('uiDistDir'),
    ...(await options.appDeps?.(baseUrl)),
  });
  const contexts: BrowserContext[] = [];
  const profiles: string[] = [];
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  return {
    h,
    baseUrl,
    async browser({ locale = 'en-US' } = {}) {
      const profile = mkdtempSync(path.join(os.tmpdir(), 'highseas-chromium-'));
      profiles.push(profile);
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: inject('chromiumPath'),
        headless: true,
        args: [...CHROMIUM_ARGS, `--lang=${locale}`],
        locale,
        viewport: DESKTOP,
        timeout: 60_000,
      });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      return context;
    },
    async signIn(context, token) {
      const actor = await findActorByToken(h.db, token);
      if (!actor) throw new Error('signIn: unknown token');
      const secret = await sessionSecretFor(h.db, actor.repId);
      await context.addCookies([{ name: 'hs_session', value: secret, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${baseUrl}/`);
      await page.locator('[data-testid=who]').waitFor();
      return page;
    },
    async signInWithPassword(context, email, password) {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${baseUrl}/ui/sign-in`);
      await page.locator('input[type=email]').fill(email);
      const input = page.locator('input[type=password]');
      await input.fill(password);
      await input.press('Enter');
      await page.locator('[data-testid=who]').waitFor();
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      for (const p of profiles) rmSync(p, { recursive: true, force: true });
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await h.close();
    },
  };
}
