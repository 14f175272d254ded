// How a rep is named to a person, in the server's texts and in the admin UI alike: the name with
// the id beside it (names repeat, ids do not), or the id alone when no name is known.
import type { Language } from './language.js';

/**
 * A rep as people read it.
 *
 * @example
 * repLabel({ id: 'li', name: '李伟' }, 'zh'); // '李伟（li）'
 * repLabel({ id: 'li', name: 'Li Wei' }, 'en'); // 'Li Wei (li)'
 * repLabel({ id: 'li' }, 'en'); // 'li'
 */
export function repLabel(rep: { id: string; name?: string | null | undefined }, language: Language): string {
  const name = rep.name?.trim();
  if (!name || name === rep.id) return rep.id;
  return language === 'zh' ? `${name}（${rep.id}）` : `${name} (${rep.id})`;
}
