// `npm start`: API, admin UI and worker in one process; embedded PGlite and Temporal dev server
// when DATABASE_URL and TEMPORAL_ADDRESS are not set. Builds the admin UI first if it is missing.
//
// The two builds (Vite for the admin UI, webpack for the workflow bundle) run in child processes:
// in this process they would leave a few hundred MB of heap behind for as long as the server runs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a TypeScript script of the project in a child Node process (through tsx); fails on a non-zero exit. */
function runScript(script: string, args: string[], stdout: 'inherit' | 'ignore' = 'inherit'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, stdio: ['ignore', stdout, 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${script} failed (${signal ?? `exit ${code}`})`))));
  });
}

if (!existsSync(path.join(root, 'admin-ui', 'dist', 'index.html'))) {
  console.log('admin UI not built yet: building admin-ui/dist (once) …');
  await runScript('admin-ui/build.ts', []);
}

if (!process.env.WORKFLOW_BUNDLE_PATH) {
  // Built from the current sources at every start, as the worker would otherwise do in-process.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'highseas-bundle-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  process.env.WORKFLOW_BUNDLE_PATH = path.join(dir, 'workflow-bundle.js');
  await runScript('workflows/build-bundle.ts', [process.env.WORKFLOW_BUNDLE_PATH], 'ignore');
}

await main({ api: true, worker: true });
// Start-up leaves garbage V8 sees no reason to collect while the server idles: above all the
// embedded Postgres's first-run initdb instance (a WebAssembly memory of ~200 MB). The npm script
// passes --expose-gc so it is returned once, now.
(globalThis as { gc?: () => void }).gc?.();
