// A forecast of a draft before it is published: over the coming days, assuming nobody does
// anything more, what the draft and the published version would each do to the open tenures.
import { z } from 'zod';
import { TimeZone } from './common.js';

export const FORECAST_DECISIONS = ['reclaim', 'assignment', 'caps'] as const;

export const ForecastBody = z
  .strictObject({
    candidateRuleSetId: z.string().max(64).optional().meta({ description: 'A stored version (usually a draft) of reclaim, assignment or caps.' }),
    document: z.unknown().optional().meta({ description: 'Or an unsaved document.' }),
    format: z.enum(['json', 'dsl']).default('json').meta({ description: 'dsl: an unsaved source text (source) instead.' }),
    source: z.string().max(500_000).optional(),
    days: z.number().int().min(1).max(90).default(14).meta({ description: 'How many days, today (where the reader is) counting as the first: 7 lists today and the 6 days after it (7, 14 or 30 in the editor).' }),
    timeZone: TimeZone.optional().meta({ description: "The reader's time zone: the days listed start on today there (default: the caller's time zone). Each reclaim is counted on its owner's local day." }),
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

const CapStanding = z.object({
  privateMax: z.number().int().meta({ description: 'The private cap the rules give the rep (from their facts at that moment).' }),
  atCap: z.boolean().meta({ description: 'Owned ≥ cap: the rep may claim no more and is not assigned any.' }),
  over: z.number().int().meta({ description: 'Customers owned beyond the cap (0 when not over). A lower cap takes nobody’s customers away; the rep claims again once under it.' }),
});
const CapSide = CapStanding.extend({ end: CapStanding.meta({ description: 'The same at the end of the horizon, after the reclaims forecast.' }) }).meta({
  description: 'Today (privateMax, atCap, over) and at the end of the horizon (end).',
});

export const ForecastView = z
  .object({
    decision: z.enum(FORECAST_DECISIONS),
    days: z.number().int(),
    from: z.string(),
    until: z.string(),
    teamId: z.string().nullable().meta({ description: "The team whose tenures and reps the forecast covers (a manager's own team); null: every team (an admin's)." }),
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
          baseline: CapSide,
          candidate: CapSide,
        }),
      )
      .nullable()
      .meta({
        description:
          'Caps drafts: each active rep against the private cap of the published version (baseline) and of the draft (candidate), today (owned) and at the end of the horizon (ownedAfter: owned less the reclaims forecast).',
      }),
    durationMs: z.number().int(),
  })
  .meta({ id: 'ForecastView' });
export type ForecastView = z.infer<typeof ForecastView>;
