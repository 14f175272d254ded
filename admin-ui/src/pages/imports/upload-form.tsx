// A new import: the file (dropped or picked) and the options, then a preview.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session.js';
import { DropZone } from '../../components/drop-zone.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { defaultOptions, type ImportOptions, type Upload } from './import-upload.js';
import { PoolSelect, usePools } from '../../components/pool-select.js';

export function UploadForm({ onPreview, pending, error }: { onPreview: (u: Upload) => void; pending: boolean; error: unknown }) {
  const { t } = useTranslation();
  const me = useMe();
  const pools = usePools();
  const [file, setFile] = useState<File | null>(null);
  const [o, setO] = useState<ImportOptions>(defaultOptions);
  const set = <K extends keyof ImportOptions>(key: K, value: ImportOptions[K]) => setO({ ...o, [key]: value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) onPreview({ file, options: o });
  };
  return (
    <form className="card" onSubmit={submit} aria-label={t('imports.newImport')}>
      <h2>{t('imports.newImport')}</h2>
      <DropZone accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" file={file} onFile={setFile} label={t('imports.pickFile')} />
      <div className="form-grid">
        <Field label={t('fields.pool')}>
          {(id) => <PoolSelect id={id} value={o.poolId} onChange={(v) => set('poolId', v)} defaultLabel={t('imports.defaultPool')} />}
        </Field>
        <Field label={t('imports.source')} help={t('imports.sourceHelp')}>
          {(id) => <input id={id} maxLength={60} value={o.source} onChange={(e) => set('source', e.target.value)} />}
        </Field>
        <Field label={t('imports.country')} help={t('imports.countryHelp')}>
          {(id) => <input id={id} maxLength={100} value={o.country} onChange={(e) => set('country', e.target.value)} placeholder="CN" />}
        </Field>
        <Field label={t('imports.existing')}>
          {(id) => (
            <select id={id} value={o.existing} onChange={(e) => set('existing', e.target.value as ImportOptions['existing'])}>
              <option value="skip">{t('imports.existingSkip')}</option>
              <option value="fill">{t('imports.existingFill')}</option>
            </select>
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={o.assign} onChange={(e) => set('assign', e.target.checked)} /> {t('imports.assign')}
        </label>
        {me.role === 'admin' && o.existing === 'fill' ? (
          <label className="check">
            <input type="checkbox" checked={o.overridePrivate} onChange={(e) => set('overridePrivate', e.target.checked)} /> {t('imports.overridePrivate')}
          </label>
        ) : null}
        <ErrorNotice error={error ?? pools.error} fields={{ file: t('imports.file'), mapping: t('imports.mapping') }} />
      </div>
      <div className="buttons">
        <button type="submit" disabled={!file || pending}>
          {pending ? t('imports.uploading') : t('imports.preview')}
        </button>
      </div>
    </form>
  );
}
