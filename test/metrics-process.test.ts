// A worker process as production runs it (no API, output not a terminal): its own metrics on
// METRICS_ADDRESS behind METRICS_TOKEN, the Temporal SDK's worker metrics on TEMPORAL_METRICS_ADDRESS
// (the runtime is installed once per process, hence a process of its own), and JSON log lines.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { parseExposition } from './support/prometheus-text.js';
import { type ScratchDatabase, createScratchDatabase } from './support/scratch-database.js';
import { type ServiceProcess, freePort, startService } from './support/service-process.js';

let scratch: ScratchDatabase;
let worker: ServiceProcess;
let metricsUrl: string;
let temporalMetricsUrl: string;
const token = `prom_${randomBytes(16).toString('hex')}`;
const taskQueue = `hs-metrics-${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('adminDatabaseUrl'), 'hs_t_metrics');
  const [metricsPort, temporalPort] = [await freePort(), await freePort()];
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  temporalMetricsUrl = `http://127.0.0.1:${temporalPort}/metrics`;
  worker = await startService('worker', {
    DATABASE_URL: scratch.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
    METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
    METRICS_TOKEN: token,
    TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${temporalPort}`,
    LOG_LEVEL: 'info',
  });
}, 90_000);

afterAll(async () => {
  await worker?.kill();
  await scratch?.drop();
});

it('serves the worker\'s own metrics on METRICS_ADDRESS, only with METRICS_TOKEN', async () => {
  const refused = await fetch(metricsUrl);
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  const res = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const scrape = parseExposition(await res.text());
  expect(scrape.types.get('highseas_reclaims_total')).toBe('counter');
  expect(scrape.samples.find((s) => s.name === 'highseas_tenures_open')?.value).toBe(0);
});

it('serves the Temporal SDK\'s worker metrics on TEMPORAL_METRICS_ADDRESS in the Prometheus format', async () => {
  // The SDK's pollers report as soon as the worker polls.
  const text = await (async () => {
    for (const until = Date.now() + 15_000; ; ) {
      const body = await (await fetch(temporalMetricsUrl)).text();
      if (body.includes(taskQueue) || Date.now() > until) return body;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const scrape = parseExposition(text);
  const temporal = [...scrape.types.keys()].filter((name) => name.startsWith('temporal_'));
  expect(temporal.length).toBeGreaterThan(3);
  expect(scrape.samples.some((s) => s.name.startsWith('temporal_') && s.labels.task_queue === taskQueue)).toBe(true);
});

it('writes JSON log lines when its output is not a terminal', () => {
  const logLines = worker
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'));
  const parsed = logLines.map((l) => JSON.parse(l) as { level: number; msg: string; service: string });
  expect(parsed.map((l) => l.msg)).toContain('worker running');
  expect(parsed.every((l) => l.service === 'highseas' && typeof l.level === 'number')).toBe(true);
  expect(worker.output()).toContain('metrics listening');
});
