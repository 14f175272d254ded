// Test cases of a decision: facts in, the expected outcome out (the fired rules in order, and
// optionally their event params); the answers of running them against a version.
import { z } from 'zod';
import { DecisionName } from './rule-set.js';

const Params = z.record(z.string(), z.unknown());

export const ExpectedRule = z.strictObject({
  name: z.string().max(200).nullable().meta({ description: 'The rule name (null for an unnamed rule).' }),
  params: Params.optional().meta({ description: 'The event params to check; each stated key must equal the actual one exactly, keys not stated are not checked.' }),
});
export type ExpectedRule = z.infer<typeof ExpectedRule>;

export const ExpectedOutcome = z
  .strictObject({ fired: z.array(ExpectedRule).max(100).meta({ description: 'The rules that fire, in order (an empty list: nothing fires).' }) })
  .meta({ id: 'ExpectedOutcome' });
export type ExpectedOutcome = z.infer<typeof ExpectedOutcome>;

export const ActualOutcome = z
  .object({ fired: z.array(z.object({ name: z.string().nullable(), type: z.string(), params: Params })) })
  .meta({ id: 'ActualOutcome' });
export type ActualOutcome = z.infer<typeof ActualOutcome>;

const CaseName = z.string().trim().min(1).max(200);
const CaseFacts = z.record(z.string(), z.unknown()).meta({ description: 'The facts, e.g. { "customer": { "grade": "A" } }; checked against the decision\'s facts (a case may leave fields out).' });

export const TestCaseWrite = z.strictObject({ name: CaseName, facts: CaseFacts, expected: ExpectedOutcome }).meta({ id: 'TestCaseWrite' });
export type TestCaseWrite = z.infer<typeof TestCaseWrite>;

export const TestCasePin = z
  .strictObject({ name: CaseName, fromDecisionRecord: z.string().min(1).max(64).meta({ description: "A decision record's id: its facts, and its fired rules as today's outcome." }) })
  .meta({ id: 'TestCasePin' });

export const TestCasePinExample = z
  .strictObject({
    name: CaseName,
    fromSimulation: z.strictObject({ id: z.string().min(1).max(64), subjectId: z.string().min(1).max(64) }).meta({
      description: "A simulation example: its facts, and the outcome of the version it was compared with (today's, when that was the published one).",
    }),
  })
  .meta({ id: 'TestCasePinExample' });

export const TestCaseCreateBody = z.union([TestCaseWrite, TestCasePin, TestCasePinExample]);

export const TestCase = z
  .object({
    id: z.string(),
    decision: DecisionName,
    name: z.string(),
    facts: z.record(z.string(), z.unknown()),
    expected: ExpectedOutcome,
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TestCase' });
export type TestCase = z.infer<typeof TestCase>;

export const TestCaseChange = z
  .object({
    id: z.string(),
    testCaseId: z.string(),
    action: z.enum(['added', 'changed', 'removed']),
    by: z.string().nullable(),
    at: z.string(),
    before: z.object({ name: z.string(), facts: z.record(z.string(), z.unknown()), expected: ExpectedOutcome }).nullable(),
    after: z.object({ name: z.string(), facts: z.record(z.string(), z.unknown()), expected: ExpectedOutcome }).nullable(),
  })
  .meta({ id: 'TestCaseChange' });

export const TestCaseResult = z
  .object({
    id: z.string().nullable().meta({ description: 'The stored case (null for a shipped case run before installing).' }),
    name: z.string(),
    passed: z.boolean(),
    expected: ExpectedOutcome,
    actual: ActualOutcome,
    sentence: z.string().meta({ description: "What the version decided and why, in the caller's language." }),
  })
  .meta({ id: 'TestCaseResult' });
export type TestCaseResult = z.infer<typeof TestCaseResult>;

export const TestsSummary = z
  .object({ passed: z.number().int(), failed: z.array(TestCaseResult) })
  .meta({ id: 'TestsSummary', description: "The decision's test cases run against this document: how many pass, and each failure." });
