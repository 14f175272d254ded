// Working-day calendars and webhook delivery bookkeeping: make-up working days (China's 调休, a
// weekend day worked to bridge a holiday), a lease so racing attempts of one delivery never POST
// twice at once, and the indexes the notification and delivery lists read by.
import { type Kysely, sql } from 'kysely';

const statements = [
  sql`alter table holidays add column kind text not null default 'holiday' check (kind in ('holiday', 'workday'))`,
  sql`alter table webhook_deliveries add column lease_until timestamptz`,
  sql`alter table webhook_deliveries add column last_attempt_at timestamptz`,
  sql`create index webhook_deliveries_webhook on webhook_deliveries (webhook_id, created_at desc, id desc)`,
  sql`create index webhook_deliveries_pending on webhook_deliveries (created_at) where status = 'pending'`,
  sql`create index notifications_unread on notifications (rep_id, created_at desc) where read_at is null`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists notifications_unread`.execute(db);
  await sql`drop index if exists webhook_deliveries_pending`.execute(db);
  await sql`drop index if exists webhook_deliveries_webhook`.execute(db);
  await sql`alter table webhook_deliveries drop column if exists last_attempt_at`.execute(db);
  await sql`alter table webhook_deliveries drop column if exists lease_until`.execute(db);
  await sql`alter table holidays drop column if exists kind`.execute(db);
}
