// Rate limits, counted by hono-rate-limiter's in-memory store (per process): failed authentications
// per client address and per presented token, imports per client and per token. Over a limit the
// answer is 429 RATE_LIMITED with Retry-After and a message saying when to try again.
import { createHash } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { type ConfigType, MemoryStore, rateLimiter } from 'hono-rate-limiter';
import { parseDuration } from '../../schemas/duration.js';
import { type Config, ConfigSchema } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from './app-env.js';

export interface Limit {
  perClient: number;
  perToken: number;
  windowMs: number;
}

export interface RateLimitSettings {
  /** Unknown, revoked or expired tokens and missing or malformed Authorization headers. */
  authFailures: Limit;
  /** POST /imports, successful or not. */
  imports: Limit;
  /** GET /customers/lookup per rep. */
  lookups: { perRep: number; windowMs: number };
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy: boolean;
}

/** Identifies the client a request comes from; injectable so tests can act as many clients. */
export type ClientKey = (c: Context) => string;

type RateLimitConfig = Pick<
  Config,
  | 'RATE_LIMIT_AUTH_FAILURES_PER_CLIENT'
  | 'RATE_LIMIT_AUTH_FAILURES_PER_TOKEN'
  | 'RATE_LIMIT_AUTH_FAILURES_WINDOW'
  | 'RATE_LIMIT_IMPORTS_PER_CLIENT'
  | 'RATE_LIMIT_IMPORTS_PER_TOKEN'
  | 'RATE_LIMIT_IMPORTS_WINDOW'
  | 'RATE_LIMIT_LOOKUPS_PER_REP'
  | 'RATE_LIMIT_LOOKUPS_WINDOW'
  | 'TRUST_PROXY'
>;

export function rateLimitsFromConfig(c: RateLimitConfig): RateLimitSettings {
  return {
    authFailures: {
      perClient: c.RATE_LIMIT_AUTH_FAILURES_PER_CLIENT,
      perToken: c.RATE_LIMIT_AUTH_FAILURES_PER_TOKEN,
      windowMs: parseDuration(c.RATE_LIMIT_AUTH_FAILURES_WINDOW)!,
    },
    imports: { perClient: c.RATE_LIMIT_IMPORTS_PER_CLIENT, perToken: c.RATE_LIMIT_IMPORTS_PER_TOKEN, windowMs: parseDuration(c.RATE_LIMIT_IMPORTS_WINDOW)! },
    lookups: { perRep: c.RATE_LIMIT_LOOKUPS_PER_REP, windowMs: parseDuration(c.RATE_LIMIT_LOOKUPS_WINDOW)! },
    trustProxy: c.TRUST_PROXY,
  };
}

/** The configuration's defaults, for apps built without a configuration (tests, benchmarks). */
export const defaultRateLimits: RateLimitSettings = rateLimitsFromConfig(ConfigSchema.parse({}));

/** Requests without a connection (in-process `app.request`) all count as this one client. */
export const UNKNOWN_CLIENT = 'unknown-client';

/**
 * The client's address: the connection's peer, or (behind a trusted proxy) the address the proxy
 * appended to X-Forwarded-For; a client-supplied header is never believed otherwise.
 */
export function clientAddress(trustProxy: boolean): ClientKey {
  return (c) => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
      if (forwarded) return forwarded;
    }
    const bindings = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
    if (!bindings?.incoming && !bindings?.server?.incoming) return UNKNOWN_CLIENT;
    return getConnInfo(c).remote.address ?? UNKNOWN_CLIENT;
  };
}

/** 429 with Retry-After, saying who is limited and when to try again. */
function tooMany(c: Context, what: string, resetTime: Date | undefined, limit: { windowMs: number }): AppError {
  const retryAt = resetTime ?? new Date(Date.now() + limit.windowMs);
  const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
  c.header('Retry-After', String(retryAfterSeconds));
  return new AppError(ErrorCode.RATE_LIMITED, `Too many ${what}; try again in ${retryAfterSeconds} s (after ${retryAt.toISOString()}).`, {
    retryAfterSeconds,
    retryAt: retryAt.toISOString(),
  });
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 32);

interface Counter {
  store: MemoryStore<AppEnv>;
  key: (c: Context<AppEnv>) => string | null;
  limit: number;
  what: string;
  middleware: MiddlewareHandler<AppEnv>;
}

function counter(options: { key: (c: Context<AppEnv>) => string | null; limit: number; windowMs: number; what: string; settings: { windowMs: number } }): Counter {
  const store = new MemoryStore<AppEnv>();
  const middleware = rateLimiter<AppEnv>({
    windowMs: options.windowMs,
    limit: options.limit,
    store,
    standardHeaders: false,
    // The library stores its counts on the context under these names; each counter its own.
    requestPropertyName: `rateLimit:${options.what}`,
    requestStorePropertyName: `rateLimitStore:${options.what}`,
    skip: (c) => options.key(c) === null,
    keyGenerator: (c) => options.key(c)!,
    handler: async (c, _next, used: ConfigType<AppEnv>) => {
      const info = 'store' in used ? await used.store.get?.(options.key(c)!) : undefined;
      throw tooMany(c, options.what, info?.resetTime, options.settings);
    },
  }) as MiddlewareHandler<AppEnv>;
  return { store, key: options.key, limit: options.limit, what: options.what, middleware };
}

