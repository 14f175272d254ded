// A dispute as the API answers it, with the disputed decision as recorded (R12): the rule-set
// version, the rules fired, the facts seen, and why in a sentence in the reader's language; each rep
// it names with their name.
import type { Kysely } from 'kysely';
import type { DisputeView } from '../../schemas/disputes.js';
import type { Database } from '../db/database.js';
import { findDecisionRecord } from '../decisions/decision-records.repository.js';
import { createSentences } from '../decisions/decision-sentences.js';
import { decisionRecordView } from '../decisions/decision-record-view.js';
import type { Language } from '../../rules/explain/sentence.js';
import { repNames } from '../customers/rep-names.repository.js';
import type { DisputeRow } from './disputes.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function disputeView(db: Kysely<Database>, d: DisputeRow, options: { canDecide: boolean; decideRefusal: string | null; language: Language }): Promise<DisputeView> {
  const r = (await findDecisionRecord(db, d.decision_record_id))!;
  const original = await decisionRecordView(r, createSentences(db, options.language));
  const names = await repNames(db, [d.rep_id, d.other_rep_id, d.decided_by].filter((id): id is string => id !== null));
  const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
  return {
    id: d.id,
    customerId: d.customer_id,
    companyName: d.company_name,
    repId: d.rep_id,
    repName: nameOf(d.rep_id),
    teamId: d.team_id,
    kind: d.kind,
    otherRepId: d.other_rep_id,
    otherRepName: nameOf(d.other_rep_id),
    reason: d.reason,
    status: d.status,
    filedAt: d.filed_at.toISOString(),
    disputedAt: d.disputed_at.toISOString(),
    decidedBy: d.decided_by,
    decidedByName: nameOf(d.decided_by),
    decidedAt: iso(d.decided_at),
    comment: d.comment,
    rule: { decision: d.decision, ruleSetId: d.rule_set_id, ruleSetVersion: d.rule_set_version, name: d.rule_name },
    original,
    canDecide: options.canDecide,
    decideRefusal: options.decideRefusal,
  };
}
