// The order rules are considered in, shared by both engines: priority (highest first), then position.
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import type { FiredRule } from './types.js';

/** json-rules-engine's default priority; it also turns anything falsy into 1. */
export const rulePriority = (rule: RuleSetDocument['rules'][number]): number => rule.priority || 1;

export const byPriorityThenIndex = (a: Pick<FiredRule, 'priority' | 'index'>, b: Pick<FiredRule, 'priority' | 'index'>): number =>
  b.priority - a.priority || a.index - b.index;
