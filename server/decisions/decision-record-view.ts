// A recorded decision as the API shows it (R12): rule-set version, fired rules, outcome, facts, and
// the sentence that explains it in the reader's language.
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { DecisionRecord } from '../../schemas/rule-sets-api.js';
import type { DecisionRecordsTable } from '../db/tables/rules.js';
import type { createSentences } from './decision-sentences.js';

type Sentences = ReturnType<typeof createSentences>;
type RecordRow = Selectable<DecisionRecordsTable>;

export async function decisionRecordView(r: RecordRow, sentences: Sentences): Promise<z.infer<typeof DecisionRecord>> {
  return {
    id: r.id,
    decision: r.decision,
    trigger: r.trigger,
    at: r.at.toISOString(),
    ruleSet: r.rule_set_id ? { id: r.rule_set_id, version: r.rule_set_version!, hash: r.rule_set_hash! } : null,
    repId: r.rep_id,
    fired: r.fired as z.infer<typeof DecisionRecord>['fired'],
    outcome: r.outcome,
    facts: r.facts as Record<string, unknown>,
    sentence: await sentences.forRecord(r),
  };
}
