// Where an import job stands, as a coloured badge.
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../api/types.js';

export function StatusBadge({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  return (
    <span className={`badge import-${job.status}`} data-testid="import-status" data-status={job.status}>
      {t(`imports.statuses.${job.status}`)}
    </span>
  );
}