/** The token a request presents: the bearer token, or the whole header when it is malformed. */
function presented(c: Context): string | null {
  const header = c.req.header('authorization');
  if (!header) return null;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? header;
}

export interface FailedAuthLimiter {
  /** Before the token is looked up: refuses a client or token that is over its limit. */
  refuseIfLimited(c: Context<AppEnv>): Promise<void>;
  /** After a failed authentication: counts it, and throws `failure` (or 429 once over a limit). */
  failed(c: Context<AppEnv>, failure: AppError): Promise<never>;
}

export function failedAuthLimiter(settings: Limit, clientKey: ClientKey): FailedAuthLimiter {
  const counters = [
    counter({ key: (c) => `client:${clientKey(c)}`, limit: settings.perClient, windowMs: settings.windowMs, what: 'failed authentications from this address', settings }),
    counter({
      key: (c) => {
        const token = presented(c);
        return token === null ? null : `token:${digest(token)}`;
      },
      limit: settings.perToken,
      windowMs: settings.windowMs,
      what: 'failed authentications with this token',
      settings,
    }),
  ];
  return {
    async refuseIfLimited(c) {
      for (const k of counters) {
        const key = k.key(c);
        if (key === null) continue;
        const info = k.store.get(key);
        if (info && info.totalHits > k.limit && (info.resetTime?.getTime() ?? 0) > Date.now()) throw tooMany(c, k.what, info.resetTime, settings);
      }
    },
    async failed(c, failure) {
      // Each counter counts the failure and answers 429 over its limit; past both, the failure itself.
      const chain = counters.reduceRight<() => Promise<void>>((next, k) => () => k.middleware(c, next) as Promise<void>, async () => {
        throw failure;
      });
      await chain();
      throw failure;
    },
  };
}

/** The requests that start an import job over a whole file: an upload, a preview of a kept upload remapped, a commit. */
const startsImportJob = (c: Context<AppEnv>) => c.req.method === 'POST' && /^\/imports(?:\/[^/]+\/(?:remap|commit))?\/?$/.test(c.req.path);

/** Import jobs started (POST /imports, …/remap, …/commit), one count per client and per token (after authentication, so the token is known). */
export function importLimits(settings: Limit, clientKey: ClientKey): MiddlewareHandler<AppEnv> {
  const byClient = counter({ key: (c) => (startsImportJob(c) ? `client:${clientKey(c)}` : null), limit: settings.perClient, windowMs: settings.windowMs, what: 'imports from this address', settings });
  const byToken = counter({ key: (c) => (startsImportJob(c) ? `token:${c.get('actor').tokenId}` : null), limit: settings.perToken, windowMs: settings.windowMs, what: 'imports with this token', settings });
  return async function importLimits(c, next) {
    await byClient.middleware(c, () => byToken.middleware(c, next) as Promise<void>);
  };
}

/**
 * POST /auth/sign-in attempts, successful or not, per client address and per account (the e-mail
 * typed, known or not: the limit says nothing about whether an account exists).
 */
export function signInLimiter(settings: { perClient: number; perAccount: number; windowMs: number }, clientKey: ClientKey) {
  const make = (limit: number, what: string) => {
    const store = new MemoryStore<AppEnv>();
    store.init({ windowMs: settings.windowMs } as never);
    return { store, limit, what };
  };
  const byClient = make(settings.perClient, 'sign-in attempts from this address');
  const byAccount = make(settings.perAccount, 'sign-in attempts for this account');
  const limit: Limit = { perClient: settings.perClient, perToken: settings.perAccount, windowMs: settings.windowMs };
  const accountKey = (account: string) => `account:${digest(account.trim().toLowerCase())}`;
  return {
    async hit(c: Context, account: string): Promise<void> {
      for (const [k, key] of [[byClient, `client:${clientKey(c)}`], [byAccount, accountKey(account)]] as const) {
        const info = await k.store.increment(key);
        if (info.totalHits > k.limit) throw tooMany(c, k.what, info.resetTime, limit);
      }
    },
    /** The account's attempts forgotten: after it signed in, or an admin unlocked it. */
    async forgive(account: string): Promise<void> {
      await byAccount.store.resetKey(accountKey(account));
    },
  };
}


/** GET /customers/lookup per rep (whichever token they use), so the look-up cannot list the customer base. */
export function lookupLimits(settings: RateLimitSettings['lookups']): MiddlewareHandler<AppEnv> {
  const byRep = counter({
    key: (c) => (c.req.method === 'GET' ? `rep:${c.get('actor').repId}` : null),
    limit: settings.perRep,
    windowMs: settings.windowMs,
    what: 'duplicate look-ups by you',
    settings,
  });
  return byRep.middleware;
}
