// The documents sent to a customer (quotations and PIs, with who generated them and when), and the
// action on an approved quote that generates one and downloads it as XLSX or PDF.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { QuoteDocument } from '../api/types.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useFormat } from '../format.js';
import { useTemplateName } from './template-name.js';

const pdfName = (d: QuoteDocument) => d.fileName.replace(/\.xlsx$/, '.pdf');

export function QuoteDocumentAction({ quoteId, customerId }: { quoteId: string; customerId: string }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<QuoteDocument['kind']>('quotation');
  const [language, setLanguage] = useState<QuoteDocument['language']>(i18n.language.startsWith('zh') ? 'zh' : 'en');
  const generate = useAction({
    mutationFn: async (format: 'xlsx' | 'pdf') => {
      const doc = await api.post<QuoteDocument>(`/quotes/${quoteId}/documents`, { kind, language });
      await download(`/documents/${doc.id}/file?format=${format}`, format === 'pdf' ? pdfName(doc) : doc.fileName);
      return doc;
    },
    invalidates: [['documents', customerId]],
  });
  return (
    <div className="inline-form" role="group" aria-label={t('documents.downloadQuote')}>
      <strong>{t('documents.downloadQuote')}</strong>
      <select aria-label={t('documents.kind')} value={kind} onChange={(e) => setKind(e.target.value as QuoteDocument['kind'])}>
        <option value="quotation">{t('documents.kinds.quotation')}</option>
        <option value="proforma_invoice">{t('documents.kinds.proforma_invoice')}</option>
      </select>
      <select aria-label={t('documents.language')} value={language} onChange={(e) => setLanguage(e.target.value as QuoteDocument['language'])}>
        <option value="zh">{t('documents.languages.zh')}</option>
        <option value="en">{t('documents.languages.en')}</option>
      </select>
      <button type="button" disabled={generate.isPending} onClick={() => generate.mutate('xlsx')}>
        XLSX
      </button>
      <button type="button" className="secondary" disabled={generate.isPending} onClick={() => generate.mutate('pdf')}>
        PDF
      </button>
      <ErrorNotice error={generate.error} />
    </div>
  );
}

export function CustomerDocuments({ customerId }: { customerId: string }) {
  const templateName = useTemplateName();
  const { t } = useTranslation();
  const f = useFormat();
  const docs = useQuery({ queryKey: ['documents', customerId], queryFn: () => api.get<{ items: QuoteDocument[] }>(`/customers/${customerId}/documents`) });
  const get = useAction({ mutationFn: ({ doc, format }: { doc: QuoteDocument; format: 'xlsx' | 'pdf' }) => download(`/documents/${doc.id}/file?format=${format}`, format === 'pdf' ? pdfName(doc) : doc.fileName) });
  return (
    <section aria-labelledby="documents-list-title">
      <h2 id="documents-list-title">{t('documents.title')}</h2>
      <ErrorNotice error={docs.error ?? get.error} />
      {docs.data?.items.length === 0 ? <p className="muted">{t('documents.none')}</p> : null}
      {docs.data?.items.length ? (
        <div className="table-wrap">
          <table data-testid="documents">
            <thead>
              <tr>
                <th>{t('documents.kind')}</th>
                <th>{t('documents.quote')}</th>
                <th>{t('documents.template')}</th>
                <th>{t('documents.generatedBy')}</th>
                <th>{t('documents.generatedAt')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {docs.data.items.map((d) => (
                <tr key={d.id} data-document={d.id}>
                  <td>
                    {t(`documents.kinds.${d.kind}`)}
                    {f.aside(t(`documents.languages.${d.language}`))}
                  </td>
                  <td>{t('documents.quoteVersion', { number: d.quoteNumber, version: d.quoteVersion })}</td>
                  <td>{templateName({ id: d.templateId, name: d.templateName })}</td>
                  <td>{d.generatedByName}</td>
                  <td>{f.dateTime(d.generatedAt)}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => get.mutate({ doc: d, format: 'xlsx' })}>
                      XLSX
                    </button>{' '}
                    <button type="button" className="secondary" onClick={() => get.mutate({ doc: d, format: 'pdf' })}>
                      PDF
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
