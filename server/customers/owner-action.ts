// The lock every owner command takes: the customer, locked, if this tenure still holds it.
import type { Transaction } from 'kysely';
import type { Customer, Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { lockCustomer } from './customer-rows.repository.js';

/** The customer, locked, if the tenure named still owns it; else a refusal saying why. */
export async function lockForOwnerAction(
  tx: Transaction<Database>,
  cmd: { customerId: string; tenureId: string; ownerId: string },
): Promise<Customer> {
  const customer = await lockCustomer(tx, cmd.customerId);
  if (customer.status !== 'owned' || customer.tenure_id !== cmd.tenureId || customer.owner_id !== cmd.ownerId) {
    throw new AppError(ErrorCode.NOT_OWNER, 'This customer changed hands; reload it.', { customerId: customer.id });
  }
  return customer;
}
