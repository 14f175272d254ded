// Messages of the checks beside the document walk (index.ts): the comments a document keeps for the
// rules language (comments.ts), and the reps, teams and pools it names (references.ts). Kept apart
// from messages.ts, which spreads them into its catalogue; the same form: English and Chinese.
import type { ReferenceKind } from '../../schemas/decisions/contract.js';
import { TEXT_FAULT_WORDS } from '../../schemas/storable-text.js';

const pair = <A extends unknown[]>(en: (...args: A) => string, zh: (...args: A) => string) => ({ en, zh });

const KIND_ZH: Record<ReferenceKind, string> = { rep: '业务员', team: '团队', pool: '公海' };
const hint = (suggestion: string | undefined) => (suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`);
const hintZh = (suggestion: string | undefined) => (suggestion === undefined ? '' : `（是不是要写 "${suggestion}"？）`);

const unknown = (kind: ReferenceKind) =>
  pair(
    (id: string, suggestion: string | undefined) => `no ${kind} has the id "${id}"${hint(suggestion)}; a rule can name only a ${kind} that exists`,
    (id, suggestion) => `没有 ID 为 "${id}" 的${KIND_ZH[kind]}${hintZh(suggestion)}；规则只能指定已存在的${KIND_ZH[kind]}`,
  );

/** Text the database cannot store: the words every layer gives it, under the same code (schemas/storable-text.ts). */
const unstorable = (code: keyof typeof TEXT_FAULT_WORDS) =>
  pair(
    (key: boolean) => TEXT_FAULT_WORDS[code][0]({ key }),
    (key) => TEXT_FAULT_WORDS[code][1]({ key }),
  );

export const EXTRA_MESSAGES = {
  text_nul: unstorable('text_nul'),
  text_surrogate: unstorable('text_surrogate'),
  'rules.comments-invalid': pair(
    () => 'comments are lists of lines of text (no line breaks, at most 1000 characters each, at most 500 lines)',
    () => '注释（comments）应是文本行的列表（不能换行，每行最多 1000 个字符，最多 500 行）',
  ),
  'rules.comments-unknown-condition': pair(
    (name: string) => `comments for the named condition "${name}", which the rule set does not define`,
    (name) => `注释属于命名条件 "${name}"，但规则集中没有定义这个条件`,
  ),
  'rules.unknown-rep': unknown('rep'),
  'rules.unknown-team': unknown('team'),
  'rules.unknown-pool': unknown('pool'),
};
