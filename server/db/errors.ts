// Recognising database errors by their SQLSTATE, the same on pg and PGlite.
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/**
 * The database rolled the transaction back to let a concurrent one through (a deadlock, 40P01, or a
 * serialization failure, 40001): nothing of it was written, and the same work may simply run again.
 */
export function isTransactionConflict(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * The database cannot be reached, stopped answering or cut the statement off (not a fault of the
 * request): 57014 is statement_timeout (or an operator's cancel), 53300 a full server, "Query read
 * timeout" the client's bound on an unanswered query.
 */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03', '57014', '53300', '08000', '08003', '08006'].includes(e.code ?? '')) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|is not queryable/i.test(e.message ?? '');
}

export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23503';
}

/**
 * A value the database cannot store or compare (SQLSTATE class 22: a NUL byte, a number out of
 * range, an impossible date): the request's fault, and the statement changed nothing.
 */
export function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/**
 * SQLSTATE class 23 (unique, foreign key, check, not-null, exclusion): the statement conflicts with
 * what is stored, and running it again changes nothing.
 */
export function isIntegrityViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^23[0-9A-Z]{3}$/.test(code);
}

/**
 * What a refused value was, in words a person can act on, by its SQLSTATE: the answer to a client
 * never carries the database's own message (it names tables, columns and constraints; it is logged).
 */
export function refusedValueWords(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === '22001') return 'a text is longer than it may be';
  if (code === '22003') return 'a number is out of range';
  if (['22021', '22P05', '22P02', '22025'].includes(code)) return 'a text holds a character or escape that cannot be stored';
  if (['22007', '22008', '22009'].includes(code)) return 'a date or time does not exist';
  if (code === '23505') return 'a record like it exists already';
  if (code === '23503') return 'a record it refers to does not exist';
  if (code.startsWith('23')) return 'a value breaks a rule of what is stored';
  return 'a value cannot be stored';
}
