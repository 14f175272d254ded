// The reporting period shared by the report endpoints: [from, to), by default the last 30 days.
import { z } from 'zod';
import { IsoDateTime, TimeZone } from '../../schemas/common.js';
import { type RequestIssue, invalidRequest } from '../request-issues.js';
import { issueText } from '../request-issue-words.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longer periods are refused rather than answered slowly. */
const MAX_PERIOD_DAYS = 731;

export const PeriodQuery = z.object({
  from: IsoDateTime.optional().meta({ description: 'Start (inclusive); default 30 days before `to`.' }),
  to: IsoDateTime.optional().meta({ description: 'End (exclusive); default now.' }),
});

export const ScopeQuery = z.object({
  teamId: z.string().min(1).max(64).optional().meta({ description: 'Admins: one team only. Managers may pass only their own team.' }),
});

export const TimeZoneQuery = z.object({
  timeZone: TimeZone.default('UTC').meta({ description: 'IANA time zone the day and week buckets follow.' }),
});

export interface Period {
  from: Date;
  to: Date;
}

export function resolvePeriod(query: { from?: string; to?: string }, now: Date): Period {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  const issues: RequestIssue[] = [];
  if (from >= to) issues.push({ pointer: '/from', code: 'period_order' });
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) issues.push({ pointer: '/from', code: 'period_too_long', params: { max: MAX_PERIOD_DAYS } });
  if (issues.length > 0) {
    throw invalidRequest('query', issues, { message: `Invalid period: ${issueText(issues[0]!.code, issues[0]!.params ?? {}, 'en')}.` });
  }
  return { from, to };
}

export const periodView = (p: Period) => ({ from: p.from.toISOString(), to: p.to.toISOString() });
