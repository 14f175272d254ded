// A rep written with an id or e-mail another rep has (POST /reps, an invitation of a new rep),
// refused at the field that conflicts, as a team's id or name is.
import { isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';

/**
 * DUPLICATE_REP for the unique violation `e` of writing `rep`: at `${at}/id` when the id is taken
 * (the primary key, or the id in another case), else at `${at}/email` (e-mails are unique whatever their case); `hint` ends
 * the message (what to do instead). Null for any other error.
 */
export function duplicateRep(e: unknown, rep: { id: string; email: string }, at = '', hint = 'choose another'): AppError | null {
  if (!isUniqueViolation(e)) return null;
  return isUniqueViolation(e, 'reps_pkey') || isUniqueViolation(e, 'reps_id_lower')
    ? new AppError(ErrorCode.DUPLICATE_REP, `A rep with the id "${rep.id}" exists already; ${hint} id.`, { pointer: `${at}/id`, id: rep.id })
    : new AppError(ErrorCode.DUPLICATE_REP, `A rep with the e-mail "${rep.email}" exists already; ${hint} e-mail.`, { pointer: `${at}/email`, email: rep.email });
}
