// The one place that decides the language of the words a response carries (explanation
// sentences): Accept-Language, any Chinese (zh, zh-CN, zh-Hans …) reads Chinese, anything else English.
import { languageDetector } from 'hono/language';
import type { Language } from '../../rules/explain/sentence.js';

export function contentLanguage() {
  return languageDetector({
    order: ['header'],
    supportedLanguages: ['en', 'zh'],
    fallbackLanguage: 'en',
    caches: false,
    convertDetectedLanguage: (tag) => (tag.toLowerCase().startsWith('zh') ? 'zh' : 'en'),
  });
}

/** The request's content language, as contentLanguage() detected it. */
export const languageOf = (c: { get(key: 'language'): string }): Language => (c.get('language') === 'zh' ? 'zh' : 'en');
