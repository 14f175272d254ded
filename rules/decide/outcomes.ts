// What the fired rules of each decision mean for the product (hit policy already applied).
import { ApprovalParams, AssignParams, CapParams, DeadlineParams, ExemptParams, GradeParams } from '../../schemas/decisions/index.js';
import { parseDuration } from '../../schemas/duration.js';
import type { z } from 'zod';
import { type WorkingCalendar, addDuration } from './working-days.js';

/** Whether any fired deadline counts working days (then the owner's calendar is needed). */
export const needsCalendar = (fired: readonly Fired[]) => fired.some((f) => f.event.type === 'deadline' && f.event.params?.workingDays === true);

/** The slice of a fired rule the outcomes need (matches rules/engine's FiredRule). */
export interface Fired {
  index: number;
  name: string | null;
  event: { type: string; params?: Record<string, unknown> };
}

export interface RuleRef {
  index: number;
  name: string | null;
}

const ref = (f: Fired): RuleRef => ({ index: f.index, name: f.name });

const checked = new WeakMap<z.ZodType, WeakMap<object, unknown>>();

/**
 * An event's params read through their contract. A compiled rule set hands out the same frozen
 * params on every evaluation, so those are checked once per schema and the (frozen) result is
 * reused; a simulation over 100,000 customers no longer runs the schema 200,000 times.
 */
function paramsOf<S extends z.ZodType>(schema: S, params: Record<string, unknown> | undefined): Readonly<z.infer<S>> {
  if (params === undefined || !Object.isFrozen(params)) return schema.parse(params ?? {});
  let bySchema = checked.get(schema);
  if (bySchema === undefined) checked.set(schema, (bySchema = new WeakMap()));
  const known = bySchema.get(params) as Readonly<z.infer<S>> | undefined;
  if (known !== undefined) return known;
  const parsed: Readonly<z.infer<S>> = Object.freeze(schema.parse(params));
  bySchema.set(params, parsed);
  return parsed;
}

export function gradingOutcome(fired: readonly Fired[]) {
  const f = fired.find((x) => x.event.type === 'grade');
  if (!f) return null;
  const p = paramsOf(GradeParams, f.event.params);
  return { grade: p.grade, reason: p.reason ?? null, rule: ref(f) };
}

export type Caps = z.infer<typeof CapParams> & { rule: RuleRef | null };

/** With no caps rule firing, the rep may not claim at all (the contract says so). */
export function capsOutcome(fired: readonly Fired[]): Caps {
  const f = fired.find((x) => x.event.type === 'cap');
  if (!f) return { privateMax: 0, keyMax: 0, dailyClaimMax: 0, rule: null };
  return { ...paramsOf(CapParams, f.event.params), rule: ref(f) };
}

export type Assignment = z.infer<typeof AssignParams> & { rule: RuleRef };

export function assignmentOutcome(fired: readonly Fired[]): Assignment | null {
  const f = fired.find((x) => x.event.type === 'assign');
  return f ? { ...paramsOf(AssignParams, f.event.params), rule: ref(f) } : null;
}

export interface ApprovalLevel {
  level: number;
  approvers: ({ role: 'manager' | 'admin' } | { rep: string })[];
  timeoutMs: number;
  reasons: string[];
  rules: RuleRef[];
}

/** Every firing rule adds its approver to its level; a level's timeout is the shortest given. */
export function approvalOutcome(fired: readonly Fired[]): { required: boolean; levels: ApprovalLevel[] } {
  const levels = new Map<number, ApprovalLevel>();
  for (const f of fired) {
    if (f.event.type !== 'require_approval') continue;
    const p = paramsOf(ApprovalParams, f.event.params);
    const level = levels.get(p.level) ?? { level: p.level, approvers: [], timeoutMs: Number.POSITIVE_INFINITY, reasons: [], rules: [] };
    const approver = p.rep ? { rep: p.rep } : { role: p.role! };
    if (!level.approvers.some((a) => JSON.stringify(a) === JSON.stringify(approver))) level.approvers.push(approver);
    level.timeoutMs = Math.min(level.timeoutMs, parseDuration(p.timeout)!);
    if (p.reason) level.reasons.push(p.reason);
    level.rules.push(ref(f));
    levels.set(p.level, level);
  }
  const list = [...levels.values()].sort((a, b) => a.level - b.level);
  return { required: list.length > 0, levels: list };
}

export type ReclaimOutcome =
  | { kind: 'exempt'; reason: string; rule: RuleRef }
  | { kind: 'none' }
  | {
      kind: 'deadline';
      deadline: Date;
      name: string;
      reason: string;
      warnAt: Date | null;
      cooldownMs: number;
      /** Where a reclaim by this deadline sends the customer; null: its own pool. */
      pool: string | null;
      rule: RuleRef;
    };

/** The earliest deadline that fired (ties: the first in hit-policy order); "exempt" overrides all. */
export function reclaimOutcome(
  fired: readonly Fired[],
  ctx: { now: Date; claimedAt: Date | null; stageAt?: Date | null; timeZone: string; calendar?: WorkingCalendar | undefined },
): ReclaimOutcome {
  const exempt = fired.find((f) => f.event.type === 'exempt');
  if (exempt) return { kind: 'exempt', reason: paramsOf(ExemptParams, exempt.event.params).reason, rule: ref(exempt) };
  let best: Extract<ReclaimOutcome, { kind: 'deadline' }> | null = null;
  for (const f of fired) {
    if (f.event.type !== 'deadline') continue;
    const p = paramsOf(DeadlineParams, f.event.params);
    const from = p.from === 'claimed' && ctx.claimedAt ? ctx.claimedAt : p.from === 'stage' && ctx.stageAt ? ctx.stageAt : ctx.now;
    const deadline = addDuration(from, parseDuration(p.duration)!, { workingDays: p.workingDays, timeZone: ctx.timeZone, calendar: ctx.calendar });
    if (best && best.deadline.getTime() <= deadline.getTime()) continue;
    const warn = p.warnBefore ? new Date(deadline.getTime() - parseDuration(p.warnBefore)!) : null;
    best = {
      kind: 'deadline',
      deadline,
      name: p.name,
      reason: p.reason ?? (p.name === 'deal' ? 'no_deal' : 'no_follow_up'),
      warnAt: warn,
      cooldownMs: parseDuration(p.cooldown)!,
      pool: p.pool ?? null,
      rule: ref(f),
    };
  }
  return best ?? { kind: 'none' };
}
