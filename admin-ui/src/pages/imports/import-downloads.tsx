// The report of an import as files: every row (CSV, XLSX), and the refused and duplicate rows in
// the upload's own columns to fix and upload again. Fetched with the token, then saved.
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { download } from '../../api/client.js';
import type { ImportJob } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';

const FILES = [
  { name: 'report.csv', label: 'imports.reportCsv' },
  { name: 'report.xlsx', label: 'imports.reportXlsx' },
  { name: 'rejects.csv', label: 'imports.rejectsCsv' },
  { name: 'rejects.xlsx', label: 'imports.rejectsXlsx' },
] as const;

export function ImportDownloads({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const save = useMutation({ mutationFn: (name: string) => download(`/imports/${encodeURIComponent(job.id)}/${name}`, `import-${job.id}-${name}`) });
  return (
    <div data-testid="import-downloads">
      <div className="buttons">
        {FILES.map((f) => (
          <button key={f.name} type="button" className="secondary" disabled={save.isPending} onClick={() => save.mutate(f.name)} data-file={f.name}>
            {t(f.label)}
          </button>
        ))}
      </div>
      <ErrorNotice error={save.error} />
    </div>
  );
}
