// A previewed import: what the file would do (nothing is written yet), the first rows of each
// outcome, and the button that commits the same upload while the server still keeps it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportOutcome } from '../../api/types.js';
import { Tabs } from '../../components/tabs.js';
import { useFormat } from '../../format.js';
import { ImportCounts } from './import-progress.js';
import { OutcomeTable } from './outcome-table.js';

const OUTCOMES: ImportOutcome[] = ['created', 'duplicate', 'updated', 'refused'];

export function ImportPreview({ job, onCommit, committing }: { job: ImportJob; onCommit: () => void; committing: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = job.progress;
  const counts: Record<ImportOutcome, number> = { created: p.created, duplicate: p.duplicates, updated: p.updated, refused: p.refused };
  const first = OUTCOMES.find((o) => job.samples[o]?.length) ?? 'created';
  const [tab, setTab] = useState<ImportOutcome>(first);
  const expired = job.uploadExpiresAt !== null && Date.parse(job.uploadExpiresAt) <= Date.now();
  return (
    <section className="card" aria-labelledby="import-preview-title" data-testid="import-preview">
      <h3 id="import-preview-title">{t('imports.previewTitle', { rows: f.number(job.progress.rowsTotal) })}</h3>
      <p className="muted">{t('imports.previewHelp')}</p>
      <ImportCounts job={job} />
      <Tabs tabs={OUTCOMES.map((o) => ({ key: o, label: `${t(`imports.outcomes.${o}`)}${f.aside(counts[o])}` }))} selected={tab} onSelect={setTab} label={t('imports.samples')}>
        <OutcomeTable rows={job.samples[tab] ?? []} label={t('imports.samplesOf', { outcome: t(`imports.outcomes.${tab}`) })} />
      </Tabs>
      <div className="buttons">
        <button type="button" disabled={expired || committing || job.committedJobId != null} onClick={onCommit}>
          {t('imports.commit')}
        </button>
        <span className="muted">{expired ? t('imports.uploadExpired') : job.uploadExpiresAt ? t('imports.uploadKeptUntil', { at: f.dateTime(job.uploadExpiresAt) }) : null}</span>
      </div>
    </section>
  );
}
