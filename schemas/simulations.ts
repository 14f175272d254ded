// Simulation runs as the API returns them: progress while running, then what would change and a
// few explained examples.
import { z } from 'zod';
import { Explanation } from './explanation.js';
import { SimulationScope } from './rule-sets-api.js';

const SimulationExample = z.object({
  subjectId: z.string(),
  subject: z.string().meta({ description: 'The company (or, for caps, the rep) name.' }),
  before: z.string(),
  after: z.string(),
  explanation: z.object({ baseline: Explanation.nullable(), candidate: Explanation.nullable() }).optional().meta({
    description: 'Both versions with every condition and the values it saw.',
  }),
  facts: z.record(z.string(), z.unknown()).optional().meta({ description: 'The facts both versions saw (to pin the example as a test case).' }),
  sentences: z.object({ baseline: z.string().nullable(), candidate: z.string().nullable() }).optional().meta({
    description: "Both explanations as sentences in the language of Accept-Language (zh* Chinese, else English).",
  }),
});

export const SimulationResult = z.object({
  decision: z.string(),
  evaluated: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  changes: z.record(z.string(), z.number()).meta({ description: 'Changed outcomes by kind, e.g. { "deadline": 3 }.' }),
  transitions: z.array(z.object({ change: z.string(), count: z.number() })).meta({ description: 'The 50 most common, most common first.' }),
  examples: z.array(SimulationExample),
  firedRules: z.array(z.number().int()).optional().meta({ description: "The positions of the candidate's rules that fired for at least one customer (or rep)." }),
  processed: z.number(),
  cancelled: z.boolean(),
  durationMs: z.number(),
});
export type SimulationResult = z.infer<typeof SimulationResult>;

export const SimulationView = z
  .object({
    id: z.string(),
    decision: z.string(),
    status: z.enum(['running', 'done', 'cancelled', 'failed']),
    processed: z.number(),
    total: z.number().nullable(),
    candidateRuleSetId: z.string().nullable(),
    baselineRuleSetId: z.string().nullable(),
    scope: SimulationScope,
    result: SimulationResult.nullable().meta({ description: 'Counts of changed outcomes, transitions, examples with explanations; null until it is done.' }),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'SimulationRun' });
