// The customer row as commands read, lock and change it: every change bumps the version, so
// readers holding an older version (the API's optimistic updates) see that it moved.
import { type Kysely, type Transaction, type UpdateObject, sql } from 'kysely';
import type { Customer, Database } from '../db/database.js';
import type { Grade } from '../../schemas/common.js';
import { AppError, ErrorCode } from '../errors.js';

type Tx = Transaction<Database>;

/** The customer row, locked for the transaction; a refusal if it does not exist. */
export async function lockCustomer(tx: Tx, customerId: string): Promise<Customer> {
  const c = await tx.selectFrom('customers').selectAll().where('id', '=', customerId).forUpdate().executeTakeFirst();
  if (!c) throw new AppError(ErrorCode.NOT_FOUND, `Customer ${customerId} does not exist.`, { customerId });
  return c;
}

/** The customer row as it is now, if it exists. */
export function findCustomerRow(db: Kysely<Database>, customerId: string): Promise<Customer | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirst();
}

/** The customer row as it is now (it must exist). */
export function customerRow(db: Kysely<Database>, customerId: string): Promise<Customer> {
  return db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirstOrThrow();
}

/**
 * Changes a customer row and bumps its version. With `expectVersion`, only if the row still has
 * that version (the caller read it without a lock, or must not overwrite a newer change).
 */
export function updateCustomerVersioned(
  tx: Kysely<Database>,
  customerId: string,
  set: Omit<UpdateObject<Database, 'customers'>, 'version' | 'updated_at'>,
  opts: { now: Date; expectVersion?: number },
): Promise<Customer> {
  let q = tx
    .updateTable('customers')
    .set({ ...set, version: sql`version + 1`, updated_at: opts.now })
    .where('id', '=', customerId);
  if (opts.expectVersion !== undefined) q = q.where('version', '=', opts.expectVersion);
  return q.returningAll().executeTakeFirstOrThrow();
}

/** Every owned row with its owner and last change (the reconciler compares them with the running tenures). */
export function ownedRows(db: Kysely<Database>) {
  return db.selectFrom('customers').select(['id', 'owner_id', 'updated_at']).where('status', '=', 'owned').execute();
}

/** Owned customers after `after` in id order (policy rollouts walk them in pages). */
export async function ownedCustomerIds(db: Kysely<Database>, after: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('customers').select('id').where('status', '=', 'owned').where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The grade the grading rules gave a customer just created (still version 1: nobody has read it yet). */
export function setCustomerGrade(tx: Kysely<Database>, customerId: string, grade: Grade): Promise<Customer> {
  return tx.updateTable('customers').set({ grade }).where('id', '=', customerId).returningAll().executeTakeFirstOrThrow();
}

/** How many customers a rep owns now (the private cap counts these), or of them how many are key customers. */
export async function ownedCount(db: Kysely<Database>, repId: string, only: { key?: true } = {}): Promise<number> {
  let q = db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('owner_id', '=', repId)
    .where('status', '=', 'owned');
  if (only.key) q = q.where('key_customer', '=', true);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
