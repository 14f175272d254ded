// Imports (R11): drop a CSV or XLSX file, choose the options, preview what it would do, map the
// columns the server did not recognise, commit, follow the progress, read and download the report.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAction } from '../api/use-action.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ImportJobView } from './imports/import-job.js';
import { startImport, type Upload } from './imports/import-upload.js';
import { RecentImports } from './imports/recent-imports.js';
import { UploadForm } from './imports/upload-form.js';

export function ImportsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  // The file behind the latest preview, kept so that a new mapping can be previewed without picking it again.
  const [last, setLast] = useState<{ upload: Upload; jobId: string } | null>(null);
  const preview = useAction({
    mutationFn: (upload: Upload) => startImport(upload, 'preview'),
    onSuccess: (job, upload) => {
      setLast({ upload, jobId: job.id });
      void navigate(`/imports/${encodeURIComponent(job.id)}`);
    },
    invalidates: [['imports']],
  });
  const upload = last && last.jobId === id ? last.upload : null;
  return (
    <div className="imports">
      <h1>{t('imports.title')}</h1>
      {id ? (
        <>
          <p>
            <Link to="/imports">{t('imports.newImport')}</Link>
          </p>
          <ErrorNotice error={preview.error} />
          <ImportJobView id={id} onRemap={upload ? (mapping) => preview.mutate({ ...upload, mapping }) : undefined} remapping={preview.isPending} />
        </>
      ) : (
        <UploadForm onPreview={(u) => preview.mutate(u)} pending={preview.isPending} error={preview.error} />
      )}
      <RecentImports current={id} />
    </div>
  );
}
