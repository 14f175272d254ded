// An import's words for people, in English and Chinese: why a row was refused (stored as a code with
// its values beside the English sentence, told again in the reader's language), why a row is a
// duplicate, and the headers and values the server writes in the report files. The upload's own
// columns and what people typed are never translated; codes in the API stay as they are.
import { fieldWord } from '../../schemas/field-words.js';
import type { Language } from '../../schemas/language.js';

/** Why a row was refused, as stored with the row: `code` and `params` say it in any language. */
export interface RowError {
  column: string | null;
  field: string;
  /** The English sentence (what older reports stored, and the fallback for a code not listed). */
  message: string;
  code?: string;
  params?: Record<string, string | number | null>;
}

type Params = Record<string, string | number | null>;
type Say = (p: Params, e: Pick<RowError, 'column' | 'field'>) => string;

const field = fieldWord;

const REFUSALS = {
  empty: [(_p, e) => `is empty; every row needs ${e.column ? 'a value in this column' : `a ${e.field}`}`, (_p, e) => `为空；每一行都需要${e.column ? '在此列填写' : `填写${field(e.field, 'zh')}`}`],
  formula: [(p) => `holds a formula (${p.value}) without a value, or with an error as its value; paste the values instead (Paste Special → Values)`, (p) => `是公式（${p.value}），没有值或值为错误；请改为粘贴数值（选择性粘贴 → 数值）`],
  error_value: [(p) => `holds the error value ${p.value}, not data; fix the formula that gave it or leave the cell empty`, (p) => `是错误值 ${p.value}，不是数据；请修正产生它的公式，或留空`],
  too_long: [(p) => `is too long: at most ${p.max} characters`, (p) => `太长：最多 ${p.max} 个字符`],
  blank: [() => 'holds only spaces', () => '只有空格'],
  control_characters: [() => 'holds control characters or a text-direction override, which a name cannot print; retype the cell', () => '含有控制字符或文字方向控制符，无法作为名称显示；请重新输入此单元格'],
  invalid_email: [() => 'not an e-mail address', () => '不是有效的邮箱地址'],
  invalid_country: [() => 'expected a country name or its ISO 3166-1 alpha-2 code such as "DE" or "CN"', () => '应为国家名称或 ISO 3166-1 两位国家代码，如 “DE” 或 “CN”'],
  invalid_grade: [(p) => `expected one of ${p.values}`, (p) => `应为 ${p.values} 之一`],
  invalid_id: [() => 'ids are letters, digits, "_" and "-"', () => 'ID 只能包含字母、数字、“_” 和 “-”'],
  company_name_no_letters: [() => 'the company name needs at least one letter or digit', () => '公司名称至少需要一个字母或数字'],
  invalid_phone: [
    (p) => (p.country ? `not a valid phone number for ${p.country}; use the international format, e.g. +49 30 123456` : 'not a valid phone number; use the international format (e.g. +49 30 123456) or give the country'),
    (p) => (p.country ? `不是 ${p.country} 的有效电话号码；请使用国际格式，如 +49 30 123456` : '不是有效的电话号码；请使用国际格式（如 +49 30 123456）或填写国家'),
  ],
  invalid_website: [() => 'not a website address; expected something like acme.com or https://www.acme.co.uk', () => '不是网站地址；应类似 acme.com 或 https://www.acme.co.uk'],
  unknown_pool: [(p) => `unknown pool "${p.poolId}"`, (p) => `公海池 “${p.poolId}” 不存在`],
  closed_pool_customer: [
    () => 'the existing customer is in a pool not open to you; it is not filled (an admin or a manager it is open to may import it)',
    () => '已有客户所在的公海池未对你开放，未补全（由管理员或可访问该公海池的经理导入）',
  ],
  private_customer: [
    () => "the existing customer is another rep's private customer; only an admin may fill it, by importing with \"Also fill other reps' private customers\" (overridePrivate)",
    () => '已有客户是其他业务员的私海客户；只有管理员勾选“也补全其他业务员的私海客户”导入时才能补全',
  ],
} satisfies Record<string, [Say, Say]>;

export type RefusalCode = keyof typeof REFUSALS;

/** A refusal with its code: the English sentence written from the same words (or `english`, as a validator worded it). */
export function refusal(column: string | null, fieldName: string, code: RefusalCode, params: Params = {}, english?: string): RowError {
  const e = { column, field: fieldName };
  return { ...e, message: english ?? REFUSALS[code][0](params, e), code, params };
}

