// Document templates, the company profile and the documents generated from quotes (issue 15 §3).
import type { ColumnType } from 'kysely';
import type { ApprovalSnapshot, CompanyProfile, DocumentKind, TemplateLanguage } from '../../../schemas/documents.js';
import type { NullableTimestamp, Timestamp } from './columns.js';

type Json<T> = ColumnType<T, string, string>;

export interface DocumentTemplatesTable {
  id: string;
  kind: DocumentKind;
  language: TemplateLanguage;
  name: string;
  file_name: string;
  file: Buffer;
  sha256: string;
  bytes: number;
  /** The sheet names, in tab order: every sheet is filled. */
  sheets: Json<string[]>;
  /** The placeholders found, e.g. "company.name", "table:items.product". */
  placeholders: Json<string[]>;
  active: boolean;
  uploaded_by: string;
  uploaded_at: Timestamp;
  deactivated_by: string | null;
  deactivated_at: NullableTimestamp;
}

export interface CompanyProfileTable {
  id: 'company';
  profile: Json<CompanyProfile>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface DocumentsTable {
  id: string;
  customer_id: string;
  quote_id: string;
  quote_number: string;
  /** The customer's nth quote: each resubmission after a rejection is a new version. */
  quote_version: number;
  kind: DocumentKind;
  language: TemplateLanguage;
  /** An uploaded template's id, or "builtin-<kind>-<language>". */
  template_id: string;
  template_name: string;
  template_sha256: string;
  /** Who approved which level, when, as it stood when generated. */
  approvals: Json<ApprovalSnapshot[]>;
  /** The values the placeholders were filled with: with the template, the document is regenerable. */
  data: Json<Record<string, unknown>>;
  file_name: string;
  file: Buffer;
  sha256: string;
  bytes: number;
  generated_by: string;
  generated_at: Timestamp;
}
