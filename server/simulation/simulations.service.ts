// Simulation jobs: started by an admin, run in the API process that accepted them, with progress
// and a cancel flag in the database so any API process can report or cancel them. The running
// process keeps a heartbeat on its row; a run whose heartbeat is stale lost its process (a restart)
// and is marked failed by whichever API process sweeps next.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { newId } from '../ids.js';
import type { z } from 'zod';
import { type CustomerField, customerFields } from '../decisions/facts.js';
import { compileRuleSet } from '../../rules/engine/index.js';
import { fieldsRead } from '../../rules/simulate/fields-read.js';
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import type { SimulationBody } from '../../schemas/rule-sets-api.js';
import type { SimulationResult } from '../../schemas/simulations.js';
import type { Language } from '../../rules/explain/sentence.js';
import { createSentences } from '../decisions/decision-sentences.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { type Sweeper, startSweeper } from '../sweeper.js';
import { findPublished, findRuleSet } from '../rules/rule-sets.repository.js';
import { validOrThrow } from '../rules/rule-sets.service.js';
import { failStaleSimulations, findSimulation, finishRunning, heartbeat, insertSimulation, recordProgress, requestCancel } from './simulations.repository.js';
import { type Evaluators, runSimulation } from './simulation.runner.js';
import { invalidRequest } from '../request-issues.js';

type Body = Omit<z.infer<typeof SimulationBody>, 'format' | 'source'>;

/** The examples' explanations as sentences in the reader's language, told at reading time. */
async function withSentences(db: Kysely<Database>, row: Awaited<ReturnType<typeof loadRow>>, language: Language): Promise<SimulationResult | null> {
  const result = row.result;
  if (!result) return null;
  const sentences = createSentences(db, language);
  const candidate = { ruleSetId: row.candidate_rule_set_id, document: (row.candidate_document as RuleSetDocument | null) ?? null };
  const baseline = { ruleSetId: row.baseline_rule_set_id, document: null };
  const examples = await Promise.all(
    result.examples.map(async (e) =>
      e.explanation
        ? {
            ...e,
            sentences: {
              baseline: e.explanation.baseline ? await sentences.forExplanation(e.explanation.baseline, baseline) : null,
              candidate: e.explanation.candidate ? await sentences.forExplanation(e.explanation.candidate, candidate) : null,
            },
          }
        : e,
    ),
  );
  return { ...result, examples };
}

