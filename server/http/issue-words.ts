// A request's validation issues in the reader's language. zod words its own issues in English;
// its Chinese locale (zod's zh-CN) words the same issue for a Chinese reader. Only zod's own
// wording is translated so; a message a schema wrote itself (a refine's) is told in Chinese from
// schemas/schema-message-words.ts, and one it does not know is kept as written.
import { z } from 'zod';
import type { Language } from '../../schemas/language.js';
import { schemaMessageWords } from '../../schemas/schema-message-words.js';
import type { ZodError } from 'zod';

type Issue = ZodError['issues'][number];
type LocaleError = (issue: unknown) => string | { message: string } | undefined | null;

const english = z.locales.en().localeError as LocaleError;
const chinese = z.locales.zhCN().localeError as LocaleError;
const text = (m: ReturnType<LocaleError>) => (typeof m === 'string' ? m : (m?.message ?? null));

/** A value of the type an "invalid_type" message names as received (the issue keeps no input). */
function receivedValue(message: string): unknown {
  const type = /received (\w+)$/.exec(message)?.[1];
  const samples: Record<string, unknown> = { undefined, null: null, number: 0, string: '', boolean: false, array: [], object: {}, bigint: 0n, nan: Number.NaN };
  return type && Object.hasOwn(samples, type) ? samples[type] : undefined;
}

/** The issue's message for a reader of `language`: zod's own wording in that language, a schema's own as written. */
export function issueWords(issue: Issue, message: string, language: Language): string {
  if (language !== 'zh') return message;
  const withInput = issue.code === 'invalid_type' ? { ...issue, input: receivedValue(issue.message) } : issue;
  // zod's own wording (the message it gives anyway), not one the schema gave: a schema's own has its
  // Chinese beside it (schemas/schema-message-words.ts).
  if (message !== issue.message || text(english(withInput)) !== issue.message) return schemaMessageWords(message, language) ?? message;
  return text(chinese(withInput)) ?? message;
}

/** "unknown field" in the reader's language. */
export const unknownFieldWords = (key: string, language: Language) => (language === 'zh' ? `未知字段 "${key}"` : `unknown field "${key}"`);
