// Finds the `temporal` CLI for the embedded dev server, building it with Go when nothing is found.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** v1.5.1 is the last tag that `go install` accepts (later ones have replace directives). */
const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export interface FindCliOptions {
  configuredPath?: string | undefined;
  projectRoot: string;
  /** Progress lines for people watching a first start. */
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export type CliLocation =
  | { kind: 'path'; path: string; source: 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'built' }
  | { kind: 'download' };

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export const cliCachePath = (projectRoot: string) => path.join(projectRoot, '.cache', 'temporal', 'temporal');

function onPath(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'temporal');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function hasGo(env: NodeJS.ProcessEnv): boolean {
  return spawnSync('go', ['version'], { env, stdio: 'ignore' }).status === 0;
}

/** `go install` into a fresh directory, then an atomic rename into the cache. */
async function buildCliWithGo(projectRoot: string, log: (line: string) => void, env = process.env): Promise<string> {
  const target = cliCachePath(projectRoot);
  const staging = `${path.dirname(target)}.build-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  log(`building the Temporal CLI with Go (${TEMPORAL_CLI_MODULE}); the first build takes a few minutes…`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', TEMPORAL_CLI_MODULE], {
      env: { ...env, GOBIN: staging, GOFLAGS: [env.GOFLAGS, '-mod=mod'].filter(Boolean).join(' ') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let downloads = 0;
    let tail = '';
    const heartbeat = setInterval(
      () => log(`  still building the Temporal CLI (${Math.round((Date.now() - started) / 1000)} s, ${downloads} modules fetched)`),
      15_000,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      downloads += (text.match(/go: downloading/g) ?? []).length;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => {
      clearInterval(heartbeat);
      reject(e);
    });
    child.on('exit', (code) => {
      clearInterval(heartbeat);
      if (code === 0) resolve();
      else reject(new Error(`go install ${TEMPORAL_CLI_MODULE} failed (exit ${code}):\n${tail}`));
    });
  });
  mkdirSync(path.dirname(target), { recursive: true });
  renameSync(path.join(staging, 'temporal'), target);
  rmSync(staging, { recursive: true, force: true });
  log(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s → ${target}`);
  return target;
}

/** TEMPORAL_CLI_PATH, then PATH, then the project cache, then a Go build; else the SDK's download. */
export async function findTemporalCli(options: FindCliOptions): Promise<CliLocation> {
  const env = options.env ?? process.env;
  if (options.configuredPath) {
    if (!isExecutable(options.configuredPath)) {
      throw new Error(`TEMPORAL_CLI_PATH=${options.configuredPath} is not an executable file`);
    }
    return { kind: 'path', path: options.configuredPath, source: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath(env);
  if (fromPath) return { kind: 'path', path: fromPath, source: 'PATH' };
  const cached = cliCachePath(options.projectRoot);
  if (existsSync(cached) && isExecutable(cached)) return { kind: 'path', path: cached, source: 'cache' };
  if (hasGo(env)) {
    return { kind: 'path', path: await buildCliWithGo(options.projectRoot, options.log, env), source: 'built' };
  }
  options.log('no Temporal CLI found and Go is not installed; letting @temporalio/testing download one (needs internet)');
  return { kind: 'download' };
}
