// `npm start`: API, admin UI and worker in one process; embedded PGlite and Temporal dev server
// when DATABASE_URL and TEMPORAL_ADDRESS are not set. Builds the admin UI first if it is missing.
//
// Plain JavaScript, so that the process that then runs for hours carries no TypeScript loader (tsx's
// loader thread and transforms: ~40 MB; README: memory of npm start). It compiles the server's
// sources file by file with esbuild, as tsx would (about a second), into .cache/start/<pid> and
// runs them from there. The two builds (Vite for the admin UI, webpack for the workflow bundle) run
// in child processes: in this process they would leave a few hundred MB of heap behind.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, stop } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a TypeScript script of the project in a child Node process (through tsx); fails on a non-zero exit. */
function runScript(script, args, stdout = 'inherit') {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, stdio: ['ignore', stdout, 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${script} failed (${signal ?? `exit ${code}`})`))));
  });
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};

const DAY_MS = 24 * 3_600_000;

/**
 * Compiles the server's sources (not the tests) into a directory of this process. One left by an
 * earlier start that was killed is removed once its process is gone and it is a day old (a process
 * in another PID namespace sharing the checkout may look gone while it runs).
 */
async function compileServer() {
  const base = path.join(root, '.cache', 'start');
  if (existsSync(base)) {
    for (const d of readdirSync(base)) {
      const dir = path.join(base, d);
      const stale = !/^\d+$/.test(d) || !alive(Number(d));
      if (stale && Date.now() - statSync(dir).mtimeMs > DAY_MS) rmSync(dir, { recursive: true, force: true });
    }
  }
  const out = path.join(base, String(process.pid));
  process.on('exit', () => rmSync(out, { recursive: true, force: true }));
  const entryPoints = ['schemas', 'rules', 'workflows', 'server'].flatMap((dir) =>
    readdirSync(path.join(root, dir), { recursive: true })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
      .map((f) => path.join(dir, f)),
  );
  await build({ absWorkingDir: root, entryPoints, outdir: out, outbase: root, format: 'esm', platform: 'node', target: `node${process.versions.node}`, logLevel: 'warning' });
  await stop(); // esbuild's service process would otherwise stay for as long as the server runs
  // What the server reads beside its code: the shipped rule sets' sources (as `npm run build` copies them).
  cpSync(path.join(root, 'rules', 'defaults'), path.join(out, 'rules', 'defaults'), { recursive: true, filter: (f) => !f.endsWith('.ts') });
  return out;
}

if (!existsSync(path.join(root, 'admin-ui', 'dist', 'index.html'))) {
  console.log('admin UI not built yet: building admin-ui/dist (once) …');
  await runScript('admin-ui/build.ts', []);
}

if (!process.env.WORKFLOW_BUNDLE_PATH || !existsSync(process.env.WORKFLOW_BUNDLE_PATH)) {
  // Built from the current sources at every start (a WORKFLOW_BUNDLE_PATH naming no file, e.g.
  // dist/workflow-bundle.js before `npm run build`, too): the compiled worker cannot bundle them itself.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'highseas-bundle-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  process.env.WORKFLOW_BUNDLE_PATH = path.join(dir, 'workflow-bundle.js');
  await runScript('workflows/build-bundle.ts', [process.env.WORKFLOW_BUNDLE_PATH], 'ignore');
}

const compiled = await compileServer();
const { main } = await import(pathToFileURL(path.join(compiled, 'server', 'main.js')).href);
await main({ api: true, worker: true });
// Start-up leaves garbage V8 sees no reason to collect while the server idles: above all the
// embedded Postgres's first-run initdb instance (a WebAssembly memory of ~200 MB). The npm script
// passes --expose-gc so it is returned once, now.
globalThis.gc?.();
