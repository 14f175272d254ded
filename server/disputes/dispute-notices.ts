// What a dispute tells people (in-app, webhooks, chat robots): filed to the deciders and the other
// side, decided to both sides. Written in the transaction that files or decides it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { disputeKindWords } from '../../schemas/reason-words.js';
import { repLabel } from '../../schemas/rep-label.js';
import { repNames } from '../customers/rep-names.repository.js';
import { type EmitResult, emitEvent } from '../notifications/emit.js';
import type { Recipient } from '../notifications/events.js';
import type { DisputeRow } from './disputes.repository.js';
import type { DeciderContext } from './dispute-deciders.js';

const ruleText = (d: DisputeRow) => (d.rule_name ? `rule "${d.rule_name}"${d.rule_set_version ? ` (v${d.rule_set_version})` : ''}` : d.decision);

async function admins(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('reps').select('id').where('role', '=', 'admin').where('active', '=', true).execute()).map((r) => r.id);
}

export async function disputeFiled(db: Kysely<Database>, d: DisputeRow, ctx: DeciderContext, at: Date): Promise<EmitResult> {
  const deciders: Recipient[] = ctx.managerId && ctx.managerId !== d.rep_id && !ctx.crossTeam ? [ctx.managerId] : await admins(db);
  const repName = (await repNames(db, [d.rep_id])).get(d.rep_id) ?? null;
  return emitEvent(db, {
    type: 'dispute.filed',
    idempotencyKey: `dispute.filed/${d.id}`,
    occurredAt: at.toISOString(),
    customerId: d.customer_id,
    recipients: [...deciders, ...ctx.otherSides],
    title: `Dispute: ${d.company_name}`,
    body: `${repLabel({ id: d.rep_id, name: repName }, 'en')} disputes the ${disputeKindWords(d.kind, 'en')} by ${ruleText(d)}: ${d.reason}`,
    data: { disputeId: d.id, kind: d.kind, repId: d.rep_id, repName, decision: d.decision, ruleName: d.rule_name, ruleSetVersion: d.rule_set_version, reason: d.reason },
  });
}

export async function disputeDecided(db: Kysely<Database>, d: DisputeRow & { status: 'upheld' | 'reassigned' }, others: string[], at: Date): Promise<EmitResult> {
  const names = await repNames(db, [d.rep_id, ...(d.decided_by ? [d.decided_by] : [])]);
  const repName = names.get(d.rep_id) ?? null;
  const decidedByName = d.decided_by ? (names.get(d.decided_by) ?? null) : null;
  const outcome = d.status === 'reassigned' ? `reassigned to ${repLabel({ id: d.rep_id, name: repName }, 'en')}` : 'rejected: the decision stands';
  const decider = d.decided_by ? ` (decided by ${repLabel({ id: d.decided_by, name: decidedByName }, 'en')})` : '';
  return emitEvent(db, {
    type: 'dispute.decided',
    idempotencyKey: `dispute.decided/${d.id}`,
    occurredAt: at.toISOString(),
    customerId: d.customer_id,
    recipients: [d.rep_id, ...others],
    title: `Dispute decided: ${d.company_name}`,
    body: `The dispute of the ${disputeKindWords(d.kind, 'en')} by ${ruleText(d)} was ${outcome}${decider}: ${d.comment ?? ''}`,
    data: { disputeId: d.id, kind: d.kind, status: d.status, repId: d.rep_id, repName, decidedBy: d.decided_by, decidedByName, comment: d.comment, ruleName: d.rule_name, ruleSetVersion: d.rule_set_version },
  });
}
