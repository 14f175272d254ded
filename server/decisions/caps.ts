// The caps decision (R5): how many customers a rep may hold privately, as key customers, and claim a day.
import type { Kysely } from 'kysely';
import { type Caps, capsOutcome } from '../../rules/decide/outcomes.js';
import type { Database, Rep } from '../db/database.js';
import type { Decided, Decisions, RecordContext } from './decider.js';
import { repFacts } from './facts.js';

/**
 * The caps for a rep from the published caps rules; recorded when `record` says where (a decision
 * that acts), unrecorded for a view or an early check.
 */
export function decideCaps(decisions: Decisions, db: Kysely<Database>, rep: Rep, now: Date, record?: RecordContext): Promise<Decided<Caps>> {
  const facts = { rep: repFacts(rep, now) };
  return record ? decisions.decideAndRecord(db, 'caps', facts, capsOutcome, record) : decisions.decide(db, 'caps', facts, capsOutcome);
}
