// Quotations and PIs generated from approved quotes: who may (whoever reads the customer in full),
// which quotes (approved ones; a quote awaiting approval or rejected is refused), with which company
// profile (a PI needs the bank details, both kinds the company's name), what is kept
// (the file, its hash, the values and template it was filled from, the approvals), and the PDF.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { DocumentView, GenerateDocumentBody } from '../../schemas/documents.js';
import type { Language } from '../../schemas/language.js';
import { type Actor, assertAdminScope } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { customerToReadInFull } from '../customers/customer-access.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { quoteRow } from '../quotes/quotes.repository.js';
import { readProfile } from './company-profile.repository.js';
import { approvalsOf, day, documentData, quoteNumber, quoteVersion } from './document-data.js';
import { fillTemplate } from './fill-template.js';
import { workbookHtml } from './html-rendering.js';
import type { PdfPrinter } from './pdf.js';
import { refuseIncompleteProfile } from './profile-requirements.js';
import { chooseTemplate, sha256 } from './templates.repository.js';

export interface DocumentDeps {
  db: Kysely<Database>;
  clock: Clock;
  pdf: PdfPrinter;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const VIEW = [
  'd.id',
  'd.customer_id',
  'd.quote_id',
  'd.quote_number',
  'd.quote_version',
  'd.kind',
  'd.language',
  'd.template_id',
  'd.template_name',
  'd.file_name',
  'd.bytes',
  'd.sha256',
  'd.approvals',
  'd.generated_by',
  'd.generated_at',
  'r.name as generated_by_name',
] as const;

const selectDocuments = (db: Kysely<Database>) => db.selectFrom('documents as d').innerJoin('reps as r', 'r.id', 'd.generated_by').select(VIEW);
type Row = Awaited<ReturnType<ReturnType<typeof selectDocuments>['executeTakeFirstOrThrow']>>;

const viewOf = (r: Row): DocumentView => ({
  id: r.id,
  customerId: r.customer_id,
  quoteId: r.quote_id,
  quoteNumber: r.quote_number,
  quoteVersion: r.quote_version,
  kind: r.kind,
  language: r.language,
  templateId: r.template_id,
  templateName: r.template_name,
  fileName: r.file_name,
  bytes: r.bytes,
  sha256: r.sha256,
  approvals: r.approvals,
  generatedBy: r.generated_by,
  generatedByName: r.generated_by_name,
  generatedAt: r.generated_at.toISOString(),
});

function refuseUnapproved(quote: { id: string; status: string; current_level: number | null; rejection_reason: string | null }) {
  if (quote.status === 'approved') return;
  if (quote.status === 'pending_approval') {
    throw new AppError(
      ErrorCode.QUOTE_PENDING,
      `This quote is still awaiting approval (level ${quote.current_level ?? '?'}); a quotation or PI can be exported once it is approved.`,
      { quoteId: quote.id, status: quote.status },
    );
  }
  throw new AppError(ErrorCode.CONFLICT, `This quote was ${quote.status}; only an approved quote (or one needing no approval) is exported as a document. Submit a new quote.`, {
    quoteId: quote.id,
    status: quote.status,
  });
}

export function createDocumentService(deps: DocumentDeps) {
  const { db, clock } = deps;

  async function generate(actor: Actor, quoteId: string, body: GenerateDocumentBody, requestLanguage: Language): Promise<DocumentView> {
    const quote = await quoteRow(db, quoteId);
    if (!quote) throw new AppError(ErrorCode.NOT_FOUND, 'No such quote.');
    // Admins own no customers: generating (a write) on one is the admin role's power, so an
    // admin's token needs the admin scope for it, as for every other write on a customer.
    assertAdminScope(actor);
    const customer = await customerToReadInFull(db, actor, quote.customer_id);
    refuseUnapproved(quote);
    const { profile } = await readProfile(db);
    refuseIncompleteProfile(profile, body.kind);
    const template = await chooseTemplate(db, body.kind, { language: body.language, otherwise: requestLanguage }, body.templateId);
    const language = template.view.language;
    const now = clock.now();
    const id = newId();
    const [version, approvals, rep] = await Promise.all([
      quoteVersion(db, quote),
      approvalsOf(db, quote.id),
      db.selectFrom('reps').select(['name', 'time_zone']).where('id', '=', quote.rep_id).executeTakeFirst(),
    ]);
    const timeZone = rep?.time_zone ?? 'UTC';
    const number = `${body.kind === 'quotation' ? 'QT' : 'PI'}-${day(now, timeZone).replaceAll('-', '')}-${id.slice(-6).toUpperCase()}`;
    const data = documentData({ kind: body.kind, language, number, now, quote, version, rep: rep?.name ?? quote.rep_id, timeZone, customer, profile, approvals, incoterms: body.incoterms, paymentTerms: body.paymentTerms });
    let file: Buffer;
    try {
      file = fillTemplate(template.file, template.view.sheets, data);
    } catch (e) {
      throw new AppError(ErrorCode.CONFLICT, `Template "${template.view.name}" could not be filled (${(e as Error).message}); fix or deactivate it.`, { templateId: template.view.id });
    }
    const fileName = `${quoteNumber(quote, timeZone)}-v${version}-${body.kind === 'quotation' ? 'quotation' : 'PI'}-${language}.xlsx`;
    await db
      .insertInto('documents')
      .values({
        id,
        customer_id: quote.customer_id,
        quote_id: quote.id,
        quote_number: quoteNumber(quote, timeZone),
        quote_version: version,
        kind: body.kind,
        language,
        template_id: template.view.id,
        template_name: template.view.name,
        template_sha256: template.view.sha256,
        approvals: JSON.stringify(approvals),
        data: JSON.stringify(data),
        file_name: fileName,
        file,
        sha256: sha256(file),
        bytes: file.length,
        generated_by: actor.repId,
        generated_at: now,
      })
      .execute();
    return get(actor, id);
  }

  async function list(actor: Actor, customerId: string): Promise<DocumentView[]> {
    await customerToReadInFull(db, actor, customerId);
    const rows = await selectDocuments(db).where('d.customer_id', '=', customerId).orderBy('d.generated_at', 'desc').limit(500).execute();
    return rows.map(viewOf);
  }

  async function get(actor: Actor, id: string): Promise<DocumentView> {
    const row = await selectDocuments(db).where('d.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'No such document.');
    await customerToReadInFull(db, actor, row.customer_id);
    return viewOf(row);
  }

  async function file(actor: Actor, id: string, format: 'xlsx' | 'pdf') {
    const view = await get(actor, id);
    const { file: bytes } = await db.selectFrom('documents').select('file').where('id', '=', id).executeTakeFirstOrThrow();
    if (format === 'xlsx') return { bytes, type: XLSX_TYPE, fileName: view.fileName };
    const pdf = await deps.pdf.print(id, () => workbookHtml(bytes, `${view.quoteNumber} v${view.quoteVersion}`));
    return { bytes: pdf, type: 'application/pdf', fileName: view.fileName.replace(/\.xlsx$/, '.pdf') };
  }

  return { generate, list, get, file };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
export { XLSX_TYPE };
