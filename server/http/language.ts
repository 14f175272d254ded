// The language a request's answers are written in: Accept-Language (zh, zh-CN, zh-Hans … → zh),
// English otherwise. Only texts meant for people (rule-set problems, explanation sentences) follow
// it; codes, pointers and error codes never change. Answers say they vary with the header.
import type { MiddlewareHandler } from 'hono';
import { languageDetector } from 'hono/language';
import { LANGUAGES, type Language } from '../../schemas/language.js';

export type { Language };

export function detectLanguage(): MiddlewareHandler {
  const detect = languageDetector({ supportedLanguages: [...LANGUAGES], fallbackLanguage: 'en', order: ['header'], caches: false, ignoreCase: true });
  return async (c, next) => {
    await detect(c, next);
    c.header('Vary', 'Accept-Language', { append: true });
  };
}
