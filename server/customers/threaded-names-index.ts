// The similar-names index (similar-names-index.ts) in a worker thread of its own, so that building
// it (about 2 s for 200,000 customers) and comparing names with it (tens of µs a name) run beside
// this thread's work: an import's rows in the worker, requests in the API. Same answers.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Asked, IndexMatch, IndexedRow, NamesIndex } from './names-index.js';
import type { ThreadReply, ThreadRequest } from './similar-names-thread.js';

/** The URL of tsx's ESM API (its `register` finds its loader beside it, so not the CommonJS build). */
function tsxApi(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href;
}

function startThread(threshold: number): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // From source (the tests, tsx): the thread reads TypeScript through tsx, as this process does.
    const tsx = tsxApi(here);
    const entry = new URL('./similar-names-thread.ts', here).href;
    const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(code, { eval: true, workerData: { threshold } });
  }
  return new Worker(new URL('./similar-names-thread.js', here), { workerData: { threshold } });
}

export class ThreadedNamesIndex implements NamesIndex {
  private readonly known = new Set<string>();
  private readonly waiting = new Map<number, { resolve: (m: IndexMatch[][]) => void; reject: (e: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;
  private readonly worker: Worker;

  /** `threshold`: NEAR_DUPLICATE_THRESHOLD. */
  constructor(threshold: number) {
    this.worker = startThread(threshold);
    // The thread never keeps the process alive (close() ends it).
    this.worker.unref();
    this.worker.on('message', (r: ThreadReply) => {
      const w = this.waiting.get(r.id);
      if (!w) return;
      this.waiting.delete(r.id);
      if ('error' in r) w.reject(new Error(`similar-names thread: ${r.error}`));
      else w.resolve(r.matches);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the similar-names thread ended (exit code ${code})`)));
  }

  has(customerId: string): boolean {
    return this.known.has(customerId);
  }

  addRows(rows: IndexedRow[]): void {
    if (this.failure) throw this.failure;
    for (const r of rows) this.known.add(r.id);
    this.send({ op: 'add', rows });
  }

  match(asked: Asked[], limit: number): Promise<IndexMatch[][]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ op: 'match', id, asked, limit });
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the similar-names index is closed');
    await this.worker.terminate();
  }

  private send(m: ThreadRequest) {
    this.worker.postMessage(m);
  }

  private fail(e: Error) {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }
}
