// The name of a pool as people read it. The pool every installation ships with (id "default",
// created as "Public pool") is called 公海 in Chinese for as long as nobody renamed it; a name an
// admin gave is theirs and is shown as written, in every language.
import type { Language } from './language.js';

/** The shipped default pool's id and the name it was created with. */
export const SHIPPED_POOL = { id: 'default', name: 'Public pool' } as const;

const SHIPPED_NAMES: Record<Language, string> = { en: SHIPPED_POOL.name, zh: '公海' };

/**
 * @example
 * poolName({ id: 'default', name: 'Public pool' }, 'zh'); // '公海'
 * poolName({ id: 'emea', name: 'EMEA pool' }, 'zh'); // 'EMEA pool'
 */
export function poolName(pool: { id: string; name: string }, language: Language): string {
  return pool.id === SHIPPED_POOL.id && pool.name === SHIPPED_POOL.name ? SHIPPED_NAMES[language] : pool.name;
}
