// Shorter spellings of some events' parameters, so that `then deadline follow_up in 1d warn 4h`
// reads as a sentence; the document keeps the parameters' real names.
import { contracts } from '../../schemas/decisions/index.js';
import type { DecisionName } from '../../schemas/rule-set.js';
interface Sugar {
  /** Written right after the event type, without its key, when it is the first parameter. */
  positional: string;
  /** Word in the source → parameter name in the document. */
  aliases: Record<string, string>;
}

export const EVENT_SUGAR: Record<string, Sugar> = {
  deadline: { positional: 'name', aliases: { in: 'duration', warn: 'warnBefore' } },
  grade: { positional: 'grade', aliases: {} },
};

/** The document's parameter name for a key written bare in the source. */
export const paramName = (type: string, written: string) => {
  const aliases = Object.hasOwn(EVENT_SUGAR, type) ? EVENT_SUGAR[type]!.aliases : {};
  return Object.hasOwn(aliases, written) ? aliases[written]! : written;
};

/** The word written for a parameter, or undefined when it has none of its own (then it is quoted if it is an alias word). */
export function paramWord(type: string, key: string): { word?: string; isAliasWord: boolean } {
  const aliases = Object.hasOwn(EVENT_SUGAR, type) ? EVENT_SUGAR[type]!.aliases : {};
  const word = Object.entries(aliases).find(([, target]) => target === key)?.[0];
  return { ...(word === undefined ? {} : { word }), isAliasWord: Object.hasOwn(aliases, key) };
}

/**
 * The parameter names an event of a decision takes, or undefined when the decision or the event type
 * is unknown. `then grade B` reads B as the grade because B is no parameter of grade.
 */
export function knownParams(decision: string | undefined, type: string): readonly string[] | undefined {
  if (decision === undefined || !Object.hasOwn(contracts, decision)) return undefined;
  const events = contracts[decision as DecisionName].events;
  if (!Object.hasOwn(events, type)) return undefined;
  const schema = events[type]!.params as unknown as { shape?: Record<string, unknown> };
  return schema.shape === undefined ? undefined : Object.keys(schema.shape);
}

/** The event types of a decision, or undefined when the decision is unknown. */
export const eventTypes = (decision: string | undefined): string[] | undefined =>
  decision !== undefined && Object.hasOwn(contracts, decision) ? Object.keys(contracts[decision as DecisionName].events) : undefined;
