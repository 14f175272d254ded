// What a Prometheus scrape reads: the process's registry in the text exposition format (0.0.4),
// with the figures that are read from the database at scrape time (open tenures) refreshed first.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { metrics, registry } from './metrics.js';

/** `text/plain; version=0.0.4; charset=utf-8` */
export const EXPOSITION_CONTENT_TYPE = registry.contentType;

/** Owned customers (open tenures) as the database has them now. */
async function countOpenTenures(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'owned').executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The scrape's text. A database that does not answer leaves the gauge NaN (unknown) rather than
 * failing the whole scrape: the process's other figures matter most exactly then.
 */
export async function exposition(db: Kysely<Database>): Promise<string> {
  metrics.tenuresOpen.set(await countOpenTenures(db).catch(() => Number.NaN));
  return registry.metrics();
}
