// Assembles the processes: database, Temporal (external or the embedded dev server), the worker
// and the HTTP API. start.mjs (npm start) runs all of them; api.ts and worker.ts one each.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import { installTemporalLogging } from './temporal/logging.js';
import { startMetricsListener } from './http/metrics-listener.js';
import { assertCanListen, listen } from './http/listen.js';
import { notificationEvents } from './notifications/lifecycle-events.js';
import { createWorker, loadWorkflowBundle } from './temporal/worker.js';
import { createApp } from './app.js';
import { type BootstrapResult, adminTokenFile, bootstrapAdmin } from './bootstrap.js';
import { type Clock, systemClock } from './clock.js';
import { type Config, databaseTimeouts } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/connect.js';
import { migrateOrThrow } from './db/migrate.js';
import { rateLimitsFromConfig } from './http/rate-limits.js';
import { authSettingsFromConfig } from './auth/auth-settings.js';
import { ssoSettingsFromConfig } from './sso/sso-settings.js';
import { createDestinationPolicy } from './net/public-destination.js';
import { readinessChecks } from './health/readiness.js';
import { dispatchPending, redispatchPending } from './temporal/webhook-dispatch.js';
import { wakeChannels, wakeStaleChannels } from './temporal/robot-dispatch.js';
import { afterCommitDispatch } from './temporal/after-commit-dispatch.js';
import { createLifecycleClient } from './lifecycle/lifecycle.client.js';
import { startReconciler } from './lifecycle/reconciler.client.js';
import { findTemporalCli } from './temporal/cli.js';
import { parseDuration } from '../schemas/duration.js';
import { createDecisions } from './decisions/decider.js';
import { installDefaultRuleSets } from './rules/defaults.js';
import { startRolloutSweeper } from './rules/policy-rollouts.service.js';
import { startImportSweeper } from './lifecycle/import-job-sweep.js';
import { startStaleSimulationSweeper } from './simulation/simulations.service.js';
import { connectClient, connectWorker, ensureSearchAttributes } from './temporal/connection.js';
import { type DevServer, startDevServer } from './temporal/dev-server.js';
import { CLOSE_STEP_MS, createStopSequence, drainHttp, HTTP_DRAIN_MS, WORKER_SHUTDOWN_FORCE_MS, WORKER_SHUTDOWN_GRACE_MS } from './shutdown.js';

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  api: boolean;
  worker: boolean;
  clock?: Clock;
}

export interface Runtime {
  database: DatabaseHandle;
  client: Client;
  apiUrl: string | null;
  temporalAddress: string;
  temporalUiUrl: string | null;
  /** How the admin token came about (API role only). */
  adminBootstrap: BootstrapResult | null;
  /**
   * Stops in order, each step bounded: /ready answers 503 at once, the HTTP server takes no new
   * connections and lets requests in flight finish, the worker shuts down, then the connections,
   * the dev server and the database close. Resolves false when a step had to be abandoned.
   */
  stop(): Promise<boolean>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** Pending webhook deliveries older than this without a workflow are started by the sweep. */
const WEBHOOK_SWEEP_AGE_MS = 60_000;
const WEBHOOK_SWEEP_EVERY_MS = 5 * 60_000;

async function startTemporal(config: Config, logger: Logger): Promise<{ address: string; uiUrl: string | null; dev: DevServer | null }> {
  if (config.TEMPORAL_ADDRESS) {
    return { address: config.TEMPORAL_ADDRESS, uiUrl: config.TEMPORAL_UI_URL ?? null, dev: null };
  }
  const cli = await findTemporalCli({
    configuredPath: config.TEMPORAL_CLI_PATH,
    projectRoot: config.projectRoot,
    log: (line) => logger.info(line),
  });
  const dev = await startDevServer({
    cli,
    dataDir: config.DATA_DIR,
    namespace: config.TEMPORAL_NAMESPACE,
    port: config.TEMPORAL_DEV_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    ui: true,
  });
  logger.info({ address: dev.address, reused: dev.reused }, 'temporal dev server ready');
  return { address: dev.address, uiUrl: config.TEMPORAL_UI_URL ?? dev.uiUrl, dev };
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const stopSequence = createStopSequence(logger);
  const step = stopSequence.add;
  let draining = false;
  const stop = async (): Promise<boolean> => {
    draining = true;
    return stopSequence.run();
  };

  installTemporalLogging(logger, { metricsAddress: config.TEMPORAL_METRICS_ADDRESS });
  try {
    // A taken port is told before anything starts that would then have to be stopped again.
    if (options.api) await assertCanListen(config.HOST, config.PORT);
    mkdirSync(config.DATA_DIR, { recursive: true });
    const timeouts = databaseTimeouts(config);
    const database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
      timeouts,
      // Every later query fails (503, /ready not ready) until the process is restarted.
      onProtocolLost: (err) => logger.error({ err }, 'the embedded database lost its protocol state; restart the process'),
    });
    step('database', () => database.close());
    if (database.kind === 'postgres') {
      // A migration may rewrite a large table: it gets a connection of its own without the
      // statement and query bounds meant for requests.
      const migrator = await openDatabase({
        databaseUrl: config.DATABASE_URL,
        dataDir: config.DATA_DIR,
        poolSize: 1,
        timeouts: { ...timeouts, statementMs: 0, queryMs: 0, idleInTransactionMs: 0 },
      });
      try {
        await migrateOrThrow(migrator.db);
      } finally {
        await migrator.close();
      }
    } else {
      await migrateOrThrow(database.db);
    }
    logger.info({ database: database.description }, 'database migrated');
    const installed = await installDefaultRuleSets(database.db, clock.now());
    if (installed.length > 0) logger.info({ decisions: installed }, 'default rule sets installed and published');
    const decisions = createDecisions();

