// First start on an empty database (issue 9): processes starting together create one admin and one
// bootstrap token between them, and none of them fails.
import os from 'node:os';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { bootstrapAdmin } from '../server/bootstrap.js';
import { hashToken } from '../server/tokens/tokens.js';
import { type DatabaseHandle, openDatabase } from '../server/db/connect.js';
import { migrateOrThrow } from '../server/db/migrate.js';
import { createScratchDatabase } from './support/scratch-database.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

const PROCESSES = 5;

/** An empty, migrated database and one connection pool per simulated process. */
async function emptyDatabase(): Promise<DatabaseHandle[]> {
  const scratch = await createScratchDatabase(inject('adminDatabaseUrl'));
  cleanups.push(scratch.drop);
  const handles: DatabaseHandle[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    const handle = await openDatabase({ databaseUrl: scratch.url, dataDir: os.tmpdir(), poolSize: 2 });
    cleanups.push(() => handle.close());
    handles.push(handle);
  }
  await migrateOrThrow(handles[0]!.db);
  // Connected beforehand, so the starts overlap rather than queue behind connection set-up.
  await Promise.all(handles.map((h) => Promise.all([sql`select 1`.execute(h.db), sql`select 1`.execute(h.db)])));
  return handles;
}

async function startTogether(handles: DatabaseHandle[], configuredToken?: string) {
  return Promise.allSettled(handles.map((h) => bootstrapAdmin(h.db, { configuredToken, now: new Date() })));
}

describe('bootstrapping the admin', () => {
  it(`${PROCESSES} processes at once create one admin and one generated token; none fails`, async () => {
    const handles = await emptyDatabase();
    const results = await startTogether(handles);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const values = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof bootstrapAdmin>>>).value);
    expect(values.filter((v) => v.created)).toHaveLength(1);
    const db = handles[0]!.db;
    expect(await db.selectFrom('reps').select('id').where('role', '=', 'admin').execute()).toEqual([{ id: 'admin' }]);
    const tokens = await db.selectFrom('api_tokens').select(['token_hash', 'name']).execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.token_hash).toBe(hashToken(values.find((v) => v.created)!.token!));
    // One one-time link for the first admin to set a password, printed by the start that made it.
    const invitations = await db.selectFrom('invitations').select(['rep_id', 'token_hash', 'kind']).execute();
    expect(invitations).toEqual([{ rep_id: 'admin', token_hash: hashToken(values.find((v) => v.created)!.invitation!.token), kind: 'invitation' }]);
    expect(values.filter((v) => v.invitation)).toHaveLength(1);
    // Later starts find the admin and create nothing.
    expect(await bootstrapAdmin(db, { now: new Date() })).toMatchObject({ created: false });
    expect(await db.selectFrom('api_tokens').select('id').execute()).toHaveLength(1);
  });

  it(`${PROCESSES} processes at once with BOOTSTRAP_ADMIN_TOKEN register it once; none fails`, async () => {
    const handles = await emptyDatabase();
    const configured = `hs_configured_${'x'.repeat(24)}`;
    const results = await startTogether(handles, configured);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const values = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof bootstrapAdmin>>>).value);
    expect(values.every((v) => v.token === configured)).toBe(true);
    expect(values.filter((v) => v.created)).toHaveLength(1);
    const db = handles[0]!.db;
    expect(await db.selectFrom('reps').select('id').where('role', '=', 'admin').execute()).toEqual([{ id: 'admin' }]);
    const tokens = await db.selectFrom('api_tokens').select('token_hash').execute();
    expect(tokens.map((t) => t.token_hash)).toEqual([hashToken(configured)]);
    // A second configured token later (a rotated secret) is added once, even by processes starting together.
    const rotated = `hs_rotated_${'y'.repeat(24)}`;
    const again = await startTogether(handles, rotated);
    expect(again.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await db.selectFrom('api_tokens').select('token_hash').where('token_hash', '=', hashToken(rotated)).execute()).toHaveLength(1);
  });
});
