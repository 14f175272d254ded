// Rule-set versions as the API shows them, and the checks every write and read goes through.
import type { Kysely } from 'kysely';
import { validateRuleSet } from '../../rules/validate/index.js';
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { findRuleSet, type RuleSetRow } from './rule-sets.repository.js';

/** A version without its document, as lists and publish answers show it. */
export function ruleSetSummary(r: Omit<RuleSetRow, 'document'>) {
  return {
    id: r.id,
    decision: r.decision as DecisionName,
    version: r.version,
    status: r.status,
    hash: r.hash,
    comment: r.comment,
    authorId: r.author_id,
    rolledBackFrom: r.rolled_back_from,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    publishedAt: r.published_at?.toISOString() ?? null,
    publishedBy: r.published_by,
  };
}

export const ruleSetView = (r: RuleSetRow) => ({ ...ruleSetSummary(r), document: r.document as RuleSetDocument });

/** Validates a document from a request; refuses with every issue, pointers relative to the document. */
export function validOrThrow(document: unknown): RuleSetDocument {
  const result = validateRuleSet(document);
  if (result.ok) return result.document;
  const first = result.issues[0]!;
  throw new AppError(
    ErrorCode.VALIDATION_FAILED,
    `The rule set has ${result.issues.length} problem${result.issues.length > 1 ? 's' : ''}; first: ${first.pointer || '(document)'} ${first.message}`,
    { location: 'document', issues: result.issues },
  );
}

export async function loadRuleSet(db: Kysely<Database>, id: string) {
  const row = await findRuleSet(db, id);
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No rule set ${id}.`);
  return row;
}
