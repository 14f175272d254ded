// Documents (issue 15 §3): the company profile the quotations and PIs print, and the XLSX
// templates: upload (a refusal names its sheet and cell), list, download, deactivate. Admins only.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { CompanyProfile, CompanyProfileInfo, DocumentTemplate } from '../../api/types.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';
import { useTemplateName } from '../template-name.js';

const PROFILE_FIELDS = [
  'name', 'address', 'phone', 'email', 'website', 'taxId', 'beneficiary', 'bankName', 'bankAddress', 'bankAccount', 'bankSwift', 'signatory', 'signatoryTitle', 'defaultIncoterms', 'defaultPaymentTerms', 'defaultUnit',
] as const satisfies readonly (keyof CompanyProfile)[];

function ProfileForm() {
  const { t } = useTranslation();
  const profile = useQuery({ queryKey: ['company-profile'], queryFn: () => api.get<CompanyProfileInfo>('/company-profile') });
  const [draft, setDraft] = useState<CompanyProfile>({});
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (profile.data) setDraft(profile.data.profile);
  }, [profile.data]);
  const save = useAction({
    mutationFn: () => api.put<CompanyProfileInfo>('/company-profile', Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined && v !== ''))),
    notice: setNotice,
    message: () => t('documents.profileSaved'),
    invalidates: [['company-profile']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={t('documents.profile')}>
      <h3>{t('documents.profile')}</h3>
      <ErrorNotice error={profile.error ?? save.error} />
      <SuccessNotice message={notice} />
      {PROFILE_FIELDS.map((k) => (
        <Field key={k} label={t(`documents.fields.${k}`)}>
          {(id) => <input id={id} value={draft[k] ?? ''} maxLength={k === 'address' || k === 'bankAddress' ? 500 : 300} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />}
        </Field>
      ))}
      <div className="buttons">
        <button type="submit" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function UploadForm() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<DocumentTemplate['kind']>('quotation');
  const [language, setLanguage] = useState<DocumentTemplate['language']>('zh');
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const upload = useAction({
    mutationFn: () => {
      const form = new FormData();
      form.set('kind', kind);
      form.set('language', language);
      form.set('name', name.trim());
      if (file) form.set('file', file, file.name);
      return api.upload<DocumentTemplate>('/document-templates', form);
    },
    notice: setNotice,
    message: (r) => t('documents.uploaded', { name: r.name }),
    onSuccess: () => setName(''),
    invalidates: [['document-templates']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    upload.mutate();
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={t('documents.upload')}>
      <h3>{t('documents.upload')}</h3>
      <Field label={t('documents.kind')}>
        {(id) => (
          <select id={id} value={kind} onChange={(e) => setKind(e.target.value as DocumentTemplate['kind'])}>
            <option value="quotation">{t('documents.kinds.quotation')}</option>
            <option value="proforma_invoice">{t('documents.kinds.proforma_invoice')}</option>
          </select>
        )}
      </Field>
      <Field label={t('documents.language')}>
        {(id) => (
          <select id={id} value={language} onChange={(e) => setLanguage(e.target.value as DocumentTemplate['language'])}>
            <option value="zh">{t('documents.languages.zh')}</option>
            <option value="en">{t('documents.languages.en')}</option>
          </select>
        )}
      </Field>
      <Field label={t('fields.title')}>{(id) => <input id={id} required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <Field label={t('documents.file')}>
        {(id) => <input id={id} type="file" required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </Field>
      <ErrorNotice error={upload.error} fields={{ file: t('documents.file'), name: t('fields.title') }} />
      <SuccessNotice message={notice} />
      <div className="buttons">
        <button type="submit" disabled={upload.isPending || !file}>
          {t('documents.upload')}
        </button>
      </div>
    </form>
  );
}

export function DocumentsSection() {
  const templateName = useTemplateName();
  const { t } = useTranslation();
  const f = useFormat();
  const templates = useQuery({ queryKey: ['document-templates'], queryFn: () => api.get<{ items: DocumentTemplate[] }>('/document-templates') });
  const [notice, setNotice] = useState<string | null>(null);
  const deactivate = useAction({
    mutationFn: (tpl: DocumentTemplate) => api.delete(`/document-templates/${tpl.id}`),
    notice: setNotice,
    message: (_r, tpl) => t('documents.deactivated', { name: tpl.name }),
    invalidates: [['document-templates']],
  });
  const get = useAction({ mutationFn: (tpl: DocumentTemplate) => download(`/document-templates/${tpl.id}/file`, tpl.fileName) });
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t('settings.documents')}</h2>
      <p className="muted">{t('documents.help')}</p>
      <ErrorNotice error={templates.error ?? deactivate.error ?? get.error} />
      <SuccessNotice message={notice} />
      <div className="table-wrap">
        <table data-testid="templates-table">
          <thead>
            <tr>
              <th>{t('fields.title')}</th>
              <th>{t('documents.kind')}</th>
              <th>{t('documents.language')}</th>
              <th>{t('documents.status')}</th>
              <th>{t('documents.uploadedAt')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {templates.data?.items.map((tpl) => (
              <tr key={tpl.id} data-template={tpl.id}>
                <td>{templateName(tpl)}</td>
                <td>{t(`documents.kinds.${tpl.kind}`)}</td>
                <td>{t(`documents.languages.${tpl.language}`)}</td>
                <td>{tpl.builtIn ? t('documents.builtIn') : tpl.active ? t('documents.active') : t('documents.inactive')}</td>
                <td>{tpl.uploadedAt ? f.dateTime(tpl.uploadedAt) : t('common.none')}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => get.mutate(tpl)}>
                    {t('documents.download')}
                  </button>{' '}
                  {!tpl.builtIn && tpl.active ? (
                    <button type="button" className="secondary" disabled={deactivate.isPending} onClick={() => deactivate.mutate(tpl)} aria-label={t('documents.deactivateNamed', { name: tpl.name })}>
                      {t('documents.deactivate')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('documents.uploadHelp')}</p>
      <UploadForm />
      <p className="muted">{t('documents.profileHelp')}</p>
      <ProfileForm />
    </section>
  );
}
