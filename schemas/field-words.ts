// A customer's fields (and the identities a duplicate matches on) as people name them, in English
// and Chinese, for the server's sentences and files. A field not listed is named as the API names it.
import type { Language } from './language.js';

const FIELDS: Record<string, [string, string]> = {
  companyName: ['company name', '公司名称'],
  contactName: ['contact', '联系人'],
  email: ['email', '邮箱'],
  phone: ['phone', '电话'],
  website: ['website', '网站'],
  country: ['country', '国家'],
  region: ['region', '区域'],
  source: ['source', '来源'],
  productLine: ['product line', '产品线'],
  language: ['language', '语言'],
  grade: ['grade', '等级'],
  poolId: ['pool', '公海池'],
  // identity kinds
  name: ['company name', '公司名称'],
  domain: ['website', '网站'],
};

export const fieldWord = (field: string, language: Language): string => FIELDS[field]?.[language === 'zh' ? 1 : 0] ?? field;