    const temporal = await startTemporal(config, logger);
    if (temporal.dev) step('temporal dev server', () => temporal.dev!.stop());
    const temporalOptions = {
      address: temporal.address,
      namespace: config.TEMPORAL_NAMESPACE,
      tls: config.TEMPORAL_TLS,
      tlsCertPath: config.TEMPORAL_TLS_CERT_PATH,
      tlsKeyPath: config.TEMPORAL_TLS_KEY_PATH,
      apiKey: config.TEMPORAL_API_KEY,
    };
    const { client, connection } = await connectClient(temporalOptions);
    step('temporal client connection', () => connection.close());
    const missing = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
    if (missing.length > 0) {
      logger.warn({ missing }, 'search attributes missing and could not be created; ask an operator to add them');
    }

    const webhookDispatch = { client, taskQueue: config.TEMPORAL_TASK_QUEUE };
    // Checked when a webhook is saved (API) and again when a delivery connects (worker).
    const destinations = createDestinationPolicy({ allowPrivate: config.WEBHOOK_ALLOW_PRIVATE });

    if (options.worker) {
      const nativeConnection: NativeConnection = await connectWorker(temporalOptions);
      step('temporal worker connection', () => nativeConnection.close());
      const bundlePath = config.WORKFLOW_BUNDLE_PATH ?? path.resolve(here, '../workflow-bundle.js');
      const worker: Worker = await createWorker({
        connection: nativeConnection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowBundle: await loadWorkflowBundle(bundlePath),
        db: database.db,
        clock,
        decisions,
        releaseCooldownMs: parseDuration(config.RELEASE_COOLDOWN)!,
        maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
        shutdownGraceMs: WORKER_SHUTDOWN_GRACE_MS,
        shutdownForceMs: WORKER_SHUTDOWN_FORCE_MS,
        client,
        events: notificationEvents({
          db: database.db,
          clock,
          dispatch: (ids) => dispatchPending(webhookDispatch, ids),
          wakeChannels: (ids) => wakeChannels(webhookDispatch, ids),
        }),
        destinations,
        chat: { windowMs: config.CHAT_RATE_WINDOW, publicUrl: config.PUBLIC_URL ?? null },
        nearDuplicateThreshold: config.NEAR_DUPLICATE_THRESHOLD,
      });
      const running = worker.run();
      running.catch((e) => logger.error({ err: e }, 'worker stopped with an error'));
      step(
        'worker',
        async () => {
          if (worker.getState() === 'RUNNING') worker.shutdown();
          await running;
        },
        WORKER_SHUTDOWN_FORCE_MS + CLOSE_STEP_MS,
      );
      logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker running');

      // The reconciler repairs owned customers without a running tenure (R13); one per task queue.
      const reconcileEveryMs = parseDuration(config.RECONCILE_EVERY)!;
      const ensureReconciler = () =>
        startReconciler(client, config.TEMPORAL_TASK_QUEUE, reconcileEveryMs).then(
          () => true,
          (e: unknown) => {
            logger.warn({ err: e }, 'could not start the reconciler; will retry');
            return false;
          },
        );
      if (!(await ensureReconciler())) {
        const retry = setInterval(() => void ensureReconciler().then((ok) => ok && clearInterval(retry)), 60_000);
        retry.unref();
        step('reconciler start', async () => clearInterval(retry));
      }

      // A crash between an event's commit and its dispatch leaves deliveries unstarted: sweep
      // them at start and every few minutes (starting twice is harmless, the workflow id is fixed).
      const sweep = () =>
        redispatchPending({ ...webhookDispatch, db: database.db }, { now: clock.now(), olderThanMs: WEBHOOK_SWEEP_AGE_MS })
          .then((r) => r.started.length > 0 && logger.info({ started: r.started.length }, 'undispatched webhook deliveries started'))
          .then(() => wakeStaleChannels({ ...webhookDispatch, db: database.db }, { now: clock.now(), olderThanMs: WEBHOOK_SWEEP_AGE_MS }))
          .then((woken) => woken && logger.info({ channels: woken }, 'chat channels with waiting events woken'))
          .catch((e) => logger.warn({ err: e }, 'webhook and chat sweep failed; will retry'));
      void sweep();
      const timer = setInterval(sweep, WEBHOOK_SWEEP_EVERY_MS);
      timer.unref();
      step('webhook sweep', async () => clearInterval(timer));
      // Reclaim-policy rollouts published while Temporal was unreachable start once it answers.
      const rollouts = startRolloutSweeper({ db: database.db, lifecycle: createLifecycleClient(client, config.TEMPORAL_TASK_QUEUE), clock, logger });
      step('rollout sweeper', () => rollouts.stop());
      // Import jobs left unfinished with no workflow running them are resumed.
      const imports = startImportSweeper({ db: database.db, client, lifecycle: createLifecycleClient(client, config.TEMPORAL_TASK_QUEUE), clock, logger });
      step('import sweeper', () => imports.stop());
    }

