// createApp(deps): the Hono application with every route, auth and the one error shape.
import { refuseUnknownQueryParameters } from './http/strict-queries.js';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { authenticate, requireRole } from './auth/auth.middleware.js';
import type { Clock } from './clock.js';
import { registerCustomerRoutes } from './customers/customers.routes.js';
import { registerNearDuplicateRoutes } from './customers/near-duplicates.routes.js';
import { ConfigSchema } from './config.js';
import { registerOwnershipRoutes } from './claims/claims.routes.js';
import { registerStageRoutes } from './stages/stages.routes.js';
import { registerApprovalRoutes } from './quotes/approvals.routes.js';
import { registerPoolRoutes } from './pools/pools.routes.js';
import type { Database } from './db/database.js';
import { AppError, ErrorCode } from './errors.js';
import { registerDocs } from './http/docs.routes.js';
import { registerUi } from './http/ui.routes.js';
import { detectLanguage } from './http/language.js';
import type { AppEnv } from './http/app-env.js';
import { createErrorHandler, notFound, requireJsonBody, validationHook } from './http/errors.middleware.js';
import { refuseUnstorableText } from './http/unstorable-text.middleware.js';
import { type ClientKey, type RateLimitSettings, clientAddress, defaultRateLimits, failedAuthLimiter, importLimits, lookupLimits, signInLimiter } from './http/rate-limits.js';
import { closeWhenBodyUnread } from './http/unread-body.middleware.js';
import { BODY_DEADLINE_MS, readBody } from './http/body-reader.middleware.js';
import { uploadIdleDeadline } from './http/upload-idle.middleware.js';
import { routeBodies } from './http/route-bodies.js';
import { refuseMalformedPercentEncoding } from './http/percent-encoding.middleware.js';
import { securityHeaders } from './http/security-headers.middleware.js';
import { registerHealthRoutes, type ReadinessCheck } from './health/health.routes.js';
import type { LifecycleClient } from './lifecycle/lifecycle.client.js';
import type { DestinationPolicy } from './net/public-destination.js';
import { registerRepRoutes } from './reps/reps.routes.js';
import type { Decisions } from './decisions/decider.js';
import { registerCustomerDecisionRoutes } from './decisions/decisions.routes.js';
import { registerRuleSetRoutes } from './rules/rule-sets.routes.js';
import { registerSimulationRoutes } from './simulation/simulations.routes.js';
import { registerForecastRoutes } from './forecast/forecasts.routes.js';
import { MAX_IMPORT_BYTES, registerImportRoutes } from './imports/imports.routes.js';
import { registerCalendarRoutes } from './calendars/calendars.routes.js';
import { registerNotificationRoutes } from './notifications/notifications.routes.js';
import { registerReportRoutes } from './reports/reports.routes.js';
import { registerChatChannelRoutes } from './chat/chat-channels.routes.js';
import { registerMetricsRoute } from './metrics/metrics.routes.js';
import type { Metrics } from './metrics/metrics.js';
import { registerHandoverRoutes } from './handovers/handovers.routes.js';
import { registerDisputeRoutes } from './disputes/disputes.routes.js';
import { createDisputeService } from './disputes/disputes.service.js';
import { registerCollaboratorRoutes } from './collaborators/collaborators.routes.js';
import { createCollaboratorService } from './collaborators/collaborators.service.js';
import type { EmitResult } from './notifications/emit.js';
import { type AuthSettings, defaultAuthSettings } from './auth/auth-settings.js';
import { registerSignInRoutes } from './auth/sign-in.routes.js';
import { registerSessionRoutes } from './auth/sessions.routes.js';
import { registerPasswordRoutes } from './auth/passwords.routes.js';
import { registerTemplateRoutes } from './documents/templates.routes.js';
import { registerDocumentRoutes } from './documents/documents.routes.js';
import { createDocumentService } from './documents/documents.service.js';
import { chromiumPrinter } from './documents/pdf.js';
import { TEMPLATE_LIMITS } from './documents/template-check.js';
import { registerSsoRoutes, registerSsoSettingsRoute } from './sso/sso.routes.js';
import { loginProviders } from './sso/login-providers.js';
import { NO_SSO, type SsoSettings } from './sso/sso-settings.js';
import { auditSignIn, createSession } from './auth/sessions.js';

