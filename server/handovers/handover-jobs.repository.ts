// Handover and bulk-move jobs and their items: queries only (the job's progress is read from here).
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { HandoverOutcome } from '../../schemas/handovers.js';
import type { Database } from '../db/database.js';
import type { HandoverItemsTable, HandoverJobsTable } from '../db/tables/handovers.js';
import type { PlannedItem } from './handover-plan.js';

export type HandoverJob = Selectable<HandoverJobsTable>;
export type HandoverItem = Selectable<HandoverItemsTable>;

export async function insertJob(
  db: Kysely<Database>,
  job: Omit<Insertable<HandoverJobsTable>, 'options' | 'status'> & { options: Record<string, unknown> },
  items: readonly (PlannedItem & { outcome?: HandoverOutcome; code?: string; message?: string })[],
): Promise<void> {
  await db.insertInto('handover_jobs').values({ ...job, options: JSON.stringify(job.options), status: 'running' }).execute();
  for (let i = 0; i < items.length; i += 1000) {
    await db
      .insertInto('handover_items')
      .values(
        items.slice(i, i + 1000).map((it) => ({
          job_id: job.id,
          customer_id: it.customerId,
          plan: it.plan,
          target_rep_id: it.targetRepId,
          target_pool_id: it.targetPoolId,
          planned_owner_id: it.plannedOwnerId ?? null,
          outcome: it.outcome ?? 'pending',
          code: it.code ?? null,
          message: it.message ?? null,
          done_at: it.outcome ? job.created_at : null,
        })),
      )
      .execute();
  }
}

export function findJob(db: Kysely<Database>, id: string): Promise<HandoverJob | undefined> {
  return db.selectFrom('handover_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A handover of this rep still running, if any. */
export function runningHandoverOf(db: Kysely<Database>, repId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('handover_jobs').select('id').where('from_rep_id', '=', repId).where('status', '=', 'running').executeTakeFirst();
}

export function pendingItems(db: Kysely<Database>, jobId: string, limit: number): Promise<HandoverItem[]> {
  return db.selectFrom('handover_items').selectAll().where('job_id', '=', jobId).where('outcome', '=', 'pending').orderBy('customer_id').limit(limit).execute();
}

export async function countPending(db: Kysely<Database>, jobId: string): Promise<number> {
  const row = await db.selectFrom('handover_items').select(sql<number>`count(*)::int`.as('n')).where('job_id', '=', jobId).where('outcome', '=', 'pending').executeTakeFirstOrThrow();
  return row.n;
}

export async function settleItem(
  db: Kysely<Database>,
  key: { jobId: string; customerId: string },
  result: { outcome: Exclude<HandoverOutcome, 'pending'>; toRepId?: string | null; poolId?: string | null; code?: string | null; message?: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('handover_items')
    .set({ outcome: result.outcome, to_rep_id: result.toRepId ?? null, pool_id: result.poolId ?? null, code: result.code ?? null, message: result.message ?? null, done_at: result.at })
    .where('job_id', '=', key.jobId)
    .where('customer_id', '=', key.customerId)
    .where('outcome', '=', 'pending')
    .execute();
}

/**
 * Notes on a pending item where its customer is about to go and why, before the move's first step:
 * a retry that finds the first step done reads it here to finish the move and report it truthfully.
 */
export async function noteIntent(
  db: Kysely<Database>,
  key: { jobId: string; customerId: string },
  intent: { poolId: string | null; code: string | null; message: string | null },
): Promise<void> {
  await db
    .updateTable('handover_items')
    .set({ pool_id: intent.poolId, code: intent.code, message: intent.message })
    .where('job_id', '=', key.jobId)
    .where('customer_id', '=', key.customerId)
    .where('outcome', '=', 'pending')
    .execute();
}

/** The item as stored now (its noted intent included). */
export function findItem(db: Kysely<Database>, key: { jobId: string; customerId: string }): Promise<HandoverItem | undefined> {
  return db.selectFrom('handover_items').selectAll().where('job_id', '=', key.jobId).where('customer_id', '=', key.customerId).executeTakeFirst();
}

/** Marks the job completed once (false when it already was). */
export async function completeJob(db: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  const done = await db.updateTable('handover_jobs').set({ status: 'completed', finished_at: at }).where('id', '=', id).where('status', '=', 'running').returning('id').execute();
  return done.length > 0;
}

export async function outcomeCounts(db: Kysely<Database>, jobId: string): Promise<Record<HandoverOutcome, number>> {
  const rows = await db.selectFrom('handover_items').select(['outcome', sql<number>`count(*)::int`.as('n')]).where('job_id', '=', jobId).groupBy('outcome').execute();
  const counts: Record<HandoverOutcome, number> = { pending: 0, to_rep: 0, to_pool: 0, kept: 0, refused: 0, failed: 0 };
  for (const r of rows) counts[r.outcome] = r.n;
  return counts;
}

export function jobItems(db: Kysely<Database>, jobId: string) {
  return db
    .selectFrom('handover_items as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .select(['i.customer_id', 'c.company_name', 'i.outcome', 'i.to_rep_id', 'i.pool_id', 'i.code', 'i.message'])
    .where('i.job_id', '=', jobId)
    .orderBy('i.customer_id')
    .execute();
}
