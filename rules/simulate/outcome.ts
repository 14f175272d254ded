// What a decision concludes for one customer (or rep), as a comparable key and a readable label.
import { DateTime } from 'luxon';
import type { FiredRule } from '../engine/index.js';
import { approvalOutcome, assignmentOutcome, capsOutcome, gradingOutcome, reclaimOutcome } from '../decide/outcomes.js';
import type { WorkingCalendar } from '../decide/working-days.js';
import type { DecisionName } from '../../schemas/rule-set.js';

export interface Outcome {
  /** Equal keys mean the same outcome. */
  key: string;
  label: string;
}

export interface OutcomeContext {
  /** Current grade (grading that fires nothing keeps it). */
  grade: string | null;
  /** When the deadline clock last started: the last follow-up, else the claim. */
  deadlineFrom: Date;
  claimedAt: Date | null;
  /** When the customer entered its current stage (deadlines `from: "stage"`). */
  stageAt?: Date | null;
  timeZone: string;
  /** The owner's holidays, make-up days and leave, as the lifecycle counts working days with. */
  calendar?: WorkingCalendar | undefined;
}

const describeAssign = (fired: readonly FiredRule[]): string => {
  const a = assignmentOutcome(fired);
  if (!a) return 'stays in the pool (no rule)';
  if (a.pool) return `pool ${a.pool}`;
  if (a.rep) return `rep ${a.rep}`;
  const filters = [
    a.team ? `team ${a.team}` : 'any rep',
    a.repTags?.length ? `tags ${a.repTags.join('+')}` : null,
    a.minSeniorityMonths !== undefined ? `≥${a.minSeniorityMonths} months` : null,
    a.preferNewHires ? 'new hires first' : null,
  ].filter(Boolean);
  return `${filters.join(', ')} (${a.strategy.replace('_', ' ')})`;
};

export function outcomeOf(decision: DecisionName, fired: readonly FiredRule[], ctx: OutcomeContext): Outcome {
  switch (decision) {
    case 'grading': {
      const grade = gradingOutcome(fired)?.grade ?? ctx.grade ?? 'ungraded';
      return { key: grade, label: grade };
    }
    case 'assignment': {
      const label = describeAssign(fired);
      return { key: label, label };
    }
    case 'caps': {
      const c = capsOutcome(fired);
      const label = `private ${c.privateMax}, key ${c.keyMax}, daily ${c.dailyClaimMax}`;
      return { key: label, label };
    }
    case 'approval': {
      const a = approvalOutcome(fired);
      const label = a.required
        ? a.levels.map((l) => `L${l.level} ${l.approvers.map((x) => ('rep' in x ? x.rep : x.role)).join('/')}`).join('; ')
        : 'no approval';
      return { key: label, label };
    }
    case 'reclaim': {
      const r = reclaimOutcome(fired, { now: ctx.deadlineFrom, claimedAt: ctx.claimedAt, stageAt: ctx.stageAt ?? null, timeZone: ctx.timeZone, calendar: ctx.calendar });
      if (r.kind === 'exempt') return { key: 'exempt', label: `exempt (${r.reason})` };
      if (r.kind === 'none') return { key: 'none', label: 'no deadline' };
      // Minutes: a deadline moved by seconds is not a change anyone acts on.
      const minute = Math.floor(r.deadline.getTime() / 60_000);
      return { key: `${r.name}@${minute}`, label: `${r.name} by ${DateTime.fromJSDate(r.deadline, { zone: ctx.timeZone }).toFormat('yyyy-LL-dd HH:mm ZZZZ')}` };
    }
  }
}

export const changeKind: Record<DecisionName, string> = {
  grading: 'grade',
  assignment: 'assignment',
  caps: 'caps',
  approval: 'approval',
  reclaim: 'deadline',
};
