// The grading decision (R3): the customer's grade from its facts, decided and recorded together.
import type { Kysely } from 'kysely';
import { gradingOutcome } from '../../rules/decide/outcomes.js';
import type { Customer, Database } from '../db/database.js';
import type { Decisions, RecordContext } from './decider.js';
import { customerFacts } from './facts.js';

export function decideGrade(decisions: Decisions, db: Kysely<Database>, customer: Customer, now: Date, record: RecordContext) {
  return decisions.decideAndRecord(db, 'grading', { customer: customerFacts(customer, now) }, gradingOutcome, record);
}