async function simulationView(db: Kysely<Database>, row: Awaited<ReturnType<typeof loadRow>>, language: Language) {
  return {
    id: row.id,
    decision: row.decision,
    status: row.status,
    processed: row.processed,
    total: row.total,
    candidateRuleSetId: row.candidate_rule_set_id,
    baselineRuleSetId: row.baseline_rule_set_id,
    scope: row.scope,
    result: await withSentences(db, row, language),
    error: row.error,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/** How often a running simulation's process writes its heartbeat (progress writes count too). */
const HEARTBEAT_EVERY_MS = 10_000;
/** A running simulation without a heartbeat for this long has lost its process. */
const SIMULATION_STALE_AFTER_MS = 60_000;
const SWEEP_EVERY_MS = 30_000;

/** At start and every `everyMs`: fail the simulations whose process is gone (API role). */
export function startStaleSimulationSweeper(
  deps: { db: Kysely<Database>; clock: Clock; logger: Logger },
  options: { everyMs?: number; staleAfterMs?: number } = {},
): Sweeper {
  const round = () =>
    failStaleSimulations(deps.db, { now: deps.clock.now(), staleAfterMs: options.staleAfterMs ?? SIMULATION_STALE_AFTER_MS }).then(
      (ids) => ids.length > 0 && deps.logger.warn({ simulations: ids }, 'simulations interrupted by a restart marked failed'),
    );
  return startSweeper(round, { everyMs: options.everyMs ?? SWEEP_EVERY_MS, logger: deps.logger, name: 'stale simulation sweep' });
}

/** Resolves when `job` settles or after `ms`, whichever comes first (the job runs on either way). */
async function boundedWait(job: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([job, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

async function loadRow(db: Kysely<Database>, id: string) {
  const row = await findSimulation(db, id);
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No simulation ${id}.`);
  return row;
}

/** How long a start with "wait": true waits for the result before answering with the running job. */
export const SIMULATION_WAIT_MS = 10_000;

export function createSimulations(deps: { db: Kysely<Database>; clock: Clock; logger: Logger; waitMs?: number | undefined }) {
  const { db } = deps;

  async function resolve(body: Body, language: Language) {
    let candidate: RuleSetDocument;
    let candidateId: string | null = null;
    if (body.candidateRuleSetId) {
      const row = await findRuleSet(db, body.candidateRuleSetId);
      if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No rule set ${body.candidateRuleSetId}.`);
      candidate = row.document as RuleSetDocument;
      candidateId = row.id;
    } else {
      // Refused as saving a draft refuses it: every problem at its pointer, in the reader's language.
      candidate = validOrThrow({ format: 'json', document: body.document }, language).document;
    }
    const decision = candidate.decision as DecisionName;
    const baselineRow = body.baselineRuleSetId ? await findRuleSet(db, body.baselineRuleSetId) : await findPublished(db, decision);
    if (body.baselineRuleSetId && !baselineRow) throw new AppError(ErrorCode.NOT_FOUND, `No rule set ${body.baselineRuleSetId}.`);
    if (baselineRow && baselineRow.decision !== decision) {
      throw invalidRequest('body', [{ pointer: '/baselineRuleSetId', code: 'rule_set_of', params: { decision } }], { message: `The baseline is a ${baselineRow.decision} rule set, the candidate a ${decision} one.` });
    }
    return { decision, candidate, candidateId, baseline: (baselineRow?.document as RuleSetDocument | undefined) ?? null, baselineId: baselineRow?.id ?? null };
  }

  function compiledEvaluators(candidate: RuleSetDocument, baseline: RuleSetDocument | null): Evaluators {
    const c = compileRuleSet(candidate);
    const b = baseline ? compileRuleSet(baseline) : null;
    const known = new Set(Object.keys(customerFields));
    const read = [...fieldsRead(candidate, 'customer'), ...(baseline ? fieldsRead(baseline, 'customer') : [])].filter((f) => known.has(f));
    return {
      customerFields: [...new Set(read)] as CustomerField[],
      candidate: (f) => c.evaluate(f).fired,
      baseline: b ? (f) => b.evaluate(f).fired : null,
      explainCandidate: (f) => c.explain(f),
      explainBaseline: (f) => b?.explain(f) ?? null,
    };
  }

  async function execute(id: string, body: Body, r: Awaited<ReturnType<typeof resolve>>) {
    let lastWrite = 0;
    const beat = () => heartbeat(db, id, deps.clock.now()).catch(() => {});
    // Between progress writes too: one page of a large run may take a while.
    const beating = setInterval(beat, HEARTBEAT_EVERY_MS);
    beating.unref();
    try {
      const result = await runSimulation(db, compiledEvaluators(r.candidate, r.baseline), {
        decision: r.decision,
        scope: body.scope,
        quote: body.quote,
        now: deps.clock.now(),
        onProgress: async (processed, total) => {
          // Progress is for people watching: at most a few writes a second.
          if (Date.now() - lastWrite < 250 && processed < total) return;
          lastWrite = Date.now();
          await recordProgress(db, id, { processed, total, at: deps.clock.now() });
        },
        // Stops when cancelled, or when a sweep took the run for dead (it is failed for good).
        shouldCancel: async () => {
          const row = await loadRow(db, id);
          return row.cancel_requested || row.status !== 'running';
        },
      });
      await finishRunning(db, id, { status: result.cancelled ? 'cancelled' : 'done', processed: result.processed, result: JSON.stringify(result), finished_at: deps.clock.now() });
    } catch (e) {
      deps.logger.error({ err: e, simulation: id }, 'simulation failed');
      await finishRunning(db, id, { status: 'failed', error: e instanceof Error ? e.message : String(e), finished_at: deps.clock.now() }).catch(() => {});
    } finally {
      clearInterval(beating);
    }
  }

  return {
    async start(body: Body, actorId: string, language: Language) {
      const r = await resolve(body, language);
      const id = newId();
      const now = deps.clock.now();
      await insertSimulation(db, {
          id,
          decision: r.decision,
          candidate_rule_set_id: r.candidateId,
          candidate_document: r.candidateId ? null : JSON.stringify(r.candidate),
          baseline_rule_set_id: r.baselineId,
          scope: JSON.stringify(body.scope),
          status: 'running',
          created_by: actorId,
          created_at: now,
          heartbeat_at: now,
        });
      const job = execute(id, body, r);
      // A caller who waits gets the result when it comes within the bound (R13: an answer within
      // 15 s), else the running job to poll, like a start without "wait".
      if (body.wait) await boundedWait(job, deps.waitMs ?? SIMULATION_WAIT_MS);
      else void job;
      return simulationView(db, await loadRow(db, id), language);
    },
    get: async (id: string, language: Language) => simulationView(db, await loadRow(db, id), language),
    async cancel(id: string, language: Language) {
      const row = await loadRow(db, id);
      if (row.status !== 'running') throw new AppError(ErrorCode.CONFLICT, `The simulation is ${row.status}; only running ones can be cancelled.`);
      await requestCancel(db, id);
      return simulationView(db, await loadRow(db, id), language);
    },
  };
}
