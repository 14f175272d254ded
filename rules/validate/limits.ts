// Limits that keep a rule set evaluable and a validation cheap, whatever is sent.
export const LIMITS = {
  documentBytes: 256 * 1024,
  rules: 500,
  namedConditions: 100,
  conditionsPerList: 100,
  conditionNodes: 5000,
  depth: 12,
  listValues: 1000,
  stringLength: 1000,
  issues: 200,
} as const;
