// The local Temporal dev server of the embedded mode: `temporal server start-dev` with a file
// database under DATA_DIR, so durable timers survive restarts. Stopped with the process.
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { searchAttributeKeys } from '../../workflows/shared.js';
import type { CliLocation } from './cli.js';

export interface DevServer {
  address: string;
  uiUrl: string | null;
  /** True when an already running server on the port was reused instead of started. */
  reused: boolean;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  cli: CliLocation;
  /** Persist workflows here; in-memory when absent (tests). */
  dataDir?: string | undefined;
  namespace: string;
  /** 0 or undefined: a free port. */
  port?: number | undefined;
  uiPort?: number | undefined;
  ui?: boolean;
  /** More start-dev flags, e.g. dynamic config for tests. */
  extraArgs?: string[];
}

function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  if (options.port && (await portOpen(options.port))) {
    // A dev server left running (or started by hand) keeps its own data; reuse it rather than fail.
    return {
      address: `127.0.0.1:${options.port}`,
      uiUrl: options.ui ? `http://127.0.0.1:${options.uiPort ?? options.port + 1000}` : null,
      reused: true,
      stop: async () => {},
    };
  }
  let dbFilename: string | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    dbFilename = path.join(options.dataDir, 'temporal.sqlite');
  }
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: options.cli.kind === 'path' ? { type: 'existing-path', path: options.cli.path } : { type: 'cached-download' },
      ip: '127.0.0.1',
      namespace: options.namespace,
      searchAttributes: searchAttributeKeys,
      log: { format: 'json', level: 'error' },
      // WAL with synchronous=normal survives a crash of the server process (not of the machine) and
      // makes every workflow write several times cheaper than SQLite's default rollback journal.
      ...(dbFilename ? { dbFilename } : {}),
      extraArgs: [...(dbFilename ? ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'] : []), ...(options.extraArgs ?? [])],
      ...(options.port ? { port: options.port } : {}),
      ...(options.ui ? { ui: true, uiPort: options.uiPort } : { ui: false }),
    },
  });
  return {
    address: env.address,
    uiUrl: options.ui ? `http://127.0.0.1:${options.uiPort}` : null,
    reused: false,
    stop: () => env.teardown(),
  };
}
