// The embedded database has one connection. A query made while a transaction holds it, and which
// that transaction waits for, used to wait forever and stop every request behind it; now the wait
// is bounded like the pg pool's wait for a free connection: it fails as a connection error (503),
// and the database keeps serving in order.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../server/db/connect.js';
import { DEFAULT_DATABASE_TIMEOUTS } from '../server/db/timeouts.js';
import { isConnectionError } from '../server/db/errors.js';

const WAIT_MS = 400;
let dir: string;
let database: DatabaseHandle;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'highseas-bounded-wait-'));
  database = await openDatabase({ dataDir: dir, timeouts: { ...DEFAULT_DATABASE_TIMEOUTS, queryMs: WAIT_MS } });
}, 60_000);
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const one = async () => (await sql<{ n: number }>`select 1 as n`.execute(database.db)).rows[0]!.n;

describe('the embedded database’s one connection', () => {
  it('refuses a query a transaction waits on after the bound, as a connection error, and the transaction goes on', async () => {
    const started = Date.now();
    let inner: unknown;
    const outer = await database.db.transaction().execute(async (tx) => {
      // Outside the transaction, awaited inside it: before, this never settled.
      inner = await one().catch((e: unknown) => e);
      return (await sql<{ n: number }>`select 2 as n`.execute(tx)).rows[0]!.n;
    });
    const waited = Date.now() - started;
    expect(outer).toBe(2);
    expect(inner).toBeInstanceOf(Error);
    expect(isConnectionError(inner)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(WAIT_MS - 50);
    expect(waited).toBeLessThan(WAIT_MS + 5_000);
    // Nothing is left waiting: the next query runs at once.
    expect(await one()).toBe(1);
  });

  it('serves queries waiting for a short transaction in turn, every one of them', async () => {
    const order: number[] = [];
    const holder = database.db.transaction().execute(async (tx) => {
      await new Promise((r) => setTimeout(r, WAIT_MS / 4));
      await sql`select 1`.execute(tx);
      order.push(0);
    });
    const waiters = Array.from({ length: 5 }, (_, i) => one().then(() => order.push(i + 1)));
    await Promise.all([holder, ...waiters]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
