// The dashboard's reports as the API returns them: the funnel, the workload against the caps, and
// the reclaims over time.
import { z } from 'zod';
import { FUNNEL_STAGES } from './vocabulary.js';

export const PeriodView = z.object({ from: z.string(), to: z.string() });

export const ScopeView = z.object({ kind: z.enum(['all', 'team', 'rep']), teamId: z.string().nullable() });

export const StageCount = z.object({
  stage: z.enum(FUNNEL_STAGES),
  customers: z.number().meta({ description: 'Distinct customers that reached the stage in the period ("pool": customers created in it).' }),
  conversion: z.number().nullable().meta({ description: "Share of the previous stage's customers (0–1)." }),
});

export const FunnelReport = z
  .object({
    period: PeriodView,
    scope: ScopeView,
    stages: z.array(StageCount),
    reps: z.array(z.object({ repId: z.string(), name: z.string(), stages: z.array(StageCount) })).meta({
      description: 'Per rep (the owner at the transition), from "claimed" on.',
    }),
  })
  .meta({ id: 'FunnelReport' });

export const WorkloadReport = z
  .object({
    scope: ScopeView,
    reps: z.array(
      z.object({
        repId: z.string(),
        name: z.string(),
        teamId: z.string().nullable(),
        owned: z.number().meta({ description: 'Customers owned now (won ones excluded, as for the cap).' }),
        key: z.number().meta({ description: 'Owned key customers.' }),
        won: z.number(),
        caps: z.object({
          privateMax: z.number(),
          keyMax: z.number(),
          dailyClaimMax: z.number(),
          rule: z.object({ index: z.number(), name: z.string().nullable() }).nullable(),
          ruleSetVersion: z.number().nullable(),
        }),
        utilisation: z.number().nullable().meta({ description: 'owned / privateMax (0–1).' }),
      }),
    ),
  })
  .meta({ id: 'WorkloadReport' });

export const ReclaimsReport = z
  .object({
    period: PeriodView,
    scope: ScopeView,
    bucket: z.enum(['day', 'week']),
    timeZone: z.string(),
    reasons: z.array(z.object({ reason: z.string(), count: z.number() })).meta({ description: 'Most common first.' }),
    total: z.number(),
    series: z.array(z.object({ start: z.string().meta({ description: 'First day of the bucket (YYYY-MM-DD).' }), counts: z.record(z.string(), z.number()) })),
  })
  .meta({ id: 'ReclaimsReport' });
