// Every message a schema writes itself has its Chinese words: read from the schemas' sources, so a
// message added later without them fails here rather than reaching a Chinese reader in English.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_MESSAGES_ZH, schemaMessageWords } from './schema-message-words.js';

const dir = path.dirname(new URL(import.meta.url).pathname);
const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => readFileSync(path.join(dir, f), 'utf8'));

/** The string literals given as a message: `.regex(re, '…')`, `.refine(fn, '…')`, `.min(n, '…')`, `message: '…'`. */
function writtenMessages(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/message: '((?:[^'\\]|\\.)*)'/g)) found.push(m[1]!);
  for (const m of source.matchAll(/\.(?:regex|refine|min|max|length)\((?:[^()']|\([^()]*\))*?,\s*'((?:[^'\\]|\\.)*)'\s*\)/g)) found.push(m[1]!);
  return found.map((s) => s.replace(/\\'/g, "'"));
}

describe("the schemas' own messages", () => {
  it('are all worded in Chinese', () => {
    const messages = new Set(sources.flatMap(writtenMessages));
    expect(messages.size).toBeGreaterThan(20);
    expect([...messages].filter((m) => !Object.hasOwn(SCHEMA_MESSAGES_ZH, m))).toEqual([]);
  });

  it('with values in them are worded in Chinese too, by their shape', () => {
    // A template's values stand as "1" (a number, a date or a name alike).
    const templates = sources.flatMap((src) => [...src.matchAll(/message: `((?:[^`\\]|\\.)*)`/g)].map((m) => m[1]!.replace(/\$\{[^}]*\}/g, '1')));
    expect(templates.length).toBeGreaterThanOrEqual(7);
    expect(templates.filter((t) => schemaMessageWords(t, 'zh') === null)).toEqual([]);
    expect(schemaMessageWords('2026-12-05 is a weekday; only a Saturday or Sunday can be a make-up working day', 'zh')).toBe('2026-12-05 是工作日；只有周六或周日可以设为调休上班日');
  });

  it('are kept as written in English and for a message that is not ours', () => {
    expect(schemaMessageWords('ids are letters, digits, "_" and "-"', 'en')).toBeNull();
    expect(schemaMessageWords('ids are letters, digits, "_" and "-"', 'zh')).toMatch(/^ID 只能包含字母/);
    expect(schemaMessageWords('Too small: expected string to have >=1 characters', 'zh')).toBeNull();
  });
});
