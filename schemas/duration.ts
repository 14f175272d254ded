// Durations in rule documents: "45s", "30m", "12h", "3d" (admins write these, not milliseconds).
import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

export function parseDuration(text: string): number | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  return Number.isFinite(ms) && ms > 0 && ms <= 10 * 365 * UNIT_MS.d ? Math.round(ms) : null;
}

export const Duration = z
  .string()
  .refine((s) => parseDuration(s) !== null, 'expected a duration such as "45s", "30m", "12h" or "3d" (at most 10 years)')
  .meta({ description: 'A duration: a number and a unit (ms, s, m, h, d), e.g. "3d" or "12h".', examples: ['3d', '12h'] });
