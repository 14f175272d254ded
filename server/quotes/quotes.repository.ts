// Quote rows and their approval levels: the queries the quote commands and the API share.
import type { Kysely } from 'kysely';
import type { Approver as ApproverView, QuoteState } from '../../schemas/quotes.js';
import type { Database } from '../db/database.js';
import { nameIn, repNames } from '../customers/rep-names.repository.js';

export type Approver = { role: 'manager' | 'admin' } | { rep: string };

/** The reps a level's approvers name (whose names to look up). */
export const approverRepIds = (approvers: readonly Approver[]) => approvers.flatMap((a) => ('rep' in a ? [a.rep] : []));
/** A level's approvers as people read them: a named rep with their name (null: a rep no longer found). */
export const namedApprovers = (approvers: readonly Approver[], names: ReadonlyMap<string, string>): ApproverView[] =>
  approvers.map((a) => ('rep' in a ? { rep: a.rep, name: nameIn(names, a.rep) } : a));
/** Levels with their approvers named, the names looked up once. */
export async function withNamedApprovers<L extends { approvers: readonly Approver[] }>(db: Kysely<Database>, levels: readonly L[]): Promise<(Omit<L, 'approvers'> & { approvers: ApproverView[] })[]> {
  const names = await repNames(db, levels.flatMap((l) => approverRepIds(l.approvers)));
  return levels.map((l) => ({ ...l, approvers: namedApprovers(l.approvers, names) }));
}

/** The quote as a command answers it: status, who submitted it, and its levels. */
export async function quoteView(db: Kysely<Database>, quoteId: string): Promise<QuoteState> {
  const quote = await db.selectFrom('quotes').selectAll().where('id', '=', quoteId).executeTakeFirstOrThrow();
  const levels = await db.selectFrom('quote_approvals').selectAll().where('quote_id', '=', quoteId).orderBy('level').execute();
  return {
    id: quote.id,
    status: quote.status,
    submittedBy: quote.submitted_by,
    required: levels.length > 0,
    levels: (await withNamedApprovers(db, levels)).map((l) => ({ level: l.level, approvers: l.approvers, status: l.status, dueAt: l.due_at?.toISOString() ?? null })),
  };
}

export function quoteRow(db: Kysely<Database>, quoteId: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('quotes').selectAll().where('id', '=', quoteId);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export function quoteByKey(db: Kysely<Database>, idempotencyKey: string) {
  return db.selectFrom('quotes').select('id').where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
}

export function openQuoteOf(db: Kysely<Database>, customerId: string) {
  return db.selectFrom('quotes').select('id').where('customer_id', '=', customerId).where('status', '=', 'pending_approval').executeTakeFirst();
}

export function pendingLevel(db: Kysely<Database>, quoteId: string) {
  return db.selectFrom('quote_approvals').selectAll().where('quote_id', '=', quoteId).where('status', '=', 'pending').executeTakeFirstOrThrow();
}

/** The level of this tenure's quote now waiting for approval, if any. */
export function pendingApprovalOf(db: Kysely<Database>, customerId: string, tenureId: string) {
  return db
    .selectFrom('quote_approvals as a')
    .innerJoin('quotes as q', 'q.id', 'a.quote_id')
    .select(['a.quote_id', 'a.level', 'a.due_at'])
    .where('q.customer_id', '=', customerId)
    .where('q.tenure_id', '=', tenureId)
    .where('q.status', '=', 'pending_approval')
    .where('a.status', '=', 'pending')
    .executeTakeFirst();
}
