// Once per run: check Postgres, find or build the Temporal CLI, start one dev server, build the
// workflow bundle. A missing service is a failure with a clear message, never a skip. The
// integration and browser projects both list this setup; they share one set of services.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { findTemporalCli } from '../../server/temporal/cli.js';
import { startDevServer, type DevServer } from '../../server/temporal/dev-server.js';
import { buildWorkflowBundle } from '../../workflows/bundle.js';
import { adminDatabaseUrl } from './infra.js';

interface Services {
  devServer: DevServer;
  cliPath: string;
  bundlePath: string;
}

// Kept on globalThis: each project loads this module on its own, but both run in one process.
const shared = globalThis as typeof globalThis & { __highseasServices?: Promise<Services>; __highseasServiceUsers?: number };

async function startServices(): Promise<Services> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (e) {
    throw new Error(
      `Integration tests need PostgreSQL at ${adminDatabaseUrl} (set TEST_DATABASE_URL to change it): ${(e as Error).message}`,
    );
  } finally {
    await client.end().catch(() => {});
  }

  const cli = await findTemporalCli({
    configuredPath: process.env.TEMPORAL_CLI_PATH,
    projectRoot: process.cwd(),
    log: (line) => console.log(`[temporal] ${line}`),
  });
  if (cli.kind !== 'path') {
    throw new Error('Integration tests need the Temporal CLI: set TEMPORAL_CLI_PATH, put `temporal` on PATH, or install Go to build it.');
  }
  const devServer = await startDevServer({ cli, namespace: 'default', ui: false });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'highseas-test-'));
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await buildWorkflowBundle()).code);
  return { devServer, cliPath: cli.path, bundlePath };
}

export async function setup(project: TestProject) {
  shared.__highseasServiceUsers = (shared.__highseasServiceUsers ?? 0) + 1;
  shared.__highseasServices ??= startServices();
  const services = await shared.__highseasServices;
  project.provide('temporalAddress', services.devServer.address);
  project.provide('temporalCliPath', services.cliPath);
  project.provide('workflowBundlePath', services.bundlePath);
  project.provide('adminDatabaseUrl', adminDatabaseUrl);
}

export async function teardown() {
  shared.__highseasServiceUsers = (shared.__highseasServiceUsers ?? 1) - 1;
  if (shared.__highseasServiceUsers > 0) return;
  const services = await shared.__highseasServices?.catch(() => undefined);
  shared.__highseasServices = undefined;
  await services?.devServer.stop();
}
