// What a command answers when it changes nothing: its idempotency key shows an earlier attempt
// committed it (an activity retried after its transaction), or what it asks for holds already (a key
// flag set twice). The customer as it is, with what the reclaim decision that set its deadline said
// about it (reason, cooldown, warning, pool), read from the decision's record. The tenure takes
// these into its state for the reclaim; a bare row would leave it reclaiming with no cooldown, no
// warning and into the default pool. Every tenure command answers a no-op through here.
import { type Kysely, sql } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import { customerRow } from './customer-rows.repository.js';
import { toOwnershipResult } from './ownership-view.js';
import type { Database } from '../db/database.js';

interface RecordedDeadline {
  kind?: string;
  reason?: string;
  cooldownMs?: number;
  warnAt?: string | null;
  pool?: string | null;
}

export async function replayedOwnership(db: Kysely<Database>, customerId: string): Promise<OwnershipResult> {
  const c = await customerRow(db, customerId);
  if (!c.deadline) return toOwnershipResult(c);
  const recorded = await db
    .selectFrom('decision_records')
    .select('outcome')
    .where('customer_id', '=', c.id)
    .where('decision', '=', 'reclaim')
    .where(sql<string>`outcome->>'deadline'`, '=', c.deadline.toISOString())
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const o = recorded?.outcome as RecordedDeadline | undefined;
  if (o?.kind !== 'deadline') return toOwnershipResult(c);
  return toOwnershipResult(c, { reason: o.reason ?? null, cooldownMs: o.cooldownMs ?? null, warnAt: o.warnAt ? new Date(o.warnAt) : null, pool: o.pool ?? null });
}
