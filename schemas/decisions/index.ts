// The five decisions and their contracts (README, "Rules").
import { z } from 'zod';
import { Duration } from '../duration.js';
import type { DecisionName } from '../rule-set.js';
import type { DecisionContract } from './contract.js';
import { GRADES } from '../vocabulary.js';
import { customerFact, repFact } from './facts.js';

const Id = z.string().min(1).max(64);
const Tags = z.array(z.string().min(1).max(40)).max(20);

export const AssignParams = z
  .strictObject({
    rep: Id.optional().meta({ description: 'Assign to this rep (direct).' }),
    team: Id.optional().meta({ description: 'Pick a rep of this team with the strategy.' }),
    pool: Id.optional().meta({ description: 'Leave the customer in this pool.' }),
    strategy: z.enum(['direct', 'round_robin', 'least_loaded']).default('round_robin').meta({
      description: 'direct: the named rep; round_robin: rotate among eligible reps; least_loaded: the eligible rep with the fewest owned customers relative to their cap.',
    }),
    repTags: Tags.optional().meta({ description: 'Only reps having all these tags are eligible.' }),
    minSeniorityMonths: z.number().int().min(0).max(600).optional().meta({ description: 'Only reps at least this senior are eligible.' }),
    preferNewHires: z.boolean().optional().meta({ description: 'Pick among eligible new hires first (R6 new-hire priority).' }),
    reason: z.string().max(200).optional(),
  })
  .refine((p) => [p.rep, p.team, p.pool].filter((x) => x !== undefined).length <= 1, {
    message: 'give at most one of rep, team or pool',
  })
  .refine((p) => (p.strategy === 'direct') === (p.rep !== undefined), {
    message: 'strategy "direct" goes with "rep", and "rep" with strategy "direct"',
  });

export const GradeParams = z.strictObject({ grade: z.enum(GRADES), reason: z.string().max(200).optional() });

export const CapParams = z.strictObject({
  privateMax: z.number().int().min(0).max(100_000).meta({ description: 'Most customers owned at once (won ones do not count).' }),
  keyMax: z.number().int().min(0).max(100_000).meta({ description: 'Most key customers at once.' }),
  dailyClaimMax: z.number().int().min(0).max(100_000).meta({ description: 'Most claims per day in the rep time zone.' }),
});

export const ApprovalParams = z
  .strictObject({
    level: z.number().int().min(1).max(5).meta({ description: 'Approval level; levels are signed in order 1, 2, …' }),
    role: z.enum(['manager', 'admin']).optional().meta({ description: "Any rep with this role (managers: the quoting rep's team manager)." }),
    rep: Id.optional().meta({ description: 'This rep approves.' }),
    timeout: Duration.meta({ description: 'Escalate when undecided for this long.' }),
    reason: z.string().max(200).optional(),
  })
  .refine((p) => (p.role === undefined) !== (p.rep === undefined), { message: 'give exactly one of role or rep' });

export const DeadlineParams = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case name such as "follow_up" or "deal"').max(40),
  duration: Duration,
  from: z.enum(['now', 'claimed', 'stage']).default('now').meta({
    description: 'now: from this decision (a claim, a follow-up …); claimed: from the start of the tenure; stage: from when the current stage began.',
  }),
  warnBefore: Duration.optional().meta({ description: 'Warn the owner this long before the deadline.' }),
  workingDays: z.boolean().optional().meta({ description: 'Count whole days as working days (Mon–Fri) in the owner time zone.' }),
  cooldown: Duration.default('30d').meta({ description: 'After a reclaim by this deadline, the former owner may not claim the customer again for this long.' }),
  reason: z.string().regex(/^[a-z][a-z0-9_]*$/).max(40).optional().meta({ description: 'Recorded when this deadline reclaims, e.g. "no_follow_up".' }),
  pool: z.string().min(1).max(64).optional().meta({ description: 'The pool the customer returns to when this deadline reclaims it (default: its pool).' }),
});
export const ExemptParams = z.strictObject({ reason: z.string().min(1).max(200) });

const triggerFact = (types: readonly string[]) => ({
  description: 'What made the product take this decision.',
  fields: {
    type: { type: 'string' as const, enum: types, description: types.join(', ') },
    previousOwnerId: { type: 'string' as const, description: 'The owner before a reclaim.', nullable: true },
  },
});

export const contracts: Record<DecisionName, DecisionContract> = {
  assignment: {
    name: 'assignment',
    description: 'Who gets a new, imported or reclaimed customer (R6). The first rule that fires decides.',
    hitPolicy: 'first',
    facts: { customer: customerFact, trigger: triggerFact(['create', 'import', 'reclaim']) },
    events: { assign: { description: 'Assign to a rep, a team (by strategy) or leave in a pool.', params: AssignParams } },
    whenNothingFires: 'The customer stays in its pool.',
  },
  grading: {
    name: 'grading',
    description: 'The grade A–E from customer facts (R3), on create and after each follow-up.',
    hitPolicy: 'first',
    facts: { customer: customerFact },
    events: { grade: { description: 'Set the grade.', params: GradeParams } },
    whenNothingFires: 'The grade stays as it is.',
  },
  caps: {
    name: 'caps',
    description: "A rep's private cap, key-customer cap and daily claim limit from rep facts (R2).",
    hitPolicy: 'first',
    facts: { rep: repFact },
    events: { cap: { description: 'The caps of this rep.', params: CapParams } },
    whenNothingFires: 'The rep may not claim (all caps 0).',
  },
  approval: {
    name: 'approval',
    description: 'Whether an external quote needs sign-off, at which levels and by whom (R7). Every rule that fires adds a level.',
    hitPolicy: 'collect',
    facts: {
      quote: {
        description: 'The external quote.',
        fields: {
          amount: { type: 'number', description: 'Total in the quote currency.' },
          currency: { type: 'string', description: 'ISO 4217 code, e.g. "USD".' },
          amountUsd: { type: 'number', description: 'Total converted to USD.' },
          discountPct: { type: 'number', description: 'Discount off list price, percent.' },
          marginPct: { type: 'number', description: 'Gross margin, percent.' },
          itemCount: { type: 'number', description: 'Number of line items.' },
          isFirstQuote: { type: 'boolean', description: 'The first quote to this customer.' },
        },
      },
      customer: customerFact,
      rep: repFact,
    },
    events: { require_approval: { description: 'This level must approve.', params: ApprovalParams } },
    whenNothingFires: 'No approval is needed.',
  },
  reclaim: {
    name: 'reclaim',
    description: 'Deadlines of an owned customer (R4, R5). Every deadline that fires counts; the earliest one applies. "exempt" removes all deadlines.',
    hitPolicy: 'collect',
    facts: {
      customer: customerFact,
      rep: repFact,
      trigger: triggerFact(['claim', 'follow_up', 'stage_change', 'key_change', 'policy_change']),
    },
    events: {
      deadline: { description: 'A deadline; the earliest of all that fire is the next one.', params: DeadlineParams },
      exempt: { description: 'No deadline at all (e.g. won customers).', params: ExemptParams },
    },
    whenNothingFires: 'No deadline: the customer is never reclaimed.',
  },
};

export type { DecisionContract } from './contract.js';
