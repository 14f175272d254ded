// GET /metrics on real Postgres and Temporal: a claim, a refusal and a reclaim move their counters,
// the scrape parses as the Prometheus text format, and only Prometheus' bearer or an admin reads it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsListener } from '../server/http/metrics-listener.js';
import { pino } from 'pino';
import { createHarness, type Harness } from './support/harness.js';
import { waitForJob } from './support/imports.js';
import { type Exposition, parseExposition, sampleValue } from './support/prometheus-text.js';
import { fastReclaim } from './support/rule-sets.js';
import { startReceiver } from './support/webhook-receiver.js';

let h: Harness;
const metricsToken = `prom_${randomBytes(16).toString('hex')}`;
let prometheusApp: Harness['app'];
const receiver = startReceiver();

beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '1500ms' }) });
  prometheusApp = h.newApp({ metricsToken });
  const base = await receiver.listen();
  expect((await h.call(h.adminToken, 'POST', '/webhooks', { url: `${base}/reclaims`, events: ['customer.reclaimed'] })).status).toBe(201);
});
afterAll(async () => {
  await h?.close();
  await receiver.close();
});

async function scrape(): Promise<Exposition> {
  const res = await prometheusApp.request('/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(res.status).toBe(200);
  return parseExposition(await res.text());
}

describe('the scrape', () => {
  it('counts a claim, a refusal at the cap, a reclaim with its lag and its webhook, and the open tenures as they are', async () => {
    const rep = await h.createRep({ privateCap: 1 });
    const first = await h.createCustomer();
    const second = await h.createCustomer();
    const before = await scrape();
    const claimsAccepted = (e: Exposition) => sampleValue(e, 'highseas_claims_total', { outcome: 'accepted' });
    const capRefusals = (e: Exposition) => sampleValue(e, 'highseas_claims_total', { outcome: 'refused', code: 'CAP_REACHED' });
    const reclaims = (e: Exposition) => sampleValue(e, 'highseas_reclaims_total', { reason: 'no_follow_up' });
    const lagCount = (e: Exposition) => sampleValue(e, 'highseas_reclaim_lag_seconds_count');
    const claimUpdates = (e: Exposition) => sampleValue(e, 'highseas_update_duration_seconds_count', { command: 'claim', outcome: 'ok' });
    const reclaimDecisions = (e: Exposition) => sampleValue(e, 'highseas_decisions_total', { decision: 'reclaim' });
    const delivered = (e: Exposition) => sampleValue(e, 'highseas_webhook_deliveries_total', { outcome: 'delivered' });
    expect(sampleValue(before, 'highseas_tenures_open')).toBe(0);

    expect((await h.call(rep.token, 'POST', `/customers/${first}/claim`)).status).toBe(200);
    const refused = await h.call(rep.token, 'POST', `/customers/${second}/claim`);
    expect(refused.body.error.code).toBe('CAP_REACHED');
    const owned = await scrape();
    expect(claimsAccepted(owned) - claimsAccepted(before)).toBe(1);
    expect(capRefusals(owned) - capRefusals(before)).toBe(1);
    expect(claimUpdates(owned) - claimUpdates(before)).toBe(1);
    expect(reclaimDecisions(owned)).toBeGreaterThan(reclaimDecisions(before));
    expect(sampleValue(owned, 'highseas_rule_evaluation_seconds_count', { decision: 'caps' })).toBeGreaterThan(0);
    expect(sampleValue(owned, 'highseas_tenures_open')).toBe(1);

    // Nobody follows up: the deadline passes and the customer is back in the pool.
    await h.waitFor(async () => (await h.customerRow(first)).status === 'pool');
    const reclaimed = await h.waitFor(async () => {
      const e = await scrape();
      return reclaims(e) > reclaims(before) ? e : null;
    });
    expect(reclaims(reclaimed) - reclaims(before)).toBe(1);
    expect(lagCount(reclaimed) - lagCount(before)).toBe(1);
    // The lag is measured from the deadline: a second or two at most here, so it sits in the low buckets.
    expect(sampleValue(reclaimed, 'highseas_reclaim_lag_seconds_bucket', { le: '5' })).toBe(lagCount(reclaimed));
    expect(sampleValue(reclaimed, 'highseas_tenures_open')).toBe(0);
    // The reclaim's webhook is delivered and counted.
    const hooked = await h.waitFor(async () => {
      const e = await scrape();
      return delivered(e) > delivered(before) ? e : null;
    });
    expect(delivered(hooked) - delivered(before)).toBe(1);
  });

  it('counts imported rows by outcome', async () => {
    const rows = (e: Exposition, outcome: string) => sampleValue(e, 'highseas_import_rows_total', { outcome });
    const before = await scrape();
    const form = new FormData();
    const csv = 'Company,Country\nMetric Imports Ltd,DE\nMetric Imports Ltd.,DE\n,DE\n';
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'metrics.csv');
    const res = await h.app.request('/imports', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}` }, body: form });
    expect(res.status).toBe(202);
    // Counted by the worker as each batch commits.
    expect((await waitForJob(h, ((await res.json()) as { id: string }).id)).status).toBe('completed');
    const after = await scrape();
    expect(['created', 'duplicate', 'refused'].map((o) => rows(after, o) - rows(before, o))).toEqual([1, 1, 1]);
  });

  it('is the Prometheus text format, with every highseas metric declared and described', async () => {
    const e = await scrape();
    for (const [name, type] of [
      ['highseas_claims_total', 'counter'],
      ['highseas_reclaims_total', 'counter'],
      ['highseas_reclaim_lag_seconds', 'histogram'],
      ['highseas_update_duration_seconds', 'histogram'],
      ['highseas_decisions_total', 'counter'],
      ['highseas_rule_evaluation_seconds', 'histogram'],
      ['highseas_tenures_open', 'gauge'],
      ['highseas_reconciler_repairs_total', 'counter'],
      ['highseas_webhook_deliveries_total', 'counter'],
      ['highseas_robot_deliveries_total', 'counter'],
      ['highseas_import_rows_total', 'counter'],
      ['highseas_handover_moves_total', 'counter'],
    ] as const) {
      expect(e.types.get(name), name).toBe(type);
      expect(e.help.get(name), name).toBeTruthy();
    }
    expect(sampleValue(e, 'highseas_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('reads strictly: a sample without its TYPE, a broken label or value is refused', () => {
    expect(parseExposition('# TYPE a gauge\na Nan\n# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1.5e-3\nh_count 2\n').samples.map((s) => s.value)).toEqual([NaN, 2, 0.0015, 2]);
    expect(() => parseExposition('a 1\n')).toThrow(/without a TYPE/);
    expect(() => parseExposition('# TYPE a counter\na{x="1} 1\n')).toThrow(/bad label list|not a sample/);
    expect(() => parseExposition('# TYPE a counter\na one\n')).toThrow(/not a sample/);
    expect(() => parseExposition('# TYPE a counter\na 1\n# TYPE a counter\n')).toThrow(/second TYPE/);
    expect(() => parseExposition('# TYPE h histogram\nh_bucket 1\n')).toThrow(/without le/);
  });
});

describe('who may scrape', () => {
  it('refuses no token, a wrong one and a rep in the one error shape; takes Prometheus\' bearer and an admin token', async () => {
    const rep = await h.createRep();
    const none = await h.call(null, 'GET', '/metrics', undefined, prometheusApp);
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.any(String), requestId: expect.any(String) });
    const wrong = await h.call(`${metricsToken}x`, 'GET', '/metrics', undefined, prometheusApp);
    expect(wrong.status).toBe(401);
    expect((await h.call(rep.token, 'GET', '/metrics', undefined, prometheusApp)).body.error.code).toBe('FORBIDDEN');
    // Without METRICS_TOKEN the setting's value is no key at all.
    expect((await h.call(metricsToken, 'GET', '/metrics')).status).toBe(401);

    const res = await prometheusApp.request('/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const admin = await h.app.request('/metrics', { headers: { authorization: `Bearer ${h.adminToken}` } });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('highseas_claims_total');
  });

  it('serves only /metrics on METRICS_ADDRESS, with METRICS_TOKEN when set', async () => {
    const listener = await startMetricsListener({ address: '127.0.0.1:0', token: metricsToken, db: h.db, logger: pino({ level: 'silent' }) });
    try {
      const refused = await fetch(listener.url);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      const other = await fetch(listener.url.replace('/metrics', '/customers'), { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(other.status).toBe(404);
      const ok = await fetch(listener.url, { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(parseExposition(await ok.text()).types.get('highseas_tenures_open')).toBe('gauge');
    } finally {
      await listener.close();
    }
  });
});

describe('a claim by its creator', () => {
  it('counts as a claim like any other, and its refusal as a refusal', async () => {
    const accepted = (e: Exposition) => sampleValue(e, 'highseas_claims_total', { outcome: 'accepted' });
    const atCap = (e: Exposition) => sampleValue(e, 'highseas_claims_total', { outcome: 'refused', code: 'CAP_REACHED' });
    const creator = await h.createRep({ privateCap: 1 });
    const before = await scrape();
    const first = await h.call(creator.token, 'POST', '/customers', { companyName: 'Metrics Create And Claim Ltd', claim: true });
    expect(first.body.assignment).toMatchObject({ status: 'claimed', repId: creator.id });
    const second = await h.call(creator.token, 'POST', '/customers', { companyName: 'Metrics Over The Cap Ltd', claim: true });
    expect(second.body.assignment).toMatchObject({ status: 'pool', refusal: 'CAP_REACHED' });
    const after = await scrape();
    expect(accepted(after) - accepted(before)).toBe(1);
    expect(atCap(after) - atCap(before)).toBe(1);
  });
});
