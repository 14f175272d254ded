// The built-in templates, one per kind and language, drawn with ExcelJS the first time one is
// asked for: the product produces documents before an admin uploads anything, and an admin can
// download one as the starting point of their own.
import ExcelJS from 'exceljs';
import type { DocumentKind, TemplateLanguage } from '../../schemas/documents.js';

type Texts = Record<string, string>;

const TEXTS: Record<TemplateLanguage, Texts> = {
  en: {
    quotation: 'QUOTATION',
    proforma_invoice: 'PROFORMA INVOICE',
    tel: 'Tel: ${company.phone}   Email: ${company.email}',
    to: 'To:',
    attn: 'Attn:',
    email: 'Email:',
    country: 'Country:',
    number: 'No.:',
    version: 'Version:',
    date: 'Date:',
    valid: 'Valid until:',
    no: 'No.',
    sku: 'Item',
    product: 'Description',
    quantity: 'Qty',
    unit: 'Unit',
    unitPrice: 'Unit price',
    amount: 'Amount',
    total: 'Total (${currency})',
    discount: 'Discount off list price',
    incoterms: 'Incoterms:',
    payment: 'Payment terms:',
    note: 'Note:',
    approvals: 'Approvals',
    level: 'Level',
    approver: 'Approved by',
    decidedAt: 'Date',
    comment: 'Comment',
    bank: 'Bank details',
    beneficiary: 'Beneficiary:',
    bankName: 'Bank:',
    bankAddress: 'Bank address:',
    account: 'Account No.:',
    swift: 'SWIFT:',
    signature: 'For and on behalf of ${company.name}',
  },
  zh: {
    quotation: '报价单',
    proforma_invoice: '形式发票',
    tel: '电话：${company.phone}   邮箱：${company.email}',
    to: '客户：',
    attn: '联系人：',
    email: '邮箱：',
    country: '国家：',
    number: '编号：',
    version: '版本：',
    date: '日期：',
    valid: '有效期至：',
    no: '序号',
    sku: '货号',
    product: '品名',
    quantity: '数量',
    unit: '单位',
    unitPrice: '单价',
    amount: '金额',
    total: '合计（${currency}）',
    discount: '相对标价折扣',
    incoterms: '贸易术语：',
    payment: '付款方式：',
    note: '备注：',
    approvals: '审批记录',
    level: '级别',
    approver: '审批人',
    decidedAt: '日期',
    comment: '意见',
    bank: '银行信息',
    beneficiary: '收款人：',
    bankName: '开户行：',
    bankAddress: '银行地址：',
    account: '账号：',
    swift: 'SWIFT：',
    signature: '${company.name}（盖章）',
  },
};

const MONEY = '#,##0.00';

async function draw(kind: DocumentKind, language: TemplateLanguage): Promise<Buffer> {
  const t = TEXTS[language];
  const book = new ExcelJS.Workbook();
  book.creator = 'highseas';
  book.created = new Date(Date.UTC(2026, 11, 2));
  book.modified = book.created;
  const sheet = book.addWorksheet(kind === 'quotation' ? (language === 'zh' ? '报价单' : 'Quotation') : 'PI', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [{ width: 10 }, { width: 14 }, { width: 34 }, { width: 10 }, { width: 12 }, { width: 14 }, { width: 16 }];
  const put = (ref: string, value: string, style: Partial<ExcelJS.Style> = {}) => {
    const cell = sheet.getCell(ref);
    cell.value = value;
    Object.assign(cell, style);
  };
  const bold = { font: { bold: true } };
  put('A1', '${company.name}', { font: { bold: true, size: 16 } });
  sheet.mergeCells('A1:G1');
  put('A2', '${company.address}');
  sheet.mergeCells('A2:G2');
  put('A3', t.tel!);
  sheet.mergeCells('A3:G3');
  put('A5', t[kind]!, { font: { bold: true, size: 14 }, alignment: { horizontal: 'center' } });
  sheet.mergeCells('A5:G5');
  const pairs: [string, string, string, string][] = [
    [t.to!, '${customer.name}', t.number!, '${quote.number}'],
    [t.attn!, '${customer.contact}', t.version!, '${quote.version}'],
    [t.email!, '${customer.email}', t.date!, '${date}'],
    [t.country!, '${customer.country}', t.valid!, '${validity}'],
  ];
  pairs.forEach(([l1, v1, l2, v2], i) => {
    const r = 7 + i;
    put(`A${r}`, l1, bold);
    put(`B${r}`, v1);
    put(`E${r}`, l2, bold);
    put(`F${r}`, v2);
  });
  const head = ['no', 'sku', 'product', 'quantity', 'unit', 'unitPrice', 'amount'];
  head.forEach((k, i) => put(`${'ABCDEFG'[i]}12`, t[k]!, { font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } } }));
  head.forEach((k, i) => put(`${'ABCDEFG'[i]}13`, `\${table:items.${k}}`, k === 'unitPrice' || k === 'amount' ? { numFmt: MONEY } : {}));
  put('F14', t.total!, bold);
  put('G14', '${totals.total}', { font: { bold: true }, numFmt: MONEY });
  // The discount the quote was approved with: the unit prices above already carry it.
  put('F15', t.discount!);
  put('G15', '${totals.discountPct}%');
  put('A16', t.incoterms!, bold);
  put('C16', '${incoterms}');
  put('A17', t.payment!, bold);
  put('C17', '${paymentTerms}');
  put('A18', t.note!, bold);
  put('C18', '${quote.note}');
  let r = 20;
  if (kind === 'proforma_invoice') {
    put(`A${r}`, t.bank!, bold);
    const bank: [string, string][] = [
      [t.beneficiary!, '${company.beneficiary}'],
      [t.bankName!, '${company.bankName}'],
      [t.bankAddress!, '${company.bankAddress}'],
      [t.account!, '${company.bankAccount}'],
      [t.swift!, '${company.bankSwift}'],
    ];
    bank.forEach(([label, value], i) => {
      put(`A${r + 1 + i}`, label, bold);
      put(`C${r + 1 + i}`, value);
    });
    r += bank.length + 2;
  }
  put(`A${r}`, t.signature!, bold);
  put(`A${r + 1}`, '${company.signatory}  ${company.signatoryTitle}');
  r += 3;
  put(`A${r}`, t.approvals!, bold);
  put(`C${r}`, '${approvalSummary}');
  ['level', 'approver', 'decidedAt', 'comment'].forEach((k, i) => put(`${['A', 'B', 'D', 'F'][i]}${r + 1}`, t[k]!, bold));
  ['level', 'approver', 'decidedAt', 'comment'].forEach((k, i) => put(`${['A', 'B', 'D', 'F'][i]}${r + 2}`, `\${table:approvals.${k}}`));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const drawn = new Map<string, Promise<Buffer>>();

export const builtInId = (kind: DocumentKind, language: TemplateLanguage) => `builtin-${kind}-${language}`;

/** The built-in template of this kind and language (drawn once per process). */
export function builtInTemplate(kind: DocumentKind, language: TemplateLanguage): Promise<Buffer> {
  const id = builtInId(kind, language);
  let file = drawn.get(id);
  if (!file) drawn.set(id, (file = draw(kind, language)));
  return file;
}

export function parseBuiltInId(id: string): { kind: DocumentKind; language: TemplateLanguage } | null {
  const m = /^builtin-(quotation|proforma_invoice)-(en|zh)$/.exec(id);
  return m ? { kind: m[1] as DocumentKind, language: m[2] as TemplateLanguage } : null;
}
