// The process's Prometheus metrics (prom-client): every name in one place, so the README's list and
// the scrape agree. One registry per process; API and worker code record into it, `GET /metrics`
// (and the worker's metrics address) expose it. Counters only grow: tests compare before and after.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
// The runtime's own figures as highseas_process_… and highseas_nodejs_… (resident memory, heap, event-loop lag, GC).
collectDefaultMetrics({ register: registry, prefix: 'highseas_' });

const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

export const metrics = {
  /** Claims by outcome: accepted, or refused with the error code (CAP_REACHED, COOLDOWN, …). */
  claims: new Counter({ name: 'highseas_claims_total', help: 'Claims by outcome and refusal code.', labelNames: ['outcome', 'code'] as const, registers: [registry] }),
  /** Customers returned to the pool by a deadline, by the deadline's reason. */
  reclaims: new Counter({ name: 'highseas_reclaims_total', help: 'Reclaims to the pool by reason.', labelNames: ['reason'] as const, registers: [registry] }),
  /** From the deadline to the customer being in the pool. */
  reclaimLag: new Histogram({
    name: 'highseas_reclaim_lag_seconds',
    help: 'Seconds from a deadline to its customer being back in the pool.',
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
    registers: [registry],
  }),
  /** API-awaited workflow updates (claim, follow-up, quote, …) by command and outcome. */
  updateLatency: new Histogram({
    name: 'highseas_update_duration_seconds',
    help: 'Latency of lifecycle commands (Temporal updates) by command and outcome.',
    labelNames: ['command', 'outcome'] as const,
    buckets: seconds,
    registers: [registry],
  }),
  /** Decisions taken, by decision and the rule-set version that took them. */
  decisions: new Counter({ name: 'highseas_decisions_total', help: 'Decisions taken by decision and rule-set version.', labelNames: ['decision', 'version'] as const, registers: [registry] }),
  ruleEvaluation: new Histogram({
    name: 'highseas_rule_evaluation_seconds',
    help: 'Time to evaluate one decision.',
    labelNames: ['decision'] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
    registers: [registry],
  }),
  tenuresOpen: new Gauge({ name: 'highseas_tenures_open', help: 'Customers owned by a rep (open tenures), read from the database at scrape time.', registers: [registry] }),
  reconcilerRepairs: new Counter({ name: 'highseas_reconciler_repairs_total', help: 'Repairs made by the reconciler by kind.', labelNames: ['kind'] as const, registers: [registry] }),
  webhookDeliveries: new Counter({ name: 'highseas_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome.', labelNames: ['outcome'] as const, registers: [registry] }),
  robotDeliveries: new Counter({ name: 'highseas_robot_deliveries_total', help: 'Chat robot messages by channel kind and outcome.', labelNames: ['kind', 'outcome'] as const, registers: [registry] }),
  importRows: new Counter({ name: 'highseas_import_rows_total', help: 'Imported rows by outcome.', labelNames: ['outcome'] as const, registers: [registry] }),
  handoverMoves: new Counter({ name: 'highseas_handover_moves_total', help: "Customers moved by handovers and bulk moves, by where they went.", labelNames: ['outcome'] as const, registers: [registry] }),
};
export type Metrics = typeof metrics;
