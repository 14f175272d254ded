// A scratch database for a migration test: created before the file's tests and dropped after, with
// a migrator over the project's migrations (migrate to one, insert what earlier versions held, then
// to the latest) and the refusal a statement meets, if any.
import { Migrator } from 'kysely';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/connect.js';
import { migrations } from '../../server/db/migrations/index.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';

export function migrationDatabase(prefix: string) {
  let scratch: ScratchDatabase;
  let database: DatabaseHandle;
  beforeAll(async () => {
    scratch = await createScratchDatabase(inject('adminDatabaseUrl'), prefix);
    database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp' });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });
  return {
    db: () => database.db,
    migrator: () => new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } }),
  };
}

/** The SQLSTATE and constraint a statement was refused with, or null when it ran. */
export const refused = (statement: Promise<unknown>) => statement.then(() => null, (e: { code?: string; constraint?: string }) => [e.code, e.constraint]);
