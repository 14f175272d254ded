// Process configuration: parsed once from the environment at start-up, then passed in explicitly.
import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from '../schemas/duration.js';
import { isCidr } from './net/public-destination.js';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from './db/timeouts.js';
import { bool, count, duration, durationMs, emptyAsUndefined, hostPort, httpUrl, httpUrlDefault, optionalString, port } from './config-fields.js';

export const ConfigSchema = z.object({
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  // The defaults keep a request that meets a dead or stalled database under 15 s (see db/timeouts.ts).
  DATABASE_CONNECT_TIMEOUT: durationMs(DEFAULT_DATABASE_TIMEOUTS.connectMs),
  DATABASE_STATEMENT_TIMEOUT: durationMs(DEFAULT_DATABASE_TIMEOUTS.statementMs),
  DATABASE_QUERY_TIMEOUT: durationMs(DEFAULT_DATABASE_TIMEOUTS.queryMs),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: durationMs(DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs),
  DATABASE_KEEPALIVE_DELAY: durationMs(DEFAULT_DATABASE_TIMEOUTS.keepAliveDelayMs),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  PORT: port(3000),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  /** pretty: readable lines (pino-pretty); json: one JSON object a line. Default: pretty on a terminal, JSON otherwise. */
  LOG_FORMAT: z.preprocess(emptyAsUndefined, z.enum(['pretty', 'json']).optional()),
  /**
   * A bearer token Prometheus sends to scrape GET /metrics on the API (besides an admin's API token);
   * also required on METRICS_ADDRESS when set.
   */
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(24, 'must be at least 24 characters').optional()),
  /** host:port of a listener serving only GET /metrics (the worker process has no API). */
  METRICS_ADDRESS: hostPort,
  /** host:port where the Temporal SDK serves its own worker metrics (temporal_…) for Prometheus. */
  TEMPORAL_METRICS_ADDRESS: hostPort,
  TEMPORAL_ADDRESS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[^\s:]+:\d+$/, 'expected host:port, e.g. temporal.internal:7233')
      .optional(),
  ),
  TEMPORAL_NAMESPACE: z.preprocess(emptyAsUndefined, z.string().default('default')),
  TEMPORAL_TASK_QUEUE: z.preprocess(emptyAsUndefined, z.string().default('highseas')),
  TEMPORAL_TLS: bool(false),
  TEMPORAL_TLS_CERT_PATH: optionalString,
  TEMPORAL_TLS_KEY_PATH: optionalString,
  TEMPORAL_API_KEY: optionalString,
  TEMPORAL_CLI_PATH: optionalString,
  TEMPORAL_DEV_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_UI_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  WORKFLOW_BUNDLE_PATH: optionalString,
  /**
   * Tenures a worker keeps in memory (sticky cache), about 0.5 MiB each; the rest are replayed from
   * their (short) histories when touched. The SDK's own default (from the heap size, ~2,300 on a
   * 4 GiB heap) puts a worker with 10,000 open tenures over 1.5 GiB.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(2).max(100_000).default(500)),
  RELEASE_COOLDOWN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('7d')
      .refine((v) => parseDuration(v) !== null, 'expected a duration such as "7d" or "12h"'),
  ),
  /** Chromium that prints documents as PDF (headless, no network); "none" turns PDFs off (503). */
  PDF_CHROMIUM_PATH: z.preprocess(emptyAsUndefined, z.string().default('/usr/bin/chromium')),
  /** How long after a rule decision (an assignment, a claim refusal, a reclaim) a rep may dispute it. */
  DISPUTE_WINDOW: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('7d')
      .refine((v) => (parseDuration(v) ?? 0) >= 60_000, 'expected a duration of at least 1m, such as "7d" or "48h"'),
  ),
  /** How often the reconciler compares owned customers with running tenures (R13). */
  RECONCILE_EVERY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('30s')
      .refine((v) => (parseDuration(v) ?? 0) >= 1000, 'expected a duration of at least 1s, such as "30s" or "2m"'),
  ),
  /**
   * Rate limits (per process): failed authentications per client address and per presented token,
   * and imports per client and per token, each within its window.
   */
  RATE_LIMIT_AUTH_FAILURES_PER_CLIENT: count(50),
  RATE_LIMIT_AUTH_FAILURES_PER_TOKEN: count(10),
  RATE_LIMIT_AUTH_FAILURES_WINDOW: duration('15m'),
  RATE_LIMIT_IMPORTS_PER_CLIENT: count(60),
  RATE_LIMIT_IMPORTS_PER_TOKEN: count(20),
  RATE_LIMIT_IMPORTS_WINDOW: duration('10m'),
  /** Password sign-in: attempts per client address and per account (e-mail) within the window. */
  RATE_LIMIT_SIGN_IN_PER_CLIENT: count(30),
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: count(10),
  RATE_LIMIT_SIGN_IN_WINDOW: duration('15m'),
  /** After this many wrong passwords in a row an account is locked for SIGN_IN_LOCKOUT_DURATION (an admin can unlock it). */
  SIGN_IN_LOCKOUT_AFTER: count(5),
  SIGN_IN_LOCKOUT_DURATION: duration('30m'),
  /** A browser session ends after this long without a request, and in any case this long after sign-in. */
  SESSION_IDLE_TIMEOUT: duration('8h'),
  SESSION_MAX_AGE: duration('7d'),
  /** How long an invitation or password-reset link works. */
  INVITATION_VALID_FOR: duration('72h'),
  /** The shortest password accepted (common passwords are refused whatever their length). */
  PASSWORD_MIN_LENGTH: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(8).max(128).default(10)),
  /** How long an import's upload is kept: a preview can be committed and the rejects file rebuilt until then. */
  IMPORT_UPLOAD_TTL: duration('24h'),
  /** Duplicate look-ups (GET /customers/lookup) per rep within the window. */
  RATE_LIMIT_LOOKUPS_PER_REP: count(30),
  RATE_LIMIT_LOOKUPS_WINDOW: duration('1m'),
  /**
   * Company names scoring at least this (0..1, trigram similarity of the similarity keys) are shown
   * as possible duplicates on create, import and look-up, and listed as likely duplicate pairs
   * (measured: bench/near-duplicates.bench.ts).
   */
  NEAR_DUPLICATE_THRESHOLD: z.preprocess(emptyAsUndefined, z.coerce.number().min(0.1, 'expected at least 0.1').max(1, 'expected at most 1').default(0.6)),
  /**
   * The API is behind a reverse proxy: the client address is the last X-Forwarded-For entry, and
   * X-Forwarded-Proto/-Host say whether the browser used HTTPS (session cookies are then Secure).
   */
  TRUST_PROXY: bool(false),
  /**
   * Private ranges outbound requests (webhooks) may reach, for on-premises receivers: CIDR ranges
   * separated by commas or spaces. Empty: public addresses only.
   */
  WEBHOOK_ALLOW_PRIVATE: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : (v ?? [])),
    z.array(z.string()).superRefine((ranges, ctx) => {
      for (const range of ranges) {
        if (!isCidr(range)) ctx.addIssue({ code: 'custom', message: `"${range}" is not a CIDR range; list ranges such as 10.0.0.0/8 or fd00::/8, separated by commas` });
      }
    }),
  ),
  /**
   * The address people open the admin UI at (e.g. https://crm.example.com), for the links in chat
   * robot messages; without it messages carry no links.
   */
  PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, message: 'expected an http or https URL such as https://crm.example.com' })
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  ),
  /**
   * The length of the chat robot vendors' "minute" (their limits are per minute and per second).
   * Only tests change it, to run a rate window in seconds; the fake robots use the same length.
   */
  CHAT_RATE_WINDOW: durationMs(60_000).refine((v) => v >= 1_000, 'expected at least 1s'),
  /**
   * Single sign-on through OpenID Connect (Keycloak, Azure AD, Authing, Okta …): the issuer URL
   * (discovery at <issuer>/.well-known/openid-configuration), the client registered there, and the
   * redirect URI registered with it (default PUBLIC_URL + /auth/oidc/callback).
   */
  OIDC_ISSUER: httpUrl,
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_REDIRECT_URI: httpUrl,
  OIDC_SCOPES: z.preprocess(emptyAsUndefined, z.string().default('openid email profile')),
  /** "email": the verified e-mail (email_verified true) is the rep's e-mail; any other claim's value is the rep's id. */
  OIDC_MATCH_CLAIM: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'expected a claim name such as email or preferred_username').default('email')),
  /** Create an unknown (verified e-mail) user as a rep on first sign-in, with this role and team. */
  OIDC_JIT: bool(false),
  OIDC_JIT_ROLE: z.preprocess(emptyAsUndefined, z.enum(['rep', 'manager', 'admin']).default('rep')),
  OIDC_JIT_TEAM: optionalString,
  /** The button's words on the sign-in page ("Sign in with <label>"). */
  OIDC_LABEL: z.preprocess(emptyAsUndefined, z.string().max(60).default('OpenID Connect')),
  /** WeCom (企业微信) web login: the corp id, the self-built app's agent id and secret. */
  WECOM_LOGIN_CORP_ID: optionalString,
  WECOM_LOGIN_AGENT_ID: optionalString,
  WECOM_LOGIN_SECRET: optionalString,
  WECOM_LOGIN_URL: httpUrlDefault('https://login.work.weixin.qq.com'),
  WECOM_API_URL: httpUrlDefault('https://qyapi.weixin.qq.com'),
  /** DingTalk (钉钉) web login: the app's Client ID (AppKey) and Client Secret (AppSecret). */
  DINGTALK_LOGIN_CLIENT_ID: optionalString,
  DINGTALK_LOGIN_CLIENT_SECRET: optionalString,
  DINGTALK_LOGIN_URL: httpUrlDefault('https://login.dingtalk.com'),
  DINGTALK_API_URL: httpUrlDefault('https://api.dingtalk.com'),
  DINGTALK_OAPI_URL: httpUrlDefault('https://oapi.dingtalk.com'),
  /** Feishu (飞书) web login: the app's App ID and App Secret. */
  FEISHU_LOGIN_APP_ID: optionalString,
  FEISHU_LOGIN_APP_SECRET: optionalString,
  FEISHU_API_URL: httpUrlDefault('https://open.feishu.cn'),
  /** How long a single sign-on may take between leaving for the provider and coming back. */
  SSO_LOGIN_TIMEOUT: durationMs(600_000).refine((v) => v >= 10_000, 'expected at least 10s'),
  BOOTSTRAP_ADMIN_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(24, 'must be at least 24 characters').optional(),
  ),
});

