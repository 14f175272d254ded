// The Diff tab: the published version against the editor, or two versions from the history, shown in
// the rules language by default (the readable text, comments included) or as JSON documents.
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { RuleSetFull, RuleSetInfo, VersionDiff } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { DiffView } from './diff-view.js';
import type { monaco } from './monaco-setup.js';
import { RULES_LANGUAGE } from './rules-language.js';
import type { RuleView, ValidationState } from './use-server-validation.js';

type Format = 'dsl' | 'json';
const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const languageOf = (format: Format) => (format === 'dsl' ? RULES_LANGUAGE : 'json');

/** Two versions from the history: the earlier on the left. */
export interface Comparison {
  before: RuleSetInfo;
  after: RuleSetInfo;
}

interface Props {
  published: RuleSetFull | undefined;
  /** The editor's model and the view it holds (the table view holds JSON). */
  model: monaco.editor.ITextModel;
  view: RuleView;
  validation: ValidationState;
  comparison: Comparison | null;
  onEndComparison: () => void;
}

export function DiffPanel({ published, model, view, validation, comparison, onEndComparison }: Props) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<Format>('dsl');
  const switcher = (
    <div className="view-switch" role="group" aria-label={t('rules.diffAs')}>
      {(['dsl', 'json'] as const).map((f) => (
        <button key={f} type="button" className={f === format ? 'active' : 'secondary'} aria-pressed={f === format} data-testid={`diff-${f}`} onClick={() => setFormat(f)}>
          {t(`rules.views.${f}`)}
        </button>
      ))}
    </div>
  );
  if (comparison) return <VersionsDiff comparison={comparison} format={format} switcher={switcher} onEnd={onEndComparison} />;
  if (!published) return <p>{t('rules.noPublished')}</p>;

  // The editor's own model when it holds this format (edits show live), else the server's conversion of it.
  const editorHolds = (view === 'dsl') === (format === 'dsl');
  const valid = validation.status === 'done' && validation.problems.length === 0;
  const converted = !valid ? undefined : format === 'dsl' ? validation.source : pretty(validation.document);
  const modified = editorHolds ? model : converted;
  return (
    <>
      {switcher}
      <p className="muted">{t('rules.diffTitle', { version: published.version })}</p>
      {modified === undefined ? (
        <p className="notice warning">{t('rules.diffNeedsValid')}</p>
      ) : (
        <DiffView original={format === 'dsl' ? published.source : pretty(published.document)} modified={modified} language={languageOf(format)} />
      )}
    </>
  );
}

function VersionsDiff({ comparison, format, switcher, onEnd }: { comparison: Comparison; format: Format; switcher: ReactNode; onEnd: () => void }) {
  const { t } = useTranslation();
  const { before, after } = comparison;
  const diff = useQuery({
    queryKey: ['rule-set-diff', after.id, before.id, format],
    queryFn: () => api.get<VersionDiff>(`/rule-sets/${after.id}/diff?against=${before.id}&format=${format}`),
    staleTime: Infinity,
  });
  return (
    <>
      {switcher}
      <p className="muted">
        {t('rules.compareTitle', { before: before.version, after: after.version })}{' '}
        <button type="button" className="link" onClick={onEnd}>
          {t('rules.endComparison')}
        </button>
      </p>
      <ErrorNotice error={diff.error} />
      {diff.data ? <DiffView original={diff.data.text.before} modified={diff.data.text.after} language={languageOf(format)} /> : <p>{t('common.loading')}</p>}
    </>
  );
}
