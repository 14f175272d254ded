// An approval's requests in the inbox are found by their quote when a level is decided or the quote
// lapses (customers/quote-withdrawal.ts settleApprovalRequests), not by scanning every notification.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists notifications_approval_request_quote on notifications ((data->>'quoteId')) where kind = 'approval.requested'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists notifications_approval_request_quote`.execute(db);
}
