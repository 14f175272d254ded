// Shared building blocks of API and domain schemas.
import { z } from 'zod';
import { CUSTOMER_STATUSES, GRADES, ROLES, STAGES } from './vocabulary.js';
import { KeysetCursorParam } from './cursors.js';

export { Id } from './id.js';
export const Role = z.enum(ROLES).meta({ description: 'admin: everything; manager: their team; rep: the pool and their own customers.' });
export type Role = z.infer<typeof Role>;
export const Grade = z.enum(GRADES).meta({
  description: 'A close ≤1 month, B ≤3 months, C ≤6 months, D >6 months, E no demand.',
});
export type Grade = z.infer<typeof Grade>;
export const CustomerStatus = z.enum(CUSTOMER_STATUSES);
export type CustomerStatus = z.infer<typeof CustomerStatus>;
export const Stage = z.enum(STAGES).meta({
  description: 'claimed → follow_up → inquiry → costing → quote (approval) → sample → won.',
});
export type Stage = z.infer<typeof Stage>;
/**
 * What one line of text people read never holds: control characters, line breaks (U+2028/2029
 * too), direction controls (U+202A–U+202E, U+2066–U+2069) that make a name print reversed, and the
 * invisible U+200B, U+2060 and U+FEFF that make two names look alike. NUL has its own refusal
 * (text_nul: PostgreSQL cannot store it). Joiners (U+200C/U+200D) stay: scripts and emoji need them.
 */
const ONE_LINE = /^[^\u0001-\u001f\u007f-\u009f\u200b\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]*$/;
/** The same, with line breaks and tabs allowed (an address, payment terms). */
const LINES = /^[^\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff]*$/;

/** A name or another one-line field, as people type it (trimmed; at least one character). */
export const lineText = (max: number) => z.string().trim().min(1).max(max).regex(ONE_LINE, 'one line of text, without control characters');
/** One line that may be left empty (a profile's field cleared). */
export const optionalLineText = (max: number) => z.string().trim().max(max).regex(ONE_LINE, 'one line of text, without control characters');
/** Text of several lines (an address): no control characters but line breaks and tabs, no direction controls. */
export const linesText = (max: number) => z.string().trim().max(max).regex(LINES, 'text without control characters');

/** A year a customer's, a rep's or a quote's dates can fall in; the database keeps no year 0000. */
export const inDateRange = (iso: string) => iso.slice(0, 4) >= '1900' && iso.slice(0, 4) <= '9999';
export const IsoDateTime = z.iso
  .datetime({ offset: true, message: 'a date and time with its offset, such as "2026-12-01T09:00:00+08:00" or "2026-12-01T01:00:00Z"' })
  .refine(inDateRange, 'a date from the year 1900 to 9999');
/** A currency by its ISO 4217 code, one the runtime's Intl knows (so amounts print in it): "USD", "CNY", "EUR" … */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "USD"')
  // Told once: a code of another form is the pattern's refusal.
  .refine((c) => !/^[A-Z]{3}$/.test(c) || CURRENCIES.has(c), 'an ISO 4217 code such as "USD"');

/** A multipart form's file part: present, or told what to attach. */
export const FormFile = (description: string) =>
  z
    .any()
    .refine((v) => v !== undefined && v !== null && typeof v !== 'string', 'attach the file as the form field "file" (a file, not text)')
    .meta({ type: 'string', format: 'binary', description });

/**
 * A list in which each item appears once (ids of teams, reps, customers, event types): a repeat is
 * refused at its own place, e.g. "/teamIds/1", before anything is stored.
 */
export const uniqueList = <T extends z.ZodType>(item: T) =>
  z.array(item).superRefine((items, ctx) => {
    const seen = new Set<unknown>();
    items.forEach((v, i) => {
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `"${String(v)}" is listed twice` });
      seen.add(v);
    });
  });

/** The largest value a PostgreSQL integer column holds. */
const PG_INTEGER_MAX = 2_147_483_647;

/**
 * A query parameter holding a whole number that is compared with an integer column (a row
 * number): digits only, at most 2^31 − 1, so a larger one is refused here with its pointer instead
 * of reaching the database.
 */
export const IntegerParam = (what: string) =>
  z
    .string()
    .refine((v) => /^\d{1,10}$/.test(v) && Number(v) <= PG_INTEGER_MAX, `${what}: a whole number from 0 to ${PG_INTEGER_MAX}`)
    .meta({ pattern: '^\\d{1,10}$' });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: KeysetCursorParam.optional(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Valid IANA time zone names, as the runtime knows them. */
export const TimeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone; use an IANA name such as "Asia/Shanghai" or "Europe/Berlin"')
  // Stored as the zone's own name, whatever case it was typed in ("asia/shanghai" is Asia/Shanghai).
  .transform((tz) => new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone);
