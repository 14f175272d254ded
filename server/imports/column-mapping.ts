// Which column is which customer field: by common header names (English and Chinese, as trade
// shows and B2B platforms export them), or by an explicit mapping from the uploader.
export const IMPORT_FIELDS = ['companyName', 'contactName', 'email', 'phone', 'website', 'country', 'region', 'source', 'productLine', 'language', 'grade'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const SYNONYMS: Record<ImportField, string[]> = {
  companyName: ['company', 'company name', 'companyname', 'customer', 'customer name', 'organization', 'organisation', 'buyer', '公司', '公司名称', '公司名', '客户名称', '客户', '企业名称'],
  contactName: ['contact', 'contact name', 'contact person', 'name', 'full name', '联系人', '姓名', '联系人姓名'],
  email: ['email', 'e-mail', 'mail', 'email address', '邮箱', '电子邮件', '邮件'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'whatsapp', 'phone number', '电话', '手机', '联系电话', '手机号'],
  website: ['website', 'web', 'url', 'homepage', 'site', '网站', '网址', '官网'],
  country: ['country', 'country code', 'nation', '国家', '国家代码'],
  region: ['region', 'area', 'territory', '地区', '区域'],
  source: ['source', 'channel', 'lead source', '来源', '渠道', '客户来源'],
  productLine: ['product', 'product line', 'products', 'interest', '产品', '产品线', '意向产品'],
  language: ['language', 'lang', '语言'],
  grade: ['grade', 'level', 'rating', '等级', '客户等级', '分级'],
};

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_\-.:：]+/g, ' ').trim();

/** Maps headers to fields: explicit entries first, then recognised names. Unknown headers are reported. */
export function mapColumns(headers: string[], explicit: Record<string, ImportField> = {}) {
  const mapping: Record<string, ImportField> = {};
  const taken = new Set<ImportField>();
  for (const [header, f] of Object.entries(explicit)) {
    if (headers.includes(header)) {
      mapping[header] = f;
      taken.add(f);
    }
  }
  for (const header of headers) {
    if (mapping[header]) continue;
    const h = fold(header);
    const f = IMPORT_FIELDS.find((field) => !taken.has(field) && (fold(field) === h || SYNONYMS[field].some((s) => fold(s) === h)));
    if (f) {
      mapping[header] = f;
      taken.add(f);
    }
  }
  return { mapping, unmapped: headers.filter((h) => !mapping[h]) };
}
