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
  return (
    <>
      {switcher}
      <p className="muted">{t('rules.diffTitle', { version: published.version })}</p>
      <EditorDiff published={published} model={model} view={view} validation={validation} format={format} />
    </>
  );
}

/** The published version against the editor's text, in `format`. */
function EditorDiff({ published, model, view, validation, format }: { published: RuleSetFull; model: monaco.editor.ITextModel; view: RuleView; validation: ValidationState; format: Format }) {
  const { t } = useTranslation();
  // The editor's own model when it holds this format (edits show live), else the server's conversion of it.
  const editorHolds = (view === 'dsl') === (format === 'dsl');
  // The JSON and table views' text is printed from the document; so is the published text it is
  // compared with then (the version's text against itself), or layout would show as changes.
  const printed = useQuery({
    queryKey: ['rule-set-diff', published.id, published.id, 'dsl'],
    queryFn: () => api.get<VersionDiff>(`/rule-sets/${published.id}/diff?against=${published.id}`),
    enabled: format === 'dsl' && !editorHolds,
    staleTime: Infinity,
  });
  const valid = validation.status === 'done' && validation.problems.length === 0;
  const converted = !valid ? undefined : format === 'dsl' ? validation.source : pretty(validation.document);
  const modified = editorHolds ? model : converted;
  const original = format === 'json' ? pretty(published.document) : editorHolds ? published.source : printed.data?.text.after;
  if (modified === undefined) return <p className="notice warning">{t('rules.diffNeedsValid')}</p>;
  if (original === undefined) return printed.error ? <ErrorNotice error={printed.error} /> : <p>{t('common.loading')}</p>;
  return <DiffView original={original} modified={modified} language={languageOf(format)} />;
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
