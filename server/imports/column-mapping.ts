// Which column is which customer field: by common header names (English and Chinese, as trade
// shows and B2B platforms export them), or by an explicit mapping from the uploader.
import { toPointer } from '../errors.js';
import type { RequestIssue } from '../request-issues.js';

export const IMPORT_FIELDS = ['companyName', 'contactName', 'email', 'phone', 'website', 'country', 'region', 'source', 'productLine', 'language', 'grade'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const SYNONYMS: Record<ImportField, string[]> = {
  companyName: ['company', 'company name', 'companyname', 'customer', 'customer name', 'organization', 'organisation', 'buyer', '公司', '公司名称', '公司名', '客户名称', '客户', '企业名称'],
  contactName: ['contact', 'contact name', 'contact person', 'name', 'full name', '联系人', '姓名', '联系人姓名'],
  email: ['email', 'e-mail', 'mail', 'email address', '邮箱', '电子邮件', '邮件', '邮箱地址', 'email地址', '电子邮件地址'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'whatsapp', 'phone number', 'mobile number', '电话', '手机', '联系电话', '手机号', '手机号码', '电话号码'],
  website: ['website', 'web', 'url', 'homepage', 'site', '网站', '网址', '官网', '公司网址', '公司网站', '网站地址'],
  country: ['country', 'country code', 'nation', '国家', '国家代码'],
  region: ['region', 'area', 'territory', '地区', '区域'],
  source: ['source', 'channel', 'lead source', '来源', '渠道', '客户来源'],
  productLine: ['product', 'product line', 'products', 'interest', '产品', '产品线', '意向产品'],
  language: ['language', 'lang', '语言'],
  grade: ['grade', 'level', 'rating', '等级', '客户等级', '分级'],
};

/** Case, full-width forms (NFKC: （）／ → ()/) and separators folded; the rest of the header as written. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_\-.:：]+/g, ' ').trim();
/** Without spaces, so "E-mail地址" and "email 地址" meet. */
const squeeze = (s: string) => fold(s).replaceAll(' ', '');

const KNOWN = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const name of [field, ...SYNONYMS[field]]) if (!KNOWN.has(squeeze(name))) KNOWN.set(squeeze(name), field);

/**
 * What a header may name, most literal first: the header itself; without its bracketed
 * qualifiers ("公司名称（英文）", "Company Name (EN)", "【来源】渠道"); then each side of a slash
 * ("国家/地区", "Country / Region").
 */
function readings(header: string): string[] {
  const bare = header.normalize('NFKC').replace(/\([^()]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕|<[^>]*>/g, ' ');
  return [bare, ...bare.split('/')].map(squeeze).filter((r) => r !== '');
}

/**
 * Maps headers to fields: explicit entries first, then headers that are a known name as written,
 * then the qualified ones (so "Company" wins over "Company (2)"). Unknown headers are reported.
 */
export function mapColumns(headers: string[], explicit: Record<string, ImportField> = {}) {
  const mapping: Record<string, ImportField> = {};
  const taken = new Set<ImportField>();
  const take = (header: string, f: ImportField | undefined) => {
    if (!f || taken.has(f)) return false;
    mapping[header] = f;
    taken.add(f);
    return true;
  };
  for (const [header, f] of Object.entries(explicit)) if (headers.includes(header)) take(header, f);
  for (const header of headers) if (!mapping[header]) take(header, KNOWN.get(squeeze(header)));
  for (const header of headers) {
    if (mapping[header]) continue;
    for (const r of readings(header)) if (take(header, KNOWN.get(r))) break;
  }
  return { mapping, unmapped: headers.filter((h) => !mapping[h]) };
}

const isImportField = (f: unknown): f is ImportField => typeof f === 'string' && (IMPORT_FIELDS as readonly string[]).includes(f);

/**
 * What is wrong with an explicit mapping (an upload's or a remap's), each issue at its entry
 * (/mapping/<column>): a field one cannot map (the fields one can named), a column the file does
 * not have (its columns named), a field a column before it takes already. Nothing is dropped
 * silently: an empty list is a mapping mapColumns takes whole.
 */
export function mappingIssues(headers: string[], explicit: Record<string, unknown>): RequestIssue[] {
  const issues: RequestIssue[] = [];
  const takenBy = new Map<ImportField, string>();
  for (const [column, field] of Object.entries(explicit)) {
    const pointer = toPointer(['mapping', column]);
    if (!isImportField(field)) {
      issues.push({ pointer, code: 'mapping_field', params: { field: typeof field === 'string' ? field : JSON.stringify(field), fields: IMPORT_FIELDS.join(', ') } });
    } else if (!headers.includes(column)) {
      issues.push({ pointer, code: 'mapping_column', params: { column, columns: headers.join(', ') } });
    } else if (takenBy.has(field)) {
      issues.push({ pointer, code: 'mapping_twice', params: { column, field, other: takenBy.get(field)! } });
    } else {
      takenBy.set(field, column);
    }
  }
  return issues;
}
