// The API's views as the UI reads them, inferred from the zod schemas in schemas/ (types only, so
// nothing of them is bundled). Every route declares its response with one of these schemas.
import type { z } from 'zod';
import type { HolidayView, LeaveView, RepCalendarView } from '../../../schemas/calendars.js';
import type { CustomerDetail, CustomerPage, CustomerView, OwnershipResult, RestrictedCustomerView } from '../../../schemas/customers.js';
import type { Explanation } from '../../../schemas/explanation.js';
import type { PoolView } from '../../../schemas/lifecycle.js';
import type { DeliveryPage, NotificationPage as NotificationPageView, NotificationView, WebhookCreated, WebhookView } from '../../../schemas/notifications.js';
import type { ApprovalDecided, ApprovalItem, Approver, QuoteLevel, QuoteSubmitted, QuoteView } from '../../../schemas/quotes.js';
import type { FunnelReport as FunnelReportView, ReclaimsReport as ReclaimsReportView, StageCount as StageCountView, WorkloadReport as WorkloadReportView } from '../../../schemas/reports.js';
import type { RepView, TeamView, TokenCreated, TokenView } from '../../../schemas/reps.js';
import type { DecisionInfo as DecisionInfoView, DecisionRecord as DecisionRecordView, PublishResult, RuleSetSummary, RuleSetVersion, ValidationReport } from '../../../schemas/rule-sets-api.js';
import type { SimulationView } from '../../../schemas/simulations.js';
import type { ChannelMessagePage, ChannelMessageView, ChannelView } from '../../../schemas/chat-channels.js';
import type { ForecastView } from '../../../schemas/forecasts.js';
import type { TestCaseChange as TestCaseChangeView } from '../../../schemas/test-cases.js';

export type { ApprovalDecided, ApprovalItem, Approver, Explanation, QuoteLevel, QuoteSubmitted };
export type Customer = z.infer<typeof CustomerView>;
export type CustomerList = z.infer<typeof CustomerPage>;
export type Restricted = z.infer<typeof RestrictedCustomerView>;
export type CustomerDetailView = z.infer<typeof CustomerDetail>;
export type Ownership = z.infer<typeof OwnershipResult>;
export type Quote = QuoteView;
export type Pool = z.infer<typeof PoolView>;
export type Rep = z.infer<typeof RepView>;
export type Team = z.infer<typeof TeamView>;
export type Token = z.infer<typeof TokenCreated>;
export type TokenInfo = TokenView;
export type Holiday = z.infer<typeof HolidayView>;
export type Leave = z.infer<typeof LeaveView>;
export type RepCalendar = z.infer<typeof RepCalendarView>;
export type Notification = z.infer<typeof NotificationView>;
export type NotificationPage = z.infer<typeof NotificationPageView>;
export type Webhook = z.infer<typeof WebhookView>;
export type NewWebhook = z.infer<typeof WebhookCreated>;
export type Deliveries = z.infer<typeof DeliveryPage>;
export type Channel = ChannelView;
export type ChannelMessage = ChannelMessageView;
export type ChannelMessages = z.infer<typeof ChannelMessagePage>;
export type DecisionInfo = z.infer<typeof DecisionInfoView>;
export type DecisionRecord = z.infer<typeof DecisionRecordView>;
export type RuleSetInfo = z.infer<typeof RuleSetSummary>;
export type RuleSetFull = z.infer<typeof RuleSetVersion>;
export type Published = z.infer<typeof PublishResult>;
export type Validation = z.infer<typeof ValidationReport>;
export type SimulationRun = z.infer<typeof SimulationView>;
export type Forecast = ForecastView;
export type StageCount = z.infer<typeof StageCountView>;
export type FunnelReport = z.infer<typeof FunnelReportView>;
export type WorkloadReport = z.infer<typeof WorkloadReportView>;
export type ReclaimsReport = z.infer<typeof ReclaimsReportView>;
export type { TestCase, TestCaseResult, ExpectedOutcome, ActualOutcome } from '../../../schemas/test-cases.js';
export type TestCaseChange = z.infer<typeof TestCaseChangeView>;

// Import jobs (issue 14): provisional shapes from the contract until schemas/imports.ts has them.
export type ImportOutcome = 'created' | 'duplicate' | 'updated' | 'refused';
export interface ImportRow {
  row: number;
  outcome: ImportOutcome;
  customerId?: string;
  duplicateOf?: { customerId: string; matchedOn: ('email' | 'phone' | 'domain' | 'name')[] };
  errors?: { column: string | null; field: string; message: string }[];
  assignment?: { status: string; repId?: string | null; reason?: string | null };
  filledFields?: string[];
  possibleDuplicates?: { customerId: string; companyName: string; score: number }[];
}
export interface ImportJob {
  id: string;
  file: string;
  format: 'csv' | 'xlsx';
  mode: 'preview' | 'commit';
  status: 'queued' | 'running' | 'previewed' | 'completed' | 'cancelled' | 'failed';
  options: { existing: 'skip' | 'fill'; overridePrivate: boolean; poolId: string | null; source: string | null; country: string | null; assign: boolean };
  mapping: Record<string, string>;
  unmappedColumns: string[];
  progress: { rowsTotal: number; rowsRead: number; created: number; duplicates: number; updated: number; refused: number; percent: number; rowsPerSecond: number };
  samples: Record<ImportOutcome, ImportRow[]>;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  uploadExpiresAt: string | null;
  committedJobId?: string | null;
}
export interface ImportRowPage {
  items: ImportRow[];
  nextCursor: string | null;
}