export type Config = z.infer<typeof ConfigSchema> & { projectRoot: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every bad key at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, projectRoot = process.cwd()): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const problems: string[] = [];
  const c = parsed.data;
  if (Boolean(c.TEMPORAL_TLS_CERT_PATH) !== Boolean(c.TEMPORAL_TLS_KEY_PATH)) {
    problems.push('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together');
  }
  // Postgres should cancel a slow statement (the connection stays usable) before the client gives
  // up on it and discards the connection.
  if (c.DATABASE_QUERY_TIMEOUT > 0 && c.DATABASE_STATEMENT_TIMEOUT > 0 && c.DATABASE_QUERY_TIMEOUT <= c.DATABASE_STATEMENT_TIMEOUT) {
    problems.push('DATABASE_QUERY_TIMEOUT must be longer than DATABASE_STATEMENT_TIMEOUT');
  }
  if (c.METRICS_ADDRESS && c.METRICS_ADDRESS === c.TEMPORAL_METRICS_ADDRESS) {
    problems.push('METRICS_ADDRESS and TEMPORAL_METRICS_ADDRESS must differ (each is a listener of its own)');
  }
  const together = (keys: (keyof typeof c)[], what: string) => {
    const set = keys.filter((k) => c[k] !== undefined);
    if (set.length > 0 && set.length < keys.length) problems.push(`${keys.join(', ')} must be set together (${what})`);
    return set.length === keys.length;
  };
  const oidc = together(['OIDC_ISSUER', 'OIDC_CLIENT_ID'], 'OpenID Connect sign-in');
  const chat = [
    together(['WECOM_LOGIN_CORP_ID', 'WECOM_LOGIN_AGENT_ID', 'WECOM_LOGIN_SECRET'], 'WeCom sign-in'),
    together(['DINGTALK_LOGIN_CLIENT_ID', 'DINGTALK_LOGIN_CLIENT_SECRET'], 'DingTalk sign-in'),
    together(['FEISHU_LOGIN_APP_ID', 'FEISHU_LOGIN_APP_SECRET'], 'Feishu sign-in'),
  ].some(Boolean);
  if ((chat || (oidc && !c.OIDC_REDIRECT_URI)) && !c.PUBLIC_URL) {
    problems.push('PUBLIC_URL must be set for single sign-on (the providers send people back to PUBLIC_URL/auth/<method>/callback)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...c, DATA_DIR: path.resolve(projectRoot, c.DATA_DIR), projectRoot };
}

/** The database bounds the settings give, for openDatabase. */
export function databaseTimeouts(c: Config): DatabaseTimeouts {
  return {
    connectMs: c.DATABASE_CONNECT_TIMEOUT,
    statementMs: c.DATABASE_STATEMENT_TIMEOUT,
    queryMs: c.DATABASE_QUERY_TIMEOUT,
    idleInTransactionMs: c.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT,
    keepAliveDelayMs: c.DATABASE_KEEPALIVE_DELAY,
  };
}
