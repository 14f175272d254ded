// What the lifecycle tells people (in-app notifications, webhooks and chat robots): the events and who gets them.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { type EmitResult, emitEvent } from './emit.js';

type LifecycleEventType =
  | 'deadline.warning'
  | 'deadline.escalation'
  | 'customer.reclaimed'
  | 'customer.assigned'
  | 'approval.requested'
  | 'approval.decided'
  | 'approval.escalated'
  | 'customer.handed_over'
  | 'handover.completed';

interface LifecycleEvent {
  type: LifecycleEventType;
  /** Null for events about no single customer (a handover's summary). */
  customerId: string | null;
  /** Reps to notify in-app (webhooks get every event they subscribe to). */
  recipients: string[];
  title: string;
  body: string;
  data: Record<string, unknown>;
  /** Same key, same event: retried activities notify once. */
  idempotencyKey: string;
}

export interface LifecycleEvents {
  emit(event: LifecycleEvent): Promise<void>;
}

/** The manager of a rep's team, if the team has one. */
export async function managerOf(db: Kysely<Database>, repId: string): Promise<string | null> {
  const row = await db.selectFrom('reps as r').innerJoin('teams as t', 't.id', 'r.team_id').select('t.manager_id').where('r.id', '=', repId).executeTakeFirst();
  return row?.manager_id ?? null;
}

/**
 * The reps an approval level asks: named reps, the quoting rep's team manager, admins; never the
 * owner or the submitter, who may not decide it (four-eyes), nor an inactive rep. A level none of
 * whose approvers can decide it (the team has no manager yet, the named rep left or submitted it)
 * asks the admins, who decide any level, rather than nobody.
 */
export async function approversOf(
  db: Kysely<Database>,
  approvers: ({ role: 'manager' | 'admin' } | { rep: string })[],
  quote: { rep_id: string; submitted_by: string },
): Promise<string[]> {
  const ids = new Set<string>();
  for (const a of approvers) {
    if ('rep' in a) ids.add(a.rep);
    else if (a.role === 'manager') {
      const m = await managerOf(db, quote.rep_id);
      if (m) ids.add(m);
    } else {
      for (const r of await db.selectFrom('reps').select('id').where('role', '=', 'admin').where('active', '=', true).execute()) ids.add(r.id);
    }
  }
  ids.delete(quote.rep_id);
  ids.delete(quote.submitted_by);
  const active = ids.size === 0 ? new Set<string>() : new Set((await db.selectFrom('reps').select('id').where('id', 'in', [...ids]).where('active', '=', true).execute()).map((r) => r.id));
  const asked = [...ids].filter((id) => active.has(id));
  if (asked.length > 0 || approvers.some((a) => 'role' in a && a.role === 'admin')) return asked;
  return approversOf(db, [{ role: 'admin' }], quote);
}

/**
 * Lifecycle events as in-app notifications and webhook deliveries (server/notifications). The
 * deliveries are handed to their workflows after the notifications commit, when `dispatch` is given.
 */
export function notificationEvents(deps: {
  db: Kysely<Database>;
  clock: { now(): Date };
  dispatch?: ((deliveryIds: string[]) => Promise<unknown>) | undefined;
  /** Wakes the chat robot senders of the channels that got the event (after commit). */
  wakeChannels?: ((channelIds: string[]) => Promise<unknown>) | undefined;
}): LifecycleEvents {
  return {
    async emit(event) {
      const result = await emitEvent(deps.db, {
        type: event.type,
        idempotencyKey: event.idempotencyKey,
        occurredAt: deps.clock.now().toISOString(),
        customerId: event.customerId,
        recipients: event.recipients,
        title: event.title,
        body: event.body,
        data: event.data,
      });
      if (deps.dispatch && result.deliveryIds.length > 0) await deps.dispatch(result.deliveryIds);
      if (deps.wakeChannels && result.chatChannelIds.length > 0) await deps.wakeChannels(result.chatChannelIds);
    },
  };
}

/**
 * Lifecycle events written in the caller's transaction, so they commit with the change they report
 * (an API command's). Their webhook deliveries and chat robots start after the commit, from `emitted`.
 */
export function eventsInTransaction(tx: Transaction<Database>, clock: { now(): Date }): LifecycleEvents & { emitted: EmitResult[] } {
  const emitted: EmitResult[] = [];
  return {
    emitted,
    async emit(event) {
      emitted.push(
        await emitEvent(tx, {
          type: event.type,
          idempotencyKey: event.idempotencyKey,
          occurredAt: clock.now().toISOString(),
          customerId: event.customerId,
          recipients: event.recipients,
          title: event.title,
          body: event.body,
          data: event.data,
        }),
      );
    },
  };
}
