// Simulation runs: the row a run writes its progress, heartbeat and result to.
import { type Insertable, type Kysely, type Updateable, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { SimulationsTable } from '../db/tables/rules.js';

export function findSimulation(db: Kysely<Database>, id: string) {
  return db.selectFrom('simulations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSimulation(db: Kysely<Database>, row: Insertable<SimulationsTable>): Promise<void> {
  await db.insertInto('simulations').values(row).execute();
}

/** The running process is alive (progress writes count too). */
export async function heartbeat(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('simulations').set({ heartbeat_at: at }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function recordProgress(db: Kysely<Database>, id: string, p: { processed: number; total: number; at: Date }): Promise<void> {
  await db.updateTable('simulations').set({ processed: p.processed, total: p.total, heartbeat_at: p.at }).where('id', '=', id).execute();
}

/** Ends a run that is still running (a sweep may have failed it meanwhile). */
export async function finishRunning(db: Kysely<Database>, id: string, columns: Updateable<SimulationsTable>): Promise<void> {
  await db.updateTable('simulations').set(columns).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function requestCancel(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('simulations').set({ cancel_requested: true }).where('id', '=', id).execute();
}

/** Marks running simulations whose heartbeat is older than `staleAfterMs` as failed; returns their ids. */
export async function failStaleSimulations(db: Kysely<Database>, options: { now: Date; staleAfterMs: number }): Promise<string[]> {
  const cutoff = new Date(options.now.getTime() - options.staleAfterMs);
  const rows = await db
    .updateTable('simulations')
    .set({
      status: 'failed',
      error: sql<string>`'interrupted: the server running it restarted or stopped (no heartbeat since ' || to_char(coalesce(heartbeat_at, created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '); start it again'`,
      finished_at: options.now,
    })
    .where('status', '=', 'running')
    .where((eb) => eb(eb.fn.coalesce('heartbeat_at', 'created_at'), '<', cutoff))
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort();
}