export interface AppDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  lifecycle: LifecycleClient;
  decisions: Decisions;
  readiness: ReadinessCheck[];
  /** True once the process is shutting down (/ready answers 503). */
  draining?: () => boolean;
  /** The built admin UI (admin-ui/dist); null when there is none. */
  uiDistDir?: string | null;
  /** Base URL of the Temporal UI, for links from customers to their workflow. */
  temporalUiUrl?: string | null;
  temporalNamespace: string;
  /** Default: the configuration's defaults. */
  rateLimits?: RateLimitSettings;
  /** Sign-in: sessions, lockout, invitations, password rules (default: the configuration's defaults). */
  auth?: AuthSettings;
  /** Who a request comes from, for the rate limits (default: the connection's peer address). */
  clientKey?: ClientKey;
  /** Where outbound requests (webhooks) may go: public addresses and the allowed private ranges. */
  destinations: DestinationPolicy;
  /** Chat robots: the vendors' minute (CHAT_RATE_WINDOW) and where links point (PUBLIC_URL). */
  chat?: { windowMs: number; publicUrl: string | null } | undefined;
  /** The METRICS_TOKEN setting: a bearer that may read GET /metrics (admins' API tokens may too). */
  metricsToken?: string | undefined;
  /** Where claims, updates and imports are counted (default: the process's registry). */
  metrics?: Metrics;
  /** NEAR_DUPLICATE_THRESHOLD (default: the configuration's default). */
  nearDuplicateThreshold?: number;
  /** How long after a rule decision a rep may dispute it (DISPUTE_WINDOW; default 7 days). */
  disputeWindowMs?: number | undefined;
  /** Starts an API-emitted event's webhook deliveries and chat robots after its commit (else the worker's sweep does). */
  dispatchEvents?: ((emitted: EmitResult | readonly EmitResult[]) => Promise<unknown>) | undefined;
  /** Chromium for PDFs of documents (PDF_CHROMIUM_PATH; default /usr/bin/chromium; null: no PDFs). */
  chromiumPath?: string | null | undefined;
  /** IMPORT_UPLOAD_TTL in ms (default 24 h). */
  importUploadTtlMs?: number | undefined;
  /** Single sign-on: the configured methods (default: none). */
  sso?: SsoSettings | undefined;
  /** How long a request body may take to arrive before 408 REQUEST_TIMEOUT (default 10 s; tests shorten it). */
  bodyDeadlineMs?: number | undefined;
}

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  refuseUnknownQueryParameters(app);
  app.onError(createErrorHandler(deps.logger));
  app.notFound(notFound);
  app.use('*', securityHeaders());
  app.use('*', requestId());
  app.use('*', detectLanguage());
  app.use('*', refuseMalformedPercentEncoding());
  app.use('*', closeWhenBodyUnread());
  // Uploads (imports) may be larger than ordinary JSON bodies. Applied after authentication, so
  // nobody's body is read (a chunked one is buffered up to the limit) before the token is checked.
  const importLimit = bodyLimit({
    maxSize: MAX_IMPORT_BYTES,
    onError: () => {
      throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `An import file may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB; split it.`);
    },
  });
  // Every other body (JSON, or none for a command that takes none): at most 1 MiB, within the
  // deadline, strict UTF-8, read once here for the validators.
  const jsonBody = readBody({
    maxBytes: 1024 * 1024,
    tooLarge: () => new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is larger than 1 MiB.'),
    deadlineMs: deps.bodyDeadlineMs,
    // A command that declares no body (read-all …) refuses one rather than ignoring it; one that
    // requires a body refuses a request without one rather than reading it as {}.
    declaredBody: routeBodies(app),
  });
  // Template uploads: the file's limit and the form around it.
  const templateLimit = bodyLimit({
    maxSize: TEMPLATE_LIMITS.maxBytes + 64 * 1024,
    onError: () => {
      throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `A template may be at most ${TEMPLATE_LIMITS.maxBytes / 1024 / 1024} MiB; remove images and unused sheets.`);
    },
  });
  // An upload has no deadline as a whole, but one that stops arriving is refused (the JSON bodies' deadline, as idle time).
  const uploadIdle = uploadIdleDeadline(deps.bodyDeadlineMs ?? BODY_DEADLINE_MS);
  app.use('*', requireJsonBody({ multipart: ['/imports', '/document-templates'] }));

  // Liveness, readiness and the API description are public; everything else needs a token.
  registerHealthRoutes(app, deps);
  registerDocs(app);
  registerUi(app, deps.uiDistDir ?? null);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (hs_…) created by an admin.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'hs_session',
    description: 'The admin UI\'s session cookie (POST /auth/sign-in); writes must come from the UI\'s own origin (CSRF_REFUSED otherwise).',
  });

  const limits = deps.rateLimits ?? defaultRateLimits;
  const clientKey = deps.clientKey ?? clientAddress(limits.trustProxy);
  const authSettings = deps.auth ?? defaultAuthSettings;
  const auth = authenticate({ db: deps.db, clock: deps.clock, failures: failedAuthLimiter(limits.authFailures, clientKey), sessions: authSettings.sessions });
  // Signing in and accepting an invitation need no credentials (they are how one gets them).
  const signInDeps = { db: deps.db, clock: deps.clock, settings: authSettings, clientKey, logger: deps.logger, signInLimiter: signInLimiter(authSettings.signInLimit, clientKey) };
  registerSignInRoutes(app, signInDeps, jsonBody);
  const sso = deps.sso ?? NO_SSO;
  registerSsoRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    settings: sso,
    providers: loginProviders(sso),
    clientKey,
    startLimit: { perClient: authSettings.signInLimit.perClient * 2, windowMs: authSettings.signInLimit.windowMs },
    signIn: {
      createSession: (input) => createSession({ db: deps.db, clock: deps.clock, sessions: authSettings.sessions }, input),
      auditSignIn: (entry) => auditSignIn(deps, entry),
    },
  });
  // Prometheus' bearer (METRICS_TOKEN) or an admin's token; registered before the API so its own check runs.
  registerMetricsRoute(app, deps, [auth, requireRole('admin')]);

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  refuseUnknownQueryParameters(api);
  api.use('*', auth);
  api.use('/imports/*', importLimits(limits.imports, clientKey));
  api.use('/customers/lookup', lookupLimits(limits.lookups));
  // Bodies are read only for authenticated callers, and only up to their limit and deadline.
  api.use('*', async (c, next) => {
    const upload = async () => void (await uploadIdle(c, next));
    return c.req.path === '/imports' ? importLimit(c, upload) : c.req.path === '/document-templates' ? templateLimit(c, upload) : jsonBody(c, next);
  });
  api.use('*', refuseUnstorableText());
  registerRepRoutes(api, deps);
  registerSessionRoutes(api, signInDeps);
  registerPasswordRoutes(api, signInDeps);
  // Before /customers/{id}, whose id pattern "lookup" would also match.
  const nearDuplicates = { ...deps, threshold: deps.nearDuplicateThreshold ?? ConfigSchema.parse({}).NEAR_DUPLICATE_THRESHOLD };
  registerNearDuplicateRoutes(api, nearDuplicates);
  registerCustomerRoutes(api, nearDuplicates);
  registerOwnershipRoutes(api, deps);
  registerStageRoutes(api, deps);
  registerApprovalRoutes(api, deps);
  registerPoolRoutes(api, deps);
  registerRuleSetRoutes(api, deps);
  registerCustomerDecisionRoutes(api, deps);
  registerSimulationRoutes(api, deps);
  registerForecastRoutes(api, deps);
  registerImportRoutes(api, deps);
  registerCalendarRoutes(api, deps);
  registerNotificationRoutes(api, deps);
  registerChatChannelRoutes(api, deps);
  registerReportRoutes(api, deps);
  registerHandoverRoutes(api, deps);
  registerDisputeRoutes(api, createDisputeService(deps));
  registerTemplateRoutes(api, deps);
  registerDocumentRoutes(api, createDocumentService({ ...deps, pdf: chromiumPrinter(deps.chromiumPath === undefined ? '/usr/bin/chromium' : deps.chromiumPath) }));
  registerCollaboratorRoutes(api, createCollaboratorService(deps));
  registerSsoSettingsRoute(api, sso);
  app.route('/', api);
  return app;
}
