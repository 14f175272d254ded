// Takes decisions with the published rule sets: compiled once per version, evaluated in
// microseconds, and recorded with the version, the rule that fired and the facts it saw (R12).
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import { compileRuleSet, type CompiledRuleSet, type FiredRule } from '../../rules/engine/index.js';
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import type { Database } from '../db/database.js';
import { findPublished } from '../rules/rule-sets.repository.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';

export interface RuleSetRef {
  id: string;
  version: number;
  hash: string;
}

/** Where a decision is recorded: the customer and rep it concerns, what triggered it, and when. */
export interface RecordContext {
  customerId?: string | null;
  repId?: string | null;
  trigger: string;
  at: Date;
}

export interface Decided<T> {
  decision: DecisionName;
  ruleSet: RuleSetRef | null;
  fired: readonly FiredRule[];
  outcome: T;
  facts: Record<string, unknown>;
}

/** Contact details never go into the audit, whatever a future fact builder adds. */
const CONTACT_KEYS = new Set(['email', 'phone', 'contactName', 'contact_name', 'website', 'address']);

/** A contact key as a key of the JSON text: a quote inside a string is escaped, so none matches there. */
const CONTACT_KEY_IN_JSON = new RegExp(`[{,]"(?:${[...CONTACT_KEYS].join('|')})":`);

/**
 * The facts as JSON with every contact detail, at any depth, replaced by "[redacted]" (in one pass, copying nothing).
 * Facts without contact keys (the fact builders give none) are written without the replacer, which
 * takes JSON.stringify off its fast path (about 5 µs of a row's import); the text is checked for them.
 */
export function redactedFactsJson(facts: Record<string, unknown>): string {
  const plain = JSON.stringify(facts);
  if (!CONTACT_KEY_IN_JSON.test(plain)) return plain;
  return JSON.stringify(facts, (key, value: unknown) => (CONTACT_KEYS.has(key) ? '[redacted]' : value));
}

export function createDecisions(options: { metrics?: Metrics } = {}) {
  const metrics = options.metrics ?? processMetrics;
  const cache = new Map<string, { ref: RuleSetRef; compiled: CompiledRuleSet }>();

  /** The published version's compiled form; one indexed read per call so a publish applies at once. */
  async function published(db: Kysely<Database>, decision: DecisionName) {
    const row = await findPublished(db, decision);
    if (!row) return null;
    let entry = cache.get(row.id);
    if (!entry) {
      entry = { ref: { id: row.id, version: row.version, hash: row.hash }, compiled: compileRuleSet(row.document as RuleSetDocument) };
      cache.set(row.id, entry);
    }
    return entry;
  }

  return {
    published,

    async decide<T>(
      db: Kysely<Database>,
      decision: DecisionName,
      facts: Record<string, unknown>,
      interpret: (fired: readonly FiredRule[]) => T | Promise<T>,
    ): Promise<Decided<T>> {
      const entry = await published(db, decision);
      const started = performance.now();
      const fired = entry ? entry.compiled.evaluate(facts).fired : [];
      metrics.ruleEvaluation.observe({ decision }, (performance.now() - started) / 1000);
      // "none": no version published, the decision's built-in default applied.
      metrics.decisions.inc({ decision, version: entry ? String(entry.ref.version) : 'none' });
      return { decision, ruleSet: entry?.ref ?? null, fired, outcome: await interpret(fired), facts };
    },

    /**
     * Decides and appends the decision to the audit in one call, in the transaction that acts on
     * it; a decision that acts is never taken without its record.
     */
    async decideAndRecord<T>(
      db: Kysely<Database>,
      decision: DecisionName,
      facts: Record<string, unknown>,
      interpret: (fired: readonly FiredRule[]) => T | Promise<T>,
      context: RecordContext,
    ): Promise<Decided<T>> {
      const decided = await this.decide(db, decision, facts, interpret);
      await record(db, decided, context);
      return decided;
    },
  };
}

/** Appends a decision to the audit (R12); decisions/ use it through decideAndRecord or a decider that records its own outcome. */
export async function record(db: Kysely<Database>, d: Decided<unknown>, context: RecordContext): Promise<void> {
  await db.insertInto('decision_records').values(decisionRecordRow(d, context)).execute();
}

/** The audit row of a decision (R12), for callers that insert many at once (imports). */
export function decisionRecordRow(d: Decided<unknown>, context: RecordContext) {
  return {
    id: newId(),
    decision: d.decision,
    rule_set_id: d.ruleSet?.id ?? null,
    rule_set_version: d.ruleSet?.version ?? null,
    rule_set_hash: d.ruleSet?.hash ?? null,
    customer_id: context.customerId ?? null,
    rep_id: context.repId ?? null,
    trigger: context.trigger,
    fired: JSON.stringify(d.fired.map((f) => ({ index: f.index, name: f.name, event: f.event }))),
    outcome: JSON.stringify(d.outcome ?? null),
    facts: redactedFactsJson(d.facts),
    at: context.at,
  };
}

export type Decisions = ReturnType<typeof createDecisions>;
