// Single sign-on routes (public: they are how a browser gets a session). GET /auth/methods lists the
// configured methods for the sign-in page; GET /auth/{method}/start sends the browser to the
// provider with a fresh state (kept server-side, and in a short-lived HTTP-only cookie that binds
// it to this browser); GET /auth/{method}/callback checks the state, lets the provider vouch for
// someone, matches the rep, opens the session through the session layer and lands on the UI. Every
// refusal is audited and lands on the sign-in page with ?sso_error=<reason>; none opens a session.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { MemoryStore } from 'hono-rate-limiter';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import { SignInMethods, SsoMethodName, SsoSettingsView } from '../../schemas/sso.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonResponse } from '../http/openapi.js';
import type { ClientKey } from '../http/rate-limits.js';
import type { Identity, LoginProvider } from './login-provider.js';
import { createRepJustInTime, findRepFor } from './rep-match.js';
import type { SignInPort } from './sign-in-port.js';
import { beginLogin, takeLogin } from './sso-logins.repository.js';
import { SsoRefusal } from './sso-refusal.js';
import type { SsoMethod, SsoSettings } from './sso-settings.js';
import { ssoSettingsView } from './sso-settings.view.js';
import { storableText } from '../../schemas/storable-text.js';

const STATE_COOKIE = 'hs_sso_state';
const COOKIE_PATH = '/auth/';
export const SIGNED_IN_PAGE = '/ui/';
export const SIGN_IN_PAGE = '/ui/sign-in';

const MethodParam = z.object({ method: SsoMethodName });

/** The provider's claims as storable text: a NUL in one is then an unknown user, audited, not a database error. */
const storableIdentity = (who: Identity): Identity => {
  const text = (s: string | null) => (s === null ? null : storableText(s));
  if (who.match === 'email') return { ...who, email: storableText(who.email), name: text(who.name) };
  if (who.match === 'claim') return { ...who, value: storableText(who.value), email: text(who.email), name: text(who.name) };
  return { ...who, value: storableText(who.value), ...(who.alternatives ? { alternatives: who.alternatives.map(storableText) } : {}) };
};
const Param = z.string().max(4096).optional();
// Loose: identity providers add parameters of their own (session_state, scope …) to the callback.
const CallbackQuery = z.looseObject({ code: Param, authCode: Param, state: Param, error: Param, error_description: Param, iss: Param });
const redirectTo = (what: string) => ({ 302: { description: what, headers: { location: { schema: { type: 'string' as const } } } } });

const routes = {
  methods: createRoute({
    method: 'get',
    path: '/auth/methods',
    tags: ['sign-in'],
    summary: 'The single sign-on methods this installation offers (public, for the sign-in page)',
    responses: { 200: jsonResponse(SignInMethods, 'The configured methods, OpenID Connect first.') },
  }),
  start: createRoute({
    method: 'get',
    path: '/auth/{method}/start',
    tags: ['sign-in'],
    summary: "Begin a single sign-on: redirects to the provider's sign-in page (public)",
    // Loose too: a provider's or a workbench's link may add parameters of its own (login_hint, iss …).
    request: { params: MethodParam, query: z.looseObject({}) },
    responses: { ...redirectTo("The provider's sign-in page, or the sign-in page with ?sso_error=not_configured|provider."), ...errorResponses(429) },
  }),
  callback: createRoute({
    method: 'get',
    path: '/auth/{method}/callback',
    tags: ['sign-in'],
    summary: 'Where the provider sends the browser back: opens a session and lands on the UI (public)',
    request: { params: MethodParam, query: CallbackQuery },
    responses: { ...redirectTo('The UI with a session cookie, or the sign-in page with ?sso_error=<reason> and no session.'), ...errorResponses() },
  }),
  settings: createRoute({
    method: 'get',
    path: '/sso/settings',
    tags: ['sign-in'],
    summary: 'The single sign-on settings without secrets (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    responses: { 200: jsonResponse(SsoSettingsView, 'The settings.'), ...errorResponses() },
  }),
};

export interface SsoDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  settings: SsoSettings;
  providers: Map<SsoMethod, LoginProvider>;
  signIn: SignInPort;
  clientKey: ClientKey;
  /** Sign-ins a client may begin in a window (each keeps a row until it ends or expires). */
  startLimit: { perClient: number; windowMs: number };
}