    // Metrics: METRICS_ADDRESS serves GET /metrics alone (the API has it too, behind its token).
    if (config.METRICS_ADDRESS) {
      const listener = await startMetricsListener({ address: config.METRICS_ADDRESS, token: config.METRICS_TOKEN, db: database.db, logger });
      step('metrics listener', () => listener.close());
      logger.info({ url: listener.url }, 'metrics listening');
    }

    let apiUrl: string | null = null;
    let adminBootstrap: BootstrapResult | null = null;
    if (options.api) {
      const app = createApp({
        db: database.db,
        clock,
        logger,
        lifecycle: createLifecycleClient(client, config.TEMPORAL_TASK_QUEUE),
        decisions,
        temporalUiUrl: temporal.uiUrl,
        temporalNamespace: config.TEMPORAL_NAMESPACE,
        rateLimits: rateLimitsFromConfig(config),
        auth: authSettingsFromConfig(config),
        nearDuplicateThreshold: config.NEAR_DUPLICATE_THRESHOLD,
        sso: ssoSettingsFromConfig(config),
        destinations,
        chat: { windowMs: config.CHAT_RATE_WINDOW, publicUrl: config.PUBLIC_URL ?? null },
        importUploadTtlMs: parseDuration(config.IMPORT_UPLOAD_TTL)!,
        uiDistDir: path.join(config.projectRoot, 'admin-ui', 'dist'),
        draining: () => draining,
        metricsToken: config.METRICS_TOKEN,
        disputeWindowMs: parseDuration(config.DISPUTE_WINDOW)!,
        chromiumPath: config.PDF_CHROMIUM_PATH === 'none' ? null : config.PDF_CHROMIUM_PATH,
        dispatchEvents: afterCommitDispatch({ ...webhookDispatch, logger }),
        readiness: readinessChecks({ db: database.db, connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE }),
      });
      // Simulations left running by a process that stopped are failed, here and in every API process.
      const staleSimulations = startStaleSimulationSweeper({ db: database.db, clock, logger });
      step('stale simulations', () => staleSimulations.stop());
      const server = await listen(app.fetch, config.HOST, config.PORT);
      step('http', () => drainHttp(server, HTTP_DRAIN_MS), HTTP_DRAIN_MS + CLOSE_STEP_MS);
      const address = server.address() as AddressInfo;
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
      apiUrl = `http://${host}:${address.port}`;
      adminBootstrap = await bootstrapAdmin(database.db, {
        configuredToken: config.BOOTSTRAP_ADMIN_TOKEN,
        tokenFile: database.kind === 'pglite' ? adminTokenFile(config.DATA_DIR) : undefined,
        now: clock.now(),
        invitationValidMs: parseDuration(config.INVITATION_VALID_FOR)!,
      });
    }

    return {
      database,
      client,
      apiUrl,
      temporalAddress: temporal.address,
      temporalUiUrl: temporal.uiUrl,
      adminBootstrap,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
