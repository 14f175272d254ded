// The fixed value lists the API, the rules, the workflows and the admin UI share, each written once.
// No runtime imports, so the UI bundle takes them as they are; the zod enums in schemas/ wrap them.

/** Who a rep is: admin (everything), manager (their team), rep (the pool and their own customers). */
export const ROLES = ['admin', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

/** A close ≤1 month, B ≤3 months, C ≤6 months, D >6 months, E no demand. */
export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type Grade = (typeof GRADES)[number];

/** Where a customer is: in a pool, owned by a rep, won, or merged into another customer. */
export const CUSTOMER_STATUSES = ['pool', 'owned', 'won', 'merged'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** The lifecycle stages of an owned customer, in order (R4). */
export const STAGES = ['claimed', 'follow_up', 'inquiry', 'costing', 'quote', 'sample', 'won'] as const;
export type Stage = (typeof STAGES)[number];

/** A quote's state: waiting for its approval levels, then approved, rejected or withdrawn. */
export const QUOTE_STATUSES = ['pending_approval', 'approved', 'rejected', 'withdrawn'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** An approval level's state; waiting: a later level not yet reached; skipped: never reached because an earlier one rejected. */
export const LEVEL_STATUSES = ['pending', 'waiting', 'approved', 'rejected', 'skipped'] as const;
export type LevelStatus = (typeof LEVEL_STATUSES)[number];

/** What the lifecycle tells people about; webhooks subscribe to these. */
export const EVENT_TYPES = [
  'deadline.warning',
  'deadline.escalation',
  'customer.reclaimed',
  'customer.assigned',
  'approval.requested',
  'approval.decided',
  'approval.escalated',
  /** One customer of a departing rep moved by a handover (to a rep or to the pool). */
  'customer.handed_over',
  /** A handover job finished: what moved where. */
  'handover.completed',
  /** A rep disputed a rule decision about a customer (to the deciders and the other side). */
  'dispute.filed',
  /** A dispute was decided: upheld, or the customer reassigned (to both sides). */
  'dispute.decided',
] as const;

/** The chat robots highseas posts to: WeCom group robots, DingTalk custom robots, Feishu custom bots. */
export const CHAT_KINDS = ['wecom', 'dingtalk', 'feishu'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

/** The languages chat robot messages are written in. */
export const CHAT_LANGUAGES = ['zh', 'en'] as const;

/** The funnel's steps: "pool" (customers created) and the stages a funnel report counts. */
export const FUNNEL_STAGES = ['pool', 'claimed', 'inquiry', 'quote', 'sample', 'won'] as const satisfies readonly ('pool' | Stage)[];
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
