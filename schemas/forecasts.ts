// A forecast of a draft before it is published: over the coming days, assuming nobody does
// anything more, what the draft and the published version would each do to the open tenures.
import { z } from 'zod';

export const FORECAST_DECISIONS = ['reclaim', 'assignment', 'caps'] as const;

export const ForecastBody = z
  .strictObject({
    candidateRuleSetId: z.string().max(64).optional().meta({ description: 'A stored version (usually a draft) of reclaim, assignment or caps.' }),
    document: z.unknown().optional().meta({ description: 'Or an unsaved document.' }),
    format: z.enum(['json', 'dsl']).default('json').meta({ description: 'dsl: an unsaved source text (source) instead.' }),
    source: z.string().max(500_000).optional(),
    days: z.number().int().min(1).max(90).default(14).meta({ description: 'How far ahead, in days (7, 14 or 30 in the editor).' }),
  })
  .refine((b) => [b.candidateRuleSetId, b.document, b.source].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of candidateRuleSetId, document, or source (with format "dsl")',
    path: ['candidateRuleSetId'],
  })
  .refine((b) => (b.format === 'dsl') === (b.source !== undefined), { message: 'source text goes with format "dsl"', path: ['format'] })
  .meta({ id: 'Forecast' });

const CustomerRef = z.object({ id: z.string(), name: z.string() });

const Day = z.object({
  date: z.string().meta({ description: "The day in the owner's time zone, YYYY-MM-DD." }),
  count: z.number().int(),
  customers: z.array(CustomerRef).meta({ description: 'The customers behind the bar (the first 50).' }),
});

const ReclaimSeries = z.object({
  total: z.number().int(),
  perDay: z.array(Day).meta({ description: 'Every day of the horizon, empty days included.' }),
  perRep: z.array(z.object({ repId: z.string(), name: z.string(), count: z.number().int() })),
  perReason: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export type ReclaimSeries = z.infer<typeof ReclaimSeries>;

const Side = <T extends z.ZodType>(s: T) => z.object({ baseline: s, candidate: s });

export const ForecastView = z
  .object({
    decision: z.enum(FORECAST_DECISIONS),
    days: z.number().int(),
    from: z.string(),
    until: z.string(),
    evaluated: z.number().int().meta({ description: 'Open tenures looked at.' }),
    reclaims: Side(ReclaimSeries).meta({ description: 'Reclaims per day, rep and reason under the published version (baseline) and the draft (candidate).' }),
    deadlines: z
      .object({ earlier: z.number().int(), later: z.number().int(), same: z.number().int(), added: z.number().int(), removed: z.number().int() })
      .nullable()
      .meta({ description: 'Reclaim drafts: how many next deadlines the draft moves (added: none before; removed: none after).' }),
    assignments: Side(z.array(z.object({ target: z.string(), count: z.number().int() })))
      .nullable()
      .meta({ description: 'Assignment drafts: where the customers reclaimed in the horizon would go.' }),
    caps: z
      .array(
        z.object({
          repId: z.string(),
          name: z.string(),
          owned: z.number().int(),
          reclaimed: z.number().int(),
          ownedAfter: z.number().int(),
          baseline: z.object({ privateMax: z.number().int(), atCap: z.boolean() }),
          candidate: z.object({ privateMax: z.number().int(), atCap: z.boolean() }),
        }),
      )
      .nullable()
      .meta({ description: 'Caps drafts: each rep at the end of the horizon against both caps (atCap: may not claim more).' }),
    durationMs: z.number().int(),
  })
  .meta({ id: 'ForecastView' });
export type ForecastView = z.infer<typeof ForecastView>;
