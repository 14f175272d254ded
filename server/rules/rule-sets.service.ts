// Rule-set versions as the API shows them, and the checks every write and read goes through.
import type { Kysely } from 'kysely';
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Language } from '../http/language.js';
import type { KnownIds } from '../../rules/validate/references.js';
import { problemsSummary } from '../../rules/validate/summary.js';
import { type RuleSetInput, readRuleSet, sourceOf } from './rule-source.js';
import { knownIds } from './known-ids.repository.js';
import { findRuleSet, type RuleSetRow } from './rule-sets.repository.js';

/** A version without its document, as lists and publish answers show it. */
export function ruleSetSummary(r: Omit<RuleSetRow, 'document' | 'source'>) {
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

/** A version with its document and its source text (as written, or printed from the document). */
export const ruleSetView = (r: RuleSetRow) => ({
  ...ruleSetSummary(r),
  document: r.document as RuleSetDocument,
  format: r.source === null ? ('json' as const) : ('dsl' as const),
  source: sourceOf(r.document as RuleSetDocument, r.source),
});

/**
 * Reads a rule set from a request (a document, or source text with format "dsl"); refuses with every
 * issue: pointers relative to the document, or line and column in the source. With `known` (saving
 * and publishing), also every rep, team or pool it names that does not exist.
 */
export function validOrThrow(input: RuleSetInput, language: Language, known?: KnownIds): { document: RuleSetDocument; source: string | null } {
  const result = readRuleSet(input, language, known);
  if (result.ok) return result;
  throw new AppError(ErrorCode.VALIDATION_FAILED, problemsSummary(result.issues, language), { location: result.location, issues: result.issues });
}

/**
 * The check every publish goes through, a draft's and a rollback's: the stored document read again,
 * for the contracts may have changed since it was saved, and the reps, teams and pools it names
 * looked up as they are now (one deleted meanwhile: 400 with its pointer, as when saving).
 */
export async function publishableOrThrow(db: Kysely<Database>, document: unknown, language: Language): Promise<RuleSetDocument> {
  return validOrThrow({ format: 'json', document }, language, await knownIds(db)).document;
}

export async function loadRuleSet(db: Kysely<Database>, id: string) {
  const row = await findRuleSet(db, id);
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No rule set ${id}.`);
  return row;
}
