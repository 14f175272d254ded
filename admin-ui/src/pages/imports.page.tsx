// Imports (R11): drop a CSV or XLSX file, choose the options, preview what it would do, map the
// columns the server did not recognise, commit, follow the progress, read and download the report.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client.js';
import type { ImportJob } from '../api/types.js';
import { useAction } from '../api/use-action.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ColumnMapping } from './imports/column-mapping.js';
import { ImportJobView } from './imports/import-job.js';
import { startImport, type Upload } from './imports/import-upload.js';
import { RecentImports } from './imports/recent-imports.js';
import { UploadForm } from './imports/upload-form.js';

/**
 * The file's columns when an upload was refused because none of them holds the company name: the
 * API names them (`details.columns`, with the ones it recognised in `details.mapping`), so the
 * person can say which column it is and send the file again with that mapping.
 */
function refusedColumns(error: unknown): { mapping: Record<string, string>; unmapped: string[] } | null {
  if (!(error instanceof ApiError) || !error.issues.some((i) => i.pointer === '/mapping')) return null;
  const columns = error.details.columns;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) return null;
  const mapping = (error.details.mapping ?? {}) as Record<string, string>;
  return { mapping, unmapped: columns.filter((c) => !mapping[c]) };
}

export function ImportsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const open = (job: ImportJob) => void navigate(`/imports/${encodeURIComponent(job.id)}`);
  const preview = useAction({ mutationFn: (upload: Upload) => startImport(upload, 'preview'), onSuccess: open, invalidates: [['imports']] });
  // A job's kept upload previewed again with another mapping: no file needed, from any browser.
  const remap = useAction({
    mutationFn: (v: { id: string; mapping: Record<string, string> }) => api.post<ImportJob>(`/imports/${encodeURIComponent(v.id)}/remap`, { mapping: v.mapping }),
    onSuccess: open,
    invalidates: [['imports']],
  });
  const refused = id ? null : refusedColumns(preview.error);
  const sent = preview.variables;
  return (
    <div className="imports">
      <h1>{t('imports.title')}</h1>
      {id ? (
        <>
          <p>
            <Link to="/imports">{t('imports.newImport')}</Link>
          </p>
          <ErrorNotice error={remap.error} />
          <ImportJobView id={id} onRemap={(mapping) => remap.mutate({ id, mapping })} remapping={remap.isPending} />
        </>
      ) : (
        <>
          <UploadForm onPreview={(u) => preview.mutate(u)} pending={preview.isPending} error={preview.error} />
          {refused && sent ? (
            <ColumnMapping
              key={`${sent.file.name}:${sent.file.lastModified}:${JSON.stringify(sent.mapping ?? {})}`}
              mapping={refused.mapping}
              unmapped={refused.unmapped}
              missingCompany
              onApply={(mapping) => preview.mutate({ ...sent, mapping })}
              pending={preview.isPending}
            />
          ) : null}
        </>
      )}
      <RecentImports current={id} />
    </div>
  );
}
