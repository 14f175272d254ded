// Migration 2026-12-04-0007 on a database with open tenures: a deadline a collaborator's or a
// manager's follow-up set takes that role from the follow-up's recorded reclaim decision; one the
// owner's work set, or a claim, stays null (the owner); down/up gives the same roles.
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../server/db/connect.js';
import { migrations } from '../server/db/migrations/index.js';
import { newId } from '../server/ids.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { seedCustomers } from './support/seed.js';

let scratch: ScratchDatabase;
let database: DatabaseHandle;
const migrator = () => new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('adminDatabaseUrl'), 'hs_t_dar');
  database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp' });
}, 60_000);
afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

it("gives each open tenure the role of whoever's follow-up set its deadline", async () => {
  expect((await migrator().migrateTo('2026-12-04-0006-tenure-collaborations-ended')).error).toBeUndefined();
  const db = database.db;
  const at = new Date('2026-12-01T08:00:00Z');
  await db.insertInto('reps').values({ id: 'owner1', name: 'Owner', email: 'o@example.com', role: 'rep', hired_at: '2023-01-01', created_at: at, updated_at: at } as never).execute();
  const setBy = [
    { trigger: 'follow_up', role: 'collaborator' },
    { trigger: 'follow_up', role: 'manager' },
    { trigger: 'follow_up', role: 'owner' },
    { trigger: 'claim', role: 'owner' },
  ];
  const ids = await seedCustomers(db, setBy.length, () => ({ status: 'owned', owner_id: 'owner1', stage: 'follow_up', deadline_trigger: 'follow_up', deadline_from: at, deadline: new Date(at.getTime() + 86_400_000) }) as never);
  for (const [i, s] of setBy.entries()) {
    await db.updateTable('customers').set({ deadline_trigger: s.trigger }).where('id', '=', ids[i]!).execute();
    // A later decision of another kind (the key flag's, as it was re-decided before) does not count.
    for (const [trigger, role, when] of [[s.trigger, s.role, at], ['key_change', 'owner', new Date(at.getTime() + 60_000)]] as const) {
      await db
        .insertInto('decision_records')
        .values({ id: newId(), decision: 'reclaim', rule_set_id: null, rule_set_version: null, rule_set_hash: null, customer_id: ids[i]!, rep_id: 'owner1', trigger, fired: '[]', outcome: '{}', facts: JSON.stringify({ actor: { role } }), at: when })
        .execute();
    }
  }
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  const roles = async () => (await sql<{ id: string; role: string | null }>`select id, deadline_actor_role as role from customers`.execute(db)).rows;
  const byId = new Map((await roles()).map((r) => [r.id, r.role]));
  expect(ids.map((id) => byId.get(id))).toEqual(['collaborator', 'manager', null, null]);
  expect((await migrator().migrateDown()).error).toBeUndefined();
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect(new Map((await roles()).map((r) => [r.id, r.role]))).toEqual(byId);
});
