// The API's views as the UI reads them: inferred from the server's zod schemas (types only, so
// nothing of the server is bundled), plus the few views the server types loosely.
import type { z } from 'zod';
import type { CustomerDetail, CustomerView, HistoryEntry, OwnershipResult, RestrictedCustomerView } from '../../../schemas/customers.js';
import type { RepView, TeamView, TokenCreated } from '../../../schemas/reps.js';
import type { RuleSetSummary, RuleSetVersion, ValidationReport } from '../../../schemas/rule-sets-api.js';
import type { DecisionName, RuleSetDocument } from '../../../schemas/rule-set.js';
import type { Explanation } from '../../../rules/engine/types.js';
import type { HolidayView, LeaveView, RepCalendarView } from '../../../server/calendars/calendars.schemas.js';
import type { DeliveryView, NotificationView, WebhookCreated, WebhookView } from '../../../server/notifications/notifications.schemas.js';
import type { TokenView } from '../../../server/reps/tokens.routes.js';

export type { CustomerView, DecisionName, Explanation, RepView, RuleSetDocument };
export type Customer = z.infer<typeof CustomerView>;
export type Restricted = z.infer<typeof RestrictedCustomerView>;
export type CustomerDetailView = z.infer<typeof CustomerDetail>;
export type History = z.infer<typeof HistoryEntry>;
export type Rep = z.infer<typeof RepView>;
export type Team = z.infer<typeof TeamView>;
export type Token = z.infer<typeof TokenCreated>;
export type Ownership = z.infer<typeof OwnershipResult>;
export type RuleSetInfo = z.infer<typeof RuleSetSummary>;
export type RuleSetFull = z.infer<typeof RuleSetVersion>;
export type Validation = z.infer<typeof ValidationReport>;
export type Notification = NotificationView;
export type Holiday = HolidayView;
export type Leave = LeaveView;
export type RepCalendar = z.infer<typeof RepCalendarView>;
export type TokenInfo = TokenView;
export type Webhook = WebhookView;
export type NewWebhook = z.infer<typeof WebhookCreated>;
export type Delivery = DeliveryView;

/** The lifecycle stages of an owned customer, in order. */
export const STAGES = ['claimed', 'follow_up', 'inquiry', 'costing', 'quote', 'sample', 'won'] as const;
export type Stage = (typeof STAGES)[number];

/** Who may sign an approval level: a role (the rep's team manager, any admin) or a named rep. */
export type Approver = { role: 'manager' | 'admin' } | { rep: string };

export interface QuoteLevel {
  level: number;
  approvers: Approver[];
  /** waiting: a later level not yet reached; skipped: never reached because an earlier one rejected. */
  status: 'pending' | 'waiting' | 'approved' | 'rejected' | 'skipped';
  escalated?: boolean;
  reasons?: string[];
  dueAt: string | null;
  decidedBy?: string | null;
  decidedAt?: string | null;
  comment?: string | null;
}

export type QuoteStatus = 'pending_approval' | 'approved' | 'rejected' | 'withdrawn';

/** GET /customers/{id}/quotes */
export interface Quote {
  id: string;
  customerId: string;
  repId: string;
  /** Who submitted it: the owner, their manager or an admin; none of them may approve it. */
  submittedBy: string;
  status: QuoteStatus;
  amount: number;
  currency: string;
  amountUsd: number;
  discountPct: number;
  marginPct: number;
  items: { sku?: string; description: string; quantity: number; unitPrice: number }[];
  note: string | null;
  validUntil: string | null;
  rejectionReason: string | null;
  ruleSetVersion: number | null;
  createdAt: string;
  decidedAt: string | null;
  levels: QuoteLevel[];
}

/** POST /customers/{id}/quotes */
export interface QuoteSubmitted {
  ownership: Ownership;
  quote: { id: string; status: QuoteStatus; submittedBy: string; required: boolean; levels: QuoteLevel[] };
}

/** POST /approvals/{quoteId}/approve|reject */
export interface ApprovalDecided {
  decided: 'approved' | 'rejected' | 'level_approved';
  quote: QuoteSubmitted['quote'];
  ownership: Ownership | null;
}

/** One level in GET /approvals. */
export interface ApprovalItem {
  quoteId: string;
  level: number;
  status: QuoteLevel['status'];
  approvers: Approver[];
  reasons: string[];
  escalated: boolean;
  dueAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  amount: number;
  currency: string;
  amountUsd: number;
  discountPct: number;
  marginPct: number;
  repId: string;
  repName: string;
  submittedBy: string;
  customerId: string;
  companyName: string;
  submittedAt: string;
}

export interface NotificationPage extends Page<Notification> {
  unreadCount: number;
}

export interface Pool {
  id: string;
  name: string;
  description: string | null;
  openToAll: boolean;
  teamIds: string[];
  repIds: string[];
  customers: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface DecisionInfo {
  name: DecisionName;
  description: string;
  hitPolicy: 'first' | 'collect';
  whenNothingFires: string;
  published: { id: string; version: number; hash: string; publishedAt: string | null } | null;
}

export interface DecisionRecord {
  id: string;
  decision: string;
  trigger: string;
  at: string;
  ruleSet: { id: string; version: number; hash: string } | null;
  repId: string | null;
  fired: { index: number; name: string | null; event: { type: string; params?: Record<string, unknown> } }[];
  outcome: unknown;
  facts: Record<string, unknown>;
}

export interface SimulationExample {
  subjectId: string;
  subject: string;
  before: string;
  after: string;
  explanation?: { baseline: Explanation | null; candidate: Explanation | null };
}

export interface SimulationRun {
  id: string;
  decision: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  processed: number;
  total: number | null;
  error: string | null;
  result: {
    evaluated: number;
    changed: number;
    unchanged: number;
    changes: Record<string, number>;
    transitions: { change: string; count: number }[];
    examples: SimulationExample[];
    cancelled?: boolean;
    durationMs?: number;
  } | null;
}

export interface StageCount {
  stage: 'pool' | 'claimed' | 'inquiry' | 'quote' | 'sample' | 'won';
  customers: number;
  conversion: number | null;
}

export interface FunnelReport {
  period: { from: string; to: string };
  stages: StageCount[];
  reps: { repId: string; name: string; stages: StageCount[] }[];
}

export interface WorkloadReport {
  reps: {
    repId: string;
    name: string;
    teamId: string | null;
    owned: number;
    key: number;
    won: number;
    caps: { privateMax: number; keyMax: number; dailyClaimMax: number; rule: { index: number; name: string | null } | null };
    utilisation: number | null;
  }[];
}

export interface ReclaimsReport {
  bucket: 'day' | 'week';
  reasons: { reason: string; count: number }[];
  total: number;
  series: { start: string; counts: Record<string, number> }[];
}