/** A refusal's words in `language`, with no column to name (the same words refuse a request's field: customers.service.ts). */
export const rowRefusalText = (code: RefusalCode, params: Params, language: Language) => REFUSALS[code][language === 'zh' ? 1 : 0](params, { column: null, field: '' });

/** The refusal's sentence in `language` (a code this version does not know: the stored English). */
export function refusalMessage(e: RowError, language: Language): string {
  const words = e.code && Object.hasOwn(REFUSALS, e.code) ? REFUSALS[e.code as RefusalCode] : undefined;
  if (!words || language === 'en') return e.message;
  return words[1](e.params ?? {}, e);
}

/** "column: why", or only why when it concerns the row as a whole (no column, no field). */
export function refusalLine(e: RowError, language: Language): string {
  const where = e.column || (e.field && language === 'zh' ? field(e.field, language) : e.field);
  const why = refusalMessage(e, language);
  return where ? `${where}${language === 'zh' ? '：' : ': '}${why}` : why;
}

/** The identity fields a duplicate matched on ("name, email" / "公司名称、邮箱"). */
export const matchedOnWords = (kinds: readonly string[], language: Language) => kinds.map((k) => field(k, language)).join(language === 'zh' ? '、' : ', ');

/** Why a row is a duplicate: of which customer (or row), matched on which identities. */
export function duplicateWords(d: { customerId: string | null; companyName?: string | undefined; visibility?: 'restricted' | undefined; row?: number | undefined; matchedOn: readonly string[] }, language: Language): string {
  const on = matchedOnWords(d.matchedOn, language);
  // The customer by its name where the reader may read it, the id beside it.
  if (language === 'zh') {
    const of = d.customerId ? (d.companyName ? `客户“${d.companyName}”（${d.customerId}）` : `客户 ${d.customerId}`) : d.visibility === 'restricted' ? '一个你无权查看的客户（其他业务员的，或在你无权领取的公海池中；可在客户查重中查看其位置）' : `第 ${d.row} 行`;
    return `与${of}${d.customerId && d.row ? `（第 ${d.row} 行）` : ''}重复，匹配：${on}`;
  }
  const of = d.customerId ? (d.companyName ? `customer "${d.companyName}" (${d.customerId})` : `customer ${d.customerId}`) : d.visibility === 'restricted' ? "a customer you may not read (another rep's, or in a pool not open to you; GET /customers/lookup says where it is)" : `row ${d.row}`;
  return `duplicate of ${of}${d.customerId && d.row ? ` (row ${d.row})` : ''}, matched on ${d.matchedOn.join(', ')}`;
}

/** The report file's header in `language` (English: the field names, as before). */
export const REPORT_HEADER: Record<Language, string[]> = {
  en: ['row', 'outcome', 'customerId', 'companyName', 'duplicateOfCustomerId', 'duplicateOfRow', 'matchedOn', 'assignment', 'repId', 'repName', 'assignmentReason', 'filledFields', 'errors', 'possibleDuplicates'],
  zh: ['行号', '结果', '客户 ID', '公司名称', '重复客户 ID', '重复行号', '匹配字段', '分配', '业务员 ID', '业务员', '分配原因', '补全字段', '错误', '相似客户'],
};

/** The column the rejects file adds to the upload's own. */
export const RESULT_COLUMN: Record<Language, string> = { en: 'Import result', zh: '导入结果' };

const OUTCOMES: Record<string, string> = { created: '已创建', updated: '已补全', duplicate: '重复', refused: '已拒绝', assigned: '已分配', pool: '留在公海' };

/** An outcome or assignment status in a report file: the code in English, words in Chinese. */
export const outcomeWord = (code: string, language: Language) => (language === 'zh' ? (OUTCOMES[code] ?? code) : code);

/** Filled fields in a report file: field names in English (as the API names them), words in Chinese. */
export const fieldList = (fields: readonly string[], language: Language) => (language === 'zh' ? fields.map((f) => field(f, 'zh')).join('、') : fields.join(' '));

/** A similar name in a report file: "<id> <name> (<score>, row n)". */
export function similarWords(p: { customerId: string | null; companyName: string; score: number; row?: number | undefined }, language: Language): string {
  const id = p.customerId ? `${p.customerId} ` : '';
  return language === 'zh' ? `${id}${p.companyName}（${p.score}${p.row ? `，第 ${p.row} 行` : ''}）` : `${id}${p.companyName} (${p.score}${p.row ? `, row ${p.row}` : ''})`;
}
