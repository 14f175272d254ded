// A dispute's notices in the inbox are found by the dispute when it is decided
// (disputes.repository.ts settleDisputeNotices), not by scanning every notification.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists notifications_dispute_filed on notifications ((data->>'disputeId')) where kind = 'dispute.filed'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists notifications_dispute_filed`.execute(db);
}
