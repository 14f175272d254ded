// The one error the engine raises: a document it cannot evaluate.

export const RuleEngineErrorCode = {
  /** Named conditions that refer to each other in a loop; json-rules-engine would never finish. */
  CONDITION_CYCLE: 'CONDITION_CYCLE',
  /** An operator outside the table; the validator refuses these before a document is saved. */
  UNKNOWN_OPERATOR: 'UNKNOWN_OPERATOR',
} as const;
export type RuleEngineErrorCode = (typeof RuleEngineErrorCode)[keyof typeof RuleEngineErrorCode];

export class RuleEngineError extends Error {
  override readonly name = 'RuleEngineError';

  constructor(
    readonly code: RuleEngineErrorCode,
    message: string,
    /** JSON pointer into the document, for the editor. */
    readonly pointer: string,
  ) {
    super(message);
  }
}
