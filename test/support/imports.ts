// Import jobs in tests: upload (202), wait for the job to end, read every row of its report.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Harness } from './harness.js';

export interface Upload {
  status: number;
  body: any;
  location: string | null;
}

export async function upload(h: Harness, file: Blob, name: string, fields: Record<string, string> = {}, token = h.adminToken): Promise<Upload> {
  const form = new FormData();
  form.set('file', file, name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await h.app.request('/imports', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any, location: res.headers.get('location') };
}

const ENDED = new Set(['previewed', 'completed', 'cancelled', 'failed']);

/** Polls the job until it ends (or `until` holds); the job as GET /imports/{id} answers it. */
export async function waitForJob(h: Harness, id: string, options: { token?: string; timeoutMs?: number; until?: (job: any) => boolean } = {}): Promise<any> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const res = await h.call(options.token ?? h.adminToken, 'GET', `/imports/${id}`);
    if (res.status !== 200) throw new Error(`GET /imports/${id}: ${res.status} ${JSON.stringify(res.body)}`);
    if ((options.until ?? ((j: any) => ENDED.has(j.status)))(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${res.body.status} after ${options.timeoutMs ?? 60_000} ms: ${JSON.stringify(res.body.progress)}`);
    await sleep(100);
  }
}

/** Every row of a job's report, through the paginated GET /imports/{id}/rows. */
export async function allRows(h: Harness, id: string, outcome?: string, token = h.adminToken): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const qs: URLSearchParams = new URLSearchParams({ limit: '500', ...(outcome ? { outcome } : {}), ...(cursor ? { cursor } : {}) });
    const res: { status: number; body: any } = await h.call(token, "GET", `/imports/${id}/rows?${qs}`);
    if (res.status !== 200) throw new Error(`rows: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

/** Upload, expect 202, wait for the end: the job and its rows. */
export async function importAndWait(h: Harness, file: Blob, name: string, fields: Record<string, string> = {}, token = h.adminToken) {
  const res = await upload(h, file, name, fields, token);
  if (res.status !== 202) throw new Error(`POST /imports: ${res.status} ${JSON.stringify(res.body)}`);
  const job = await waitForJob(h, res.body.id, { token });
  return { job, rows: await allRows(h, job.id, undefined, token), location: res.location };
}
