// Document templates: the uploaded ones (stored with their bytes) and the built-in ones (drawn in
// code), and which one a document of a kind and language uses.
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { newId } from '../ids.js';
import { DOCUMENT_KINDS, type DocumentKind, type TemplateLanguage, type TemplateView } from '../../schemas/documents.js';
import type { Database } from '../db/database.js';
import type { DocumentTemplatesTable } from '../db/tables/documents.js';
import { AppError, ErrorCode } from '../errors.js';
import { invalidRequest } from '../request-issues.js';
import { builtInId, builtInTemplate, parseBuiltInId } from './default-templates.js';
import { checkTemplate } from './template-check.js';

export interface Template {
  view: TemplateView;
  file: Buffer;
}

export const sha256 = (file: Buffer) => createHash('sha256').update(file).digest('hex');

const BUILT_IN_NAMES: Record<TemplateLanguage, Record<DocumentKind, string>> = {
  en: { quotation: 'Quotation (built-in, English)', proforma_invoice: 'Proforma invoice (built-in, English)' },
  zh: { quotation: '报价单（内置，中文）', proforma_invoice: '形式发票（内置，中文）' },
};

const builtIns = new Map<string, Promise<Template>>();

function builtIn(kind: DocumentKind, language: TemplateLanguage): Promise<Template> {
  const id = builtInId(kind, language);
  let t = builtIns.get(id);
  if (!t) {
    t = (async () => {
      const file = await builtInTemplate(kind, language);
      const checked = await checkTemplate(file, kind);
      const view: TemplateView = {
        id,
        kind,
        language,
        name: BUILT_IN_NAMES[language][kind],
        fileName: `${kind}-${language}.xlsx`,
        bytes: file.length,
        sha256: sha256(file),
        ...checked,
        active: true,
        builtIn: true,
        uploadedBy: null,
        uploadedAt: null,
      };
      return { view, file };
    })();
    builtIns.set(id, t);
  }
  return t;
}

const viewOf = (r: Omit<Selectable<DocumentTemplatesTable>, 'file'>): TemplateView => ({
  id: r.id,
  kind: r.kind,
  language: r.language,
  name: r.name,
  fileName: r.file_name,
  bytes: r.bytes,
  sha256: r.sha256,
  sheets: r.sheets,
  placeholders: r.placeholders,
  active: r.active,
  builtIn: false,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at.toISOString(),
});

const META = ['id', 'kind', 'language', 'name', 'file_name', 'sha256', 'bytes', 'sheets', 'placeholders', 'active', 'uploaded_by', 'uploaded_at', 'deactivated_by', 'deactivated_at'] as const;

export async function listTemplates(db: Kysely<Database>, filter: { kind?: DocumentKind | undefined; language?: TemplateLanguage | undefined; active?: boolean | undefined }): Promise<TemplateView[]> {
  let q = db.selectFrom('document_templates').select(META).orderBy('uploaded_at', 'desc');
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.language) q = q.where('language', '=', filter.language);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active);
  const uploaded = (await q.limit(500).execute()).map(viewOf);
  const shipped: TemplateView[] = [];
  if (filter.active !== false) {
    for (const kind of DOCUMENT_KINDS) {
      for (const language of ['zh', 'en'] as const) {
        if ((!filter.kind || filter.kind === kind) && (!filter.language || filter.language === language)) shipped.push((await builtIn(kind, language)).view);
      }
    }
  }
  return [...uploaded, ...shipped];
}

export async function findTemplate(db: Kysely<Database>, id: string): Promise<Template | null> {
  const shipped = parseBuiltInId(id);
  if (shipped) return builtIn(shipped.kind, shipped.language);
  const row = await db.selectFrom('document_templates').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { view: viewOf(row), file: row.file } : null;
}

/**
 * The template a document uses: the one asked for, else the newest active upload, else the built-in
 * one. A template asked for must be of the kind and, when one is asked for too, the language asked
 * for (a `zh` template does not print an `en` document); without a language it prints its own.
 */
export async function chooseTemplate(
  db: Kysely<Database>,
  kind: DocumentKind,
  wanted: { language: TemplateLanguage | undefined; otherwise: TemplateLanguage },
  templateId: string | undefined,
): Promise<Template> {
  if (templateId) {
    const t = await findTemplate(db, templateId);
    // A reference in the request, not the resource addressed: refused at its field, as an unknown pool or rep is.
    if (!t) throw invalidRequest('body', [{ pointer: '/templateId', code: 'unknown', params: { what: 'template', id: templateId } }]);
    if (t.view.kind !== kind) throw new AppError(ErrorCode.CONFLICT, `Template "${t.view.name}" is a ${t.view.kind} template, not a ${kind} one.`, { templateId, kind: t.view.kind });
    if (wanted.language && t.view.language !== wanted.language) {
      throw new AppError(ErrorCode.CONFLICT, `Template "${t.view.name}" is in ${t.view.language}, not ${wanted.language}; choose a template in ${wanted.language}, or leave the language out.`, {
        templateId,
        language: t.view.language,
      });
    }
    if (!t.view.active) throw new AppError(ErrorCode.CONFLICT, `Template "${t.view.name}" was deactivated; choose an active one.`, { templateId });
    return t;
  }
  const language = wanted.language ?? wanted.otherwise;
  const row = await db.selectFrom('document_templates').selectAll().where('kind', '=', kind).where('language', '=', language).where('active', '=', true).orderBy('uploaded_at', 'desc').limit(1).executeTakeFirst();
  return row ? { view: viewOf(row), file: row.file } : builtIn(kind, language);
}

export async function insertTemplate(
  db: Kysely<Database>,
  t: { kind: DocumentKind; language: TemplateLanguage; name: string; fileName: string; file: Buffer; sheets: string[]; placeholders: string[] },
  by: string,
  at: Date,
): Promise<TemplateView> {
  const row = await db
    .insertInto('document_templates')
    .values({
      id: newId(),
      kind: t.kind,
      language: t.language,
      name: t.name,
      file_name: t.fileName,
      file: t.file,
      sha256: sha256(t.file),
      bytes: t.file.length,
      sheets: JSON.stringify(t.sheets),
      placeholders: JSON.stringify(t.placeholders),
      active: true,
      uploaded_by: by,
      uploaded_at: at,
    })
    .returning(META)
    .executeTakeFirstOrThrow();
  return viewOf(row);
}

/** Deactivated templates are kept: the documents made from them stay regenerable. */
export async function deactivateTemplate(db: Kysely<Database>, id: string, by: string, at: Date): Promise<TemplateView> {
  if (parseBuiltInId(id)) {
    throw new AppError(ErrorCode.CONFLICT, 'A built-in template cannot be deactivated; upload your own for this kind and language, and it is used instead.', { templateId: id });
  }
  const row = await db
    .updateTable('document_templates')
    .set({ active: false, deactivated_by: by, deactivated_at: at })
    .where('id', '=', id)
    .returning(META)
    .executeTakeFirst();
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'No such document template.');
  return viewOf(row);
}