/** The public routes (methods, start, callback), registered on the app before authentication. */
export function registerSsoRoutes(app: OpenAPIHono<AppEnv>, deps: SsoDeps) {
  const { db, clock, logger, settings, providers, signIn } = deps;

  app.openapi(routes.methods, (c) =>
    c.json(
      [...providers.values()].map((p) => ({ id: p.method, kind: p.method, label: p.label, startUrl: `/auth/${p.method}/start` })),
      200,
    ),
  );

  const refuse = async (c: Context<AppEnv>, method: SsoMethod, refusal: SsoRefusal, repId: string | null = null) => {
    logger.warn({ method, reason: refusal.reason, detail: refusal.detail, repId }, 'single sign-on refused');
    await signIn.auditSignIn({ repId, method, outcome: 'failure', reason: storableText(`${refusal.reason}: ${refusal.detail}`).slice(0, 1000), ip: deps.clientKey(c) });
    return c.redirect(`${SIGN_IN_PAGE}?${new URLSearchParams({ sso_error: refusal.reason, sso_method: method })}`, 302);
  };

  const starts = new MemoryStore<AppEnv>();
  starts.init({ windowMs: deps.startLimit.windowMs } as never);

  app.openapi(routes.start, async (c) => {
    const { method } = c.req.valid('param');
    const started = await starts.increment(`client:${deps.clientKey(c)}`);
    if (started.totalHits > deps.startLimit.perClient) {
      const retryAfter = Math.max(1, Math.ceil(((started.resetTime?.getTime() ?? Date.now() + deps.startLimit.windowMs) - Date.now()) / 1000));
      c.header('Retry-After', String(retryAfter));
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many single sign-ons begun from this address; try again in ${retryAfter} s.`, { retryAfterSeconds: retryAfter });
    }
    const provider = providers.get(method);
    if (!provider) return refuse(c, method, new SsoRefusal('not_configured', `${method} sign-in is not configured`));
    const nonce = provider.usesPkce ? randomBytes(32).toString('base64url') : null;
    const codeVerifier = provider.usesPkce ? randomBytes(48).toString('base64url') : null;
    const state = await beginLogin(db, { method, nonce, codeVerifier, now: clock.now(), timeoutMs: settings.loginTimeoutMs });
    let url: URL;
    try {
      url = await provider.authorizationUrl({ state, nonce, codeVerifier });
    } catch (error) {
      if (error instanceof SsoRefusal) return refuse(c, method, error);
      throw error;
    }
    setCookie(c, STATE_COOKIE, state, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: settings.secureCookies,
      path: COOKIE_PATH,
      maxAge: Math.ceil(settings.loginTimeoutMs / 1000),
    });
    return c.redirect(url.toString(), 302);
  });

  app.openapi(routes.callback, async (c) => {
    const { method } = c.req.valid('param');
    // What the provider and the browser send back is kept as storable text (an odd character in it is
    // then a refusal like any other, audited, not a database error).
    const query = new URLSearchParams([...new URL(c.req.url).searchParams].map(([k, v]): [string, string] => [k, storableText(v)]));
    const cookieState = getCookie(c, STATE_COOKIE);
    const browserState = cookieState === undefined ? undefined : storableText(cookieState);
    deleteCookie(c, STATE_COOKIE, { path: COOKIE_PATH, secure: settings.secureCookies });
    let repId: string | null = null;
    try {
      const provider = providers.get(method);
      if (!provider) throw new SsoRefusal('not_configured', `${method} sign-in is not configured`);
      const state = query.get('state');
      if (!state || !browserState || !sameText(state, browserState)) {
        throw new SsoRefusal('state', browserState ? 'the state does not match the one this browser left with' : 'this browser did not start a sign-in (no state cookie)');
      }
      const login = await takeLogin(db, method, state);
      if (!login) throw new SsoRefusal('state', 'the state is unknown or was already used');
      if (login.expires_at.getTime() <= clock.now().getTime()) throw new SsoRefusal('expired', `the sign-in began at ${login.created_at.toISOString()} and expired`);
      const error = query.get('error');
      if (error) throw new SsoRefusal('denied', `the provider answered ${error}: ${query.get('error_description') ?? ''}`.trim());
      const who = storableIdentity(await provider.identify(query, { state, nonce: login.nonce, codeVerifier: login.code_verifier }));
      let rep = await findRepFor(db, who);
      if (!rep && method === 'oidc' && settings.oidc?.jit) rep = await createRepJustInTime(db, who, settings.oidc.jit, clock.now());
      if (!rep) throw new SsoRefusal('unknown_user', `no rep has ${who.match === 'email' ? `the e-mail ${who.email}` : who.match === 'claim' ? `the id or e-mail ${who.value} (claim ${who.claim})` : `${who.match} ${who.value}`}`);
      repId = rep.id;
      if (!rep.active) throw new SsoRefusal('inactive', `rep ${rep.id} is deactivated`);
      const ip = deps.clientKey(c);
      const { cookie } = await signIn.createSession({ repId: rep.id, method, ip, userAgent: c.req.header('user-agent') ?? '' });
      await signIn.auditSignIn({ repId: rep.id, method, outcome: 'success', reason: `signed in as ${who.match === 'email' ? who.email : who.value}`, ip });
      c.header('set-cookie', cookie, { append: true });
      return c.redirect(SIGNED_IN_PAGE, 302);
    } catch (error) {
      if (error instanceof SsoRefusal) return refuse(c, method, error, repId);
      throw error;
    }
  });
}

/** The admin's view of the settings, on the authenticated API. */
export function registerSsoSettingsRoute(api: OpenAPIHono<AppEnv>, settings: SsoSettings) {
  api.openapi(routes.settings, (c) => c.json(ssoSettingsView(settings), 200));
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
