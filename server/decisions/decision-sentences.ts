// Explanation sentences for what is read back: a recorded decision re-explained under the version
// that took it, with the facts it saw, or a simulation example's explanation. One per request:
// each version is loaded and compiled once, however many records name it.
import type { Kysely } from 'kysely';
import { compileRuleSet, type CompiledRuleSet } from '../../rules/engine/index.js';
import { type Language, explanationSentence, nothingPublishedSentence } from '../../rules/explain/sentence.js';
import { contracts } from '../../schemas/decisions/index.js';
import type { Explanation } from '../../schemas/explanation.js';
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import type { Database } from '../db/database.js';
import { findRuleSet } from '../rules/rule-sets.repository.js';
import { claimRefusalSentence } from './claim-refusal-sentence.js';

interface Version {
  version: number;
  document: RuleSetDocument;
  compiled: CompiledRuleSet;
}

/** The slice of a decision record a sentence needs. */
export interface RecordedDecision {
  decision: string;
  /** A claim refusal's record (claim_refused) is told as a refusal first. */
  trigger?: string | null;
  rule_set_id: string | null;
  rule_set_version: number | null;
  fired: unknown;
  facts: unknown;
  outcome: unknown;
}

type RecordedFired = { index: number; name: string | null; event: { type: string; params?: Record<string, unknown> } };

/** The rule the recorded outcome names (reclaim: the deadline that applied). */
const outcomeRule = (outcome: unknown): number | undefined => {
  const index = (outcome as { rule?: { index?: unknown } } | null)?.rule?.index;
  return typeof index === 'number' ? index : undefined;
};

export function createSentences(db: Kysely<Database>, language: Language) {
  const versions = new Map<string, Promise<Version | null>>();

  const load = (id: string) => {
    let v = versions.get(id);
    if (!v) {
      v = findRuleSet(db, id).then((row) => {
        if (!row) return null;
        const document = row.document as RuleSetDocument;
        return { version: row.version, document, compiled: compileRuleSet(document) };
      });
      versions.set(id, v);
    }
    return v;
  };

  /** What the rules decided, told. */
  const forDecision = async (r: RecordedDecision): Promise<string> => {
    const contract = contracts[r.decision as DecisionName];
    if (!contract) return r.decision;
    if (r.rule_set_id === null) return nothingPublishedSentence(contract, language);
    const v = await load(r.rule_set_id);
    if (!v) {
      const fired = (r.fired as RecordedFired[]).map((f) => ({ index: f.index, name: f.name, priority: 1, event: { type: f.event.type, params: f.event.params ?? {} } }));
      const explanation: Explanation = { decision: contract.name, hitPolicy: contract.hitPolicy, fired, rules: [] };
      return explanationSentence({ explanation, version: r.rule_set_version, language, contract, decidingRule: outcomeRule(r.outcome) });
    }
    const explanation = v.compiled.explain(r.facts as Record<string, unknown>);
    return explanationSentence({ explanation, version: v.version, language, document: v.document, contract, decidingRule: outcomeRule(r.outcome) });
  };

  return {
    /** A recorded decision's sentence (without the conditions if its version is gone: then only what fired is told). */
    async forRecord(r: RecordedDecision): Promise<string> {
      const refusal = claimRefusalSentence(r, language);
      if (refusal?.alone) return refusal.text;
      const sentence = await forDecision(r);
      return refusal ? `${refusal.text} ${sentence}` : sentence;
    },

    /** An explanation of a stored version (ruleSetId) or of a document never saved as one. */
    async forExplanation(explanation: Explanation, source: { ruleSetId: string | null; document: RuleSetDocument | null }): Promise<string> {
      const v = source.ruleSetId ? await load(source.ruleSetId) : null;
      return explanationSentence({ explanation, version: v?.version ?? null, language, document: v?.document ?? source.document ?? undefined });
    },
  };
}
