// A quote is dated in its owner's time zone (the document prints that day), so "valid until" may
// not be a day that has already passed there. The request schema only refuses a day past
// everywhere on earth; this refuses it by the owner's calendar.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../db/database.js';
import { invalidRequest } from '../request-issues.js';

export async function assertValidUntilAhead(db: Kysely<Database>, validUntil: string, ownerId: string | null, now: Date): Promise<void> {
  const owner = ownerId ? await db.selectFrom('reps').select('time_zone').where('id', '=', ownerId).executeTakeFirst() : undefined;
  const timeZone = owner?.time_zone ?? 'UTC';
  const today = DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
  if (validUntil < today) throw invalidRequest('body', [{ pointer: '/validUntil', code: 'valid_until_past', params: { today, timeZone } }]);
}
