// Quotations and proforma invoices (issue 15 §3): the templates admins upload, the company profile
// the documents print, and the documents generated from approved quotes.
import { z } from 'zod';
import { linesText, optionalLineText as text } from './common.js';

export const DOCUMENT_KINDS = ['quotation', 'proforma_invoice'] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS).meta({ description: 'quotation: 报价单; proforma_invoice: PI, with the bank details for payment.' });
export type DocumentKind = z.infer<typeof DocumentKind>;
export const TemplateLanguage = z.enum(['en', 'zh']);
export type TemplateLanguage = z.infer<typeof TemplateLanguage>;


export const CompanyProfile = z
  .strictObject({
    name: text(200),
    address: linesText(500),
    phone: text(60),
    email: z.union([z.literal(''), z.email({ message: 'an e-mail address such as "sales@example.com"' }).max(200)]),
    website: text(200).regex(/^$|^(?:https?:\/\/)?[^\s/:@]+\.[^\s]+$/i, 'a website such as "www.example.com" or "https://example.com"'),
    taxId: text(60),
    bankName: text(200),
    bankAddress: linesText(500),
    bankAccount: text(100),
    bankSwift: text(20),
    beneficiary: text(200),
    signatory: text(120),
    signatoryTitle: text(120),
    defaultIncoterms: text(60).meta({ description: 'Printed when a document request gives none, e.g. "FOB Ningbo".' }),
    defaultPaymentTerms: linesText(300).meta({ description: 'e.g. "30% T/T in advance, 70% against B/L copy".' }),
    defaultUnit: text(20).meta({ description: 'The unit of the items, e.g. "pcs" or "件".' }),
  })
  .partial()
  .meta({ id: 'CompanyProfile', description: 'What the documents print about the company; every field optional to save (printed empty), but a document is refused (COMPANY_PROFILE_INCOMPLETE) without name, and a PI also without bankName, bankAccount and beneficiary.' });
export type CompanyProfile = z.infer<typeof CompanyProfile>;

export const CompanyProfileView = z
  .object({ profile: CompanyProfile, updatedBy: z.string().nullable(), updatedAt: z.string().nullable() })
  .meta({ id: 'CompanyProfileView' });

export const TemplateView = z
  .object({
    id: z.string(),
    kind: DocumentKind,
    language: TemplateLanguage,
    name: z.string(),
    fileName: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
    sheets: z.array(z.string()),
    placeholders: z.array(z.string()),
    active: z.boolean(),
    builtIn: z.boolean().meta({ description: 'Shipped with the product; used when no uploaded template of its kind and language is active.' }),
    uploadedBy: z.string().nullable(),
    uploadedAt: z.string().nullable(),
  })
  .meta({ id: 'DocumentTemplate' });
export type TemplateView = z.infer<typeof TemplateView>;

export const TemplatesQuery = z.strictObject({
  kind: DocumentKind.optional(),
  language: TemplateLanguage.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const ApprovalSnapshot = z.object({
  level: z.number().int(),
  approverId: z.string(),
  approver: z.string(),
  decidedAt: z.string(),
  comment: z.string().nullable(),
});
export type ApprovalSnapshot = z.infer<typeof ApprovalSnapshot>;

export const GenerateDocumentBody = z
  .strictObject({
    kind: DocumentKind,
    templateId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional().meta({ description: 'Default: the newest active template of the kind and language, else the built-in one.' }),
    language: TemplateLanguage.optional().meta({ description: "Default: the template's, else the request's language. With templateId, the template's language or none (409 CONFLICT for another, as for another kind)." }),
    incoterms: text(60).optional().meta({ description: "Default: the company profile's." }),
    paymentTerms: text(300).optional().meta({ description: "Default: the company profile's." }),
  })
  .meta({ id: 'GenerateDocument' });
export type GenerateDocumentBody = z.infer<typeof GenerateDocumentBody>;

export const DocumentView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    quoteId: z.string(),
    quoteNumber: z.string(),
    quoteVersion: z.number().int(),
    kind: DocumentKind,
    language: TemplateLanguage,
    templateId: z.string(),
    templateName: z.string(),
    fileName: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
    approvals: z.array(ApprovalSnapshot),
    generatedBy: z.string(),
    generatedByName: z.string(),
    generatedAt: z.string(),
  })
  .meta({ id: 'QuoteDocument' });
export type DocumentView = z.infer<typeof DocumentView>;
