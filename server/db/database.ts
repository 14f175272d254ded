// The one Database interface: every table kysely may touch, as the migrations create them; the
// tables themselves sit in tables/, one file per domain.
import type { Insertable, Selectable } from 'kysely';
import type { ApiTokensTable, RepsTable, TeamsTable } from './tables/reps.js';
import type { PoolMembersTable, PoolsTable } from './tables/pools.js';
import type {
  AssignmentCursorsTable,
  CooldownsTable,
  CustomerActivitiesTable,
  CustomerIdentitiesTable,
  CustomersTable,
  OwnershipEventsTable,
  StageEventsTable,
} from './tables/customers.js';
import type { QuoteApprovalsTable, QuotesTable } from './tables/quotes.js';
import type { HolidaysTable, RepLeaveTable } from './tables/calendars.js';
import type { NotificationsTable, WebhookDeliveriesTable, WebhooksTable } from './tables/notifications.js';
import type { DecisionRecordsTable, PolicyRolloutsTable, RuleSetsTable, SimulationsTable } from './tables/rules.js';
import type { RuleTestCaseHistoryTable, RuleTestCasesTable } from './tables/test-cases.js';
import type { ChatAttemptsTable, ChatChannelsTable, ChatEventsTable, ChatMessagesTable } from './tables/chat.js';
import type { HandoverItemsTable, HandoverJobsTable } from './tables/handovers.js';
import type { CustomerLookupsTable, DuplicatePairsTable } from './tables/near-duplicates.js';
import type { DisputesTable } from './tables/disputes.js';
import type { AuthAuditTable, InvitationsTable, RepCredentialsTable, SessionsTable, UnknownSignInsTable } from './tables/sign-in.js';
import type { CompanyProfileTable, DocumentTemplatesTable, DocumentsTable } from './tables/documents.js';
import type { ImportClaimsTable, ImportJobRowsTable, ImportJobsTable, ImportUploadRowsTable, ImportUploadsTable } from './tables/imports.js';
import type { CollaboratorsTable, ContributionsTable, JointFollowUpsTable } from './tables/collaborators.js';
import type { SsoLoginsTable } from './tables/sso.js';

// Re-exported for the repositories that name a table's row shape.
export type { OwnershipEventsTable, PoolsTable, TeamsTable };

export interface Database {
  teams: TeamsTable;
  reps: RepsTable;
  pools: PoolsTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  customer_activities: CustomerActivitiesTable;
  ownership_events: OwnershipEventsTable;
  cooldowns: CooldownsTable;
  api_tokens: ApiTokensTable;
  rule_sets: RuleSetsTable;
  decision_records: DecisionRecordsTable;
  simulations: SimulationsTable;
  policy_rollouts: PolicyRolloutsTable;
  rule_test_cases: RuleTestCasesTable;
  rule_test_case_history: RuleTestCaseHistoryTable;
  assignment_cursors: AssignmentCursorsTable;
  pool_members: PoolMembersTable;
  stage_events: StageEventsTable;
  quotes: QuotesTable;
  quote_approvals: QuoteApprovalsTable;
  holidays: HolidaysTable;
  rep_leave: RepLeaveTable;
  notifications: NotificationsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  chat_channels: ChatChannelsTable;
  chat_messages: ChatMessagesTable;
  chat_events: ChatEventsTable;
  chat_attempts: ChatAttemptsTable;
  handover_jobs: HandoverJobsTable;
  handover_items: HandoverItemsTable;
  duplicate_pairs: DuplicatePairsTable;
  customer_lookups: CustomerLookupsTable;
  disputes: DisputesTable;
  rep_credentials: RepCredentialsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  auth_audit: AuthAuditTable;
  unknown_sign_ins: UnknownSignInsTable;
  document_templates: DocumentTemplatesTable;
  company_profile: CompanyProfileTable;
  documents: DocumentsTable;
  import_uploads: ImportUploadsTable;
  import_upload_rows: ImportUploadRowsTable;
  import_jobs: ImportJobsTable;
  import_job_rows: ImportJobRowsTable;
  import_claims: ImportClaimsTable;
  joint_follow_ups: JointFollowUpsTable;
  collaborators: CollaboratorsTable;
  contributions: ContributionsTable;
  sso_logins: SsoLoginsTable;
}

export type Rep = Selectable<RepsTable>;
export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
