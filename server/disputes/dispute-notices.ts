// What a dispute tells people (in-app, webhooks, chat robots): filed to the deciders and the other
// side, decided to both sides. Written in the transaction that files or decides it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
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
  return emitEvent(db, {
    type: 'dispute.filed',
    idempotencyKey: `dispute.filed/${d.id}`,
    occurredAt: at.toISOString(),
    customerId: d.customer_id,
    recipients: [...deciders, ...ctx.otherSides],
    title: `Dispute: ${d.company_name}`,
    body: `${d.rep_id} disputes the ${d.kind.replace('_', ' ')} by ${ruleText(d)}: ${d.reason}`,
    data: { disputeId: d.id, kind: d.kind, repId: d.rep_id, decision: d.decision, ruleName: d.rule_name, ruleSetVersion: d.rule_set_version, reason: d.reason },
  });
}

export async function disputeDecided(db: Kysely<Database>, d: DisputeRow & { status: 'upheld' | 'reassigned' }, others: string[], at: Date): Promise<EmitResult> {
  const outcome = d.status === 'reassigned' ? `reassigned to ${d.rep_id}` : 'upheld: the decision stands';
  return emitEvent(db, {
    type: 'dispute.decided',
    idempotencyKey: `dispute.decided/${d.id}`,
    occurredAt: at.toISOString(),
    customerId: d.customer_id,
    recipients: [d.rep_id, ...others],
    title: `Dispute decided: ${d.company_name}`,
    body: `The dispute of the ${d.kind.replace('_', ' ')} by ${ruleText(d)} was ${outcome} (${d.decided_by}): ${d.comment ?? ''}`,
    data: { disputeId: d.id, kind: d.kind, status: d.status, repId: d.rep_id, decidedBy: d.decided_by, comment: d.comment, ruleName: d.rule_name, ruleSetVersion: d.rule_set_version },
  });
}
