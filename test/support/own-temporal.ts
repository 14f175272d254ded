// A Temporal dev server of the test's own (file database, free port), to stop and restart.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { type DevServer, startDevServer } from '../../server/temporal/dev-server.js';
import { freePort } from './service-process.js';

export interface OwnTemporal {
  address: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops it for good and removes its data. */
  close(): Promise<void>;
}


export async function ownTemporal(extraArgs: string[] = []): Promise<OwnTemporal> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'highseas-temporal-'));
  const port = await freePort();
  const cli = { kind: 'path' as const, path: inject('temporalCliPath'), source: 'PATH' as const };
  const start = () => startDevServer({ cli, dataDir, namespace: 'default', port, ui: false, extraArgs });
  let server: DevServer = await start();
  return {
    address: server.address,
    stop: () => server.stop(),
    restart: async () => {
      server = await start();
    },
    close: async () => {
      // Stopping a server the test already stopped is not an error here.
      await server.stop().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
