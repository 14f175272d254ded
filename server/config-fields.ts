// The zod field types the configuration is built from: environment strings read as ports, booleans, counts, durations, URLs.
import { z } from 'zod';
import { parseDuration } from '../schemas/duration.js';

export const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
export const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
export const port = (fallback: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(fallback));
export const bool = (fallback: boolean) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0'], { message: 'expected true/false/1/0' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  );

export const count = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1_000_000).default(fallback));
export const duration = (fallback: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default(fallback)
      .refine((v) => parseDuration(v) !== null, 'expected a duration such as "15m" or "1h"'),
  );
/** A duration in milliseconds ("5s", "500ms"); "0" turns the bound off. */
export const durationMs = (fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default(`${fallback}ms`)
      .refine((v) => v === '0' || parseDuration(v) !== null, 'expected a duration such as "5s" or "500ms", or 0 for none')
      .transform((v) => (v === '0' ? 0 : parseDuration(v)!)),
  );

export const hostPort = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:\[\]]+):\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:9464')
    .optional(),
);

export const httpUrl = z.preprocess(
  emptyAsUndefined,
  z
    .url({ protocol: /^https?$/, message: 'expected an http or https URL' })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
);
export const httpUrlDefault = (fallback: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, message: 'expected an http or https URL' })
      .default(fallback)
      .transform((v) => v.replace(/\/+$/, '')),
  );
