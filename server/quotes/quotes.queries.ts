// Reading quotes: per customer, and the approver's inbox (the levels waiting for them).
import { type Kysely, sql } from 'kysely';
import type { Approver, QuoteLevel } from '../../schemas/quotes.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import { nameIn, repNames } from '../customers/rep-names.repository.js';
import { approverRepIds, namedApprovers } from './quotes.repository.js';

const num = (v: string | number) => Number(v);

/** The reps a level's approvers and decider are (whose names to look up). */
const levelRepIds = (l: { approvers: Approver[]; decided_by: string | null }) => [...approverRepIds(l.approvers), ...(l.decided_by ? [l.decided_by] : [])];

async function withLevels(db: Kysely<Database>, quoteIds: string[]) {
  if (quoteIds.length === 0) return new Map<string, QuoteLevel[]>();
  const levels = await db.selectFrom('quote_approvals').selectAll().where('quote_id', 'in', quoteIds).orderBy('level').execute();
  const names = await repNames(db, levels.flatMap(levelRepIds));
  const map = new Map<string, QuoteLevel[]>();
  for (const l of levels) {
    const list = map.get(l.quote_id) ?? [];
    list.push({
      level: l.level,
      approvers: namedApprovers(l.approvers, names),
      status: l.status,
      escalated: l.escalated,
      reasons: l.reasons,
      dueAt: l.due_at?.toISOString() ?? null,
      decidedBy: l.decided_by,
      decidedByName: nameIn(names, l.decided_by),
      decidedAt: l.decided_at?.toISOString() ?? null,
      comment: l.comment,
    });
    map.set(l.quote_id, list);
  }
  return map;
}

export async function listQuotes(db: Kysely<Database>, filter: { customerId: string }) {
  const quotes = await db.selectFrom('quotes').selectAll().where('customer_id', '=', filter.customerId).orderBy('created_at', 'desc').execute();
  const levels = await withLevels(db, quotes.map((q) => q.id));
  const names = await repNames(db, quotes.flatMap((q) => [q.rep_id, q.submitted_by]));
  return quotes.map((q) => ({
    id: q.id,
    customerId: q.customer_id,
    repId: q.rep_id,
    repName: nameIn(names, q.rep_id),
    submittedBy: q.submitted_by,
    submittedByName: nameIn(names, q.submitted_by),
    status: q.status,
    amount: num(q.amount),
    currency: q.currency,
    amountUsd: num(q.amount_usd),
    discountPct: num(q.discount_pct),
    marginPct: num(q.margin_pct),
    items: q.items,
    note: q.note,
    validUntil: q.valid_until,
    rejectionReason: q.rejection_reason,
    ruleSetVersion: q.rule_set_version,
    createdAt: q.created_at.toISOString(),
    decidedAt: q.decided_at?.toISOString() ?? null,
    levels: levels.get(q.id) ?? [],
  }));
}

/**
 * Levels waiting for this actor: admins see every pending level; a manager the levels that ask for
 * "manager" on quotes of their team, or name them; a rep the levels that name them. Never a quote
 * to one's own customer or one they submitted (four-eyes, as `assertApprover` decides).
 */
export async function approvalInbox(db: Kysely<Database>, actor: Actor, status: 'pending' | 'decided') {
  let q = db
    .selectFrom('quote_approvals as a')
    .innerJoin('quotes as q', 'q.id', 'a.quote_id')
    .innerJoin('customers as c', 'c.id', 'q.customer_id')
    .innerJoin('reps as r', 'r.id', 'q.rep_id')
    .leftJoin('teams as t', 't.id', 'r.team_id')
    .select([
      'a.quote_id as quoteId',
      'a.level',
      'a.status',
      'a.approvers',
      'a.reasons',
      'a.escalated',
      'a.due_at as dueAt',
      'a.decided_by as decidedBy',
      'a.decided_at as decidedAt',
      'a.comment',
      'q.amount',
      'q.currency',
      'q.amount_usd as amountUsd',
      'q.discount_pct as discountPct',
      'q.margin_pct as marginPct',
      'q.rep_id as repId',
      'q.submitted_by as submittedBy',
      'r.name as repName',
      'c.id as customerId',
      'c.company_name as companyName',
      'q.created_at as submittedAt',
    ])
    .where('q.rep_id', '!=', actor.repId)
    .where('q.submitted_by', '!=', actor.repId);
  q = status === 'pending' ? q.where('a.status', '=', 'pending') : q.where('a.decided_by', '=', actor.repId);
  if (actor.role !== 'admin') {
    const named = JSON.stringify([{ rep: actor.repId }]);
    q = q.where((eb) =>
      eb.or([
        eb(sql`a.approvers`, '@>', sql`${named}::jsonb`),
        ...(actor.role === 'manager' ? [eb.and([eb(sql`a.approvers`, '@>', sql`'[{"role":"manager"}]'::jsonb`), eb('t.manager_id', '=', actor.repId)])] : []),
      ]),
    );
  }
  const rows = await q.orderBy('a.due_at').orderBy('q.created_at').limit(200).execute();
  const names = await repNames(db, rows.flatMap((r) => [r.submittedBy, ...levelRepIds({ approvers: r.approvers, decided_by: r.decidedBy })]));
  return rows.map((r) => ({
    ...r,
    approvers: namedApprovers(r.approvers, names),
    submittedByName: nameIn(names, r.submittedBy),
    decidedByName: nameIn(names, r.decidedBy),
    amount: num(r.amount),
    amountUsd: num(r.amountUsd),
    discountPct: num(r.discountPct),
    marginPct: num(r.marginPct),
    dueAt: r.dueAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    submittedAt: r.submittedAt.toISOString(),
  }));
}
