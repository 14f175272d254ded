// Who may own customers: reps and managers. Admins see every customer and own none (they log no
// follow-ups, so a customer given to one would only wait for its deadline).
import type { Rep } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';

/** Refuses giving customers to an admin (the API refuses it first at the receiver's pointer, `admin_owner`). */
export function assertMayOwn(rep: Pick<Rep, 'id' | 'name' | 'role'>): void {
  if (rep.role === 'admin') throw new AppError(ErrorCode.FORBIDDEN, `${rep.name} is an admin, and admins own no customers; choose a rep or a manager.`, { repId: rep.id });
}
