// A highseas process (API or worker entry) as a real child process, for fault tests that kill
// and restart it: started from the TypeScript sources with tsx, ready when it says it runs.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves when it has exited. */
  exited: Promise<number | null>;
  /** Sends the signal and waits until it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `server/<entry>.ts` with `env` and waits until it prints that it runs. */
export async function startService(entry: 'api' | 'worker' | 'start', env: Record<string, string>, readyWithinMs = 60_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', `server/${entry}.ts`], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => out.includes('highseas is running') && (clearInterval(timer), clearTimeout(late), resolve()), 50);
    const late = setTimeout(() => (clearInterval(timer), reject(new Error(`server/${entry}.ts did not start within ${readyWithinMs} ms:\n${out}`))), readyWithinMs);
    void exited.then((code) => (clearInterval(timer), clearTimeout(late), reject(new Error(`server/${entry}.ts exited with ${code}:\n${out}`))));
  });
  return {
    child,
    output: () => out,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
