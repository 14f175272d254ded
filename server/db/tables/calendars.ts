// Holiday calendars and rep leave, for working-day deadlines.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns.js';

export interface HolidaysTable {
  calendar: string;
  day: ColumnType<string, string, string>;
  name: string;
  /** holiday: not worked; workday: a weekend day worked to make up for a holiday. */
  kind: Generated<'holiday' | 'workday'>;
}

export interface RepLeaveTable {
  id: string;
  rep_id: string;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  reason: string | null;
  created_at: Timestamp;
}
