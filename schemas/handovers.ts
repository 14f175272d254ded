// Handovers of a departing rep's customers and managers' bulk moves (R16): the request bodies and
// the job's progress and per-customer results, shared by the API, the worker and the admin UI.
import { z } from 'zod';
import { Id, uniqueList } from './common.js';

/** What a job does with one customer, decided when the job starts. */
export const HANDOVER_PLANS = ['rep', 'rules', 'pool', 'keep', 'move_pool', 'refused'] as const;
export type HandoverPlan = (typeof HANDOVER_PLANS)[number];
/** Where a customer ended up: still pending, with a rep, in a pool, kept, refused before the move, or failed. */
export const HANDOVER_OUTCOMES = ['pending', 'to_rep', 'to_pool', 'kept', 'refused', 'failed'] as const;
export type HandoverOutcome = (typeof HANDOVER_OUTCOMES)[number];

export const HandoverTarget = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('rep'), repId: Id }),
    z.strictObject({ kind: z.literal('rules') }),
    z.strictObject({ kind: z.literal('pool'), poolId: Id.optional().meta({ description: "A pool to put them in; default: each customer's own pool." }) }),
  ])
  .meta({ description: 'rep: all to one named rep; rules: each to the rep the assignment rules pick; pool: back to the pool.' });

export const HandoverBody = z
  .strictObject({
    to: HandoverTarget,
    keyCustomers: z
      .enum(['move', 'pool', 'keep'])
      .default('move')
      .meta({ description: 'Key customers: move like the others (the key flag is cleared; the receiver may set it again within their key quota), return to the pool, or keep with the departing rep for now.' }),
    wonCustomers: z
      .enum(['move', 'keep'])
      .optional()
      .meta({ description: 'Won customers (never in the pool): move to the receiving rep, or keep. Default: move, or keep when `to` is the pool.' }),
  })
  .superRefine((b, ctx) => {
    if (b.to.kind === 'pool' && b.wonCustomers === 'move') {
      ctx.addIssue({ code: 'custom', path: ['wonCustomers'], message: 'won customers never return to the pool; choose "keep", or hand over to a rep or by the rules' });
    }
  });
export type HandoverBody = z.infer<typeof HandoverBody>;

const CustomerIds = uniqueList(Id).min(1).max(500);

export const BulkMoveBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('transfer'), customerIds: CustomerIds, toRepId: Id }),
  z.strictObject({ action: z.literal('release'), customerIds: CustomerIds }),
  z.strictObject({ action: z.literal('move_pool'), customerIds: CustomerIds, poolId: Id }),
]);
export type BulkMoveBody = z.infer<typeof BulkMoveBody>;

export const HandoverItemView = z.object({
  customerId: z.string(),
  /** Null when the reader may not see the customer at all (a pool closed to them). */
  companyName: z.string().nullable(),
  outcome: z.enum(HANDOVER_OUTCOMES),
  toRepId: z.string().nullable(),
  toRepName: z.string().nullable().meta({ description: "`toRepId`'s name." }),
  poolId: z.string().nullable(),
  code: z.string().nullable().meta({ description: 'Why it went to the pool instead, was refused or failed (CAP_REACHED, NOT_OWNER, …).' }),
  message: z.string().nullable(),
});
export type HandoverItemView = z.infer<typeof HandoverItemView>;

export const HandoverJobView = z
  .object({
    id: z.string(),
    kind: z.enum(['handover', 'bulk']),
    fromRepId: z.string().nullable(),
    fromRepName: z.string().nullable().meta({ description: "`fromRepId`'s name." }),
    startedBy: z.string(),
    startedByName: z.string().nullable().meta({ description: "`startedBy`'s name." }),
    status: z.enum(['running', 'completed']),
    total: z.number().int(),
    done: z.number().int(),
    movedToReps: z.number().int(),
    toPool: z.number().int(),
    kept: z.number().int(),
    refused: z.number().int(),
    failed: z.number().int(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    workflowId: z.string(),
    items: z.array(HandoverItemView),
  })
  .meta({ id: 'HandoverJob' });
export type HandoverJobView = z.infer<typeof HandoverJobView>;
