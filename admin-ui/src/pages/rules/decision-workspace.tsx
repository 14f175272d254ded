// One decision's workspace: the editor (or the diff against the published version) beside the
// problems, save/publish, simulation and version history. The editor shows the rules language by
// default and JSON for experts; switching converts through the server and loses nothing.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { api } from '../../api/client.js';
import { useMe } from '../../auth/session.js';
import { useAction } from '../../api/use-action.js';
import type { DecisionInfo, RuleSetFull, RuleSetInfo } from '../../api/types.js';
import type { DecisionTable } from '../../../../schemas/decision-table/index.js';
import type { RuleSetDocument } from '../../../../schemas/rule-set.js';
import { asideText } from '../../format.js';
import { contentLanguage, inLanguage } from '../../i18n/language.js';
import { CodeEditor } from './code-editor.js';
import { DecisionGrid } from './decision-grid.js';
import { type Comparison, DiffPanel } from './diff-panel.js';
import { bindSchema, type monaco, modelFor } from './monaco-setup.js';
import { registerRulesLanguage, rulesModelFor, setVocabulary, type Lang, type Vocabulary } from './rules-language.js';
import { Tabs } from '../../components/tabs.js';
import { useDraftActions } from './use-draft-actions.js';
import { type RuleView, useServerValidation } from './use-server-validation.js';
import { WorkspaceSide } from './workspace-side.js';

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

export function DecisionWorkspace({ info }: { info: DecisionInfo }) {
  const { t, i18n } = useTranslation();
  const decision = info.name;
  const [main, setMain] = useState<'editor' | 'diff'>('editor');
  /** Two versions from the history shown in the Diff tab instead of the published one against the editor. */
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [view, setView] = useState<RuleView>('dsl');
  const [base, setBase] = useState<RuleSetInfo | null>(null);
  const [savedText, setSavedText] = useState('');
  const [text, setText] = useState('');
  const [model, setModel] = useState<monaco.editor.ITextModel | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [switchRefused, setSwitchRefused] = useState(false);
  /** A view asked for before the server had read the editor's latest text (a table cell committed by the click itself). */
  const [pendingSwitch, setPendingSwitch] = useState<RuleView | null>(null);
  /** The text each view had when the other was opened: switching back unedited restores it (comments too). */
  const switchedFrom = useRef<{ view: RuleView; text: string; converted: string } | null>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  /** The table view's last edit and the JSON text it produced: shown while that text is the editor's (it keeps a column added but not used yet). */
  const [edited, setEdited] = useState<{ text: string; table: DecisionTable; document: RuleSetDocument } | null>(null);
  const lang: Lang = contentLanguage(i18n.language);
  /** Only admins change rules; the others read them (the editor is read-only for them). */
  const canEdit = useMe().role === 'admin';
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    registerRulesLanguage(() => langRef.current);
  }, []);
  useEffect(() => {
    setVocabulary(decision, vocabularyOf(info));
  }, [decision, info]);
  const schema = useQuery({ queryKey: ['schema', decision], queryFn: () => api.get<object>(`/decisions/${decision}/schema`), staleTime: Infinity });
  useEffect(() => {
    if (schema.data) bindSchema(decision, schema.data);
  }, [decision, schema.data]);
  const versions = useQuery({ queryKey: ['rule-sets', decision], queryFn: () => api.get<{ items: RuleSetInfo[] }>(`/rule-sets?decision=${decision}`) });
  const published = useQuery({
    queryKey: ['rule-set', info.published?.id],
    queryFn: () => api.get<RuleSetFull>(`/rule-sets/${info.published!.id}`),
    enabled: info.published !== null,
    staleTime: Infinity,
  });

  const show = (v: RuleView, value: string) => {
    setView(v);
    setText(value);
    setModel(v === 'dsl' ? rulesModelFor(decision, value) : modelFor(decision, value));
  };
  const load = (v: RuleSetFull) => {
    const value = view === 'dsl' ? v.source : pretty(v.document);
    setBase(v);
    setSavedText(value);
    switchedFrom.current = null;
    show(view, value);
  };
  // Start from the published version (or an empty rule set when nothing is published).
  useEffect(() => {
    if (base || model) return;
    if (published.data) load(published.data);
    else if (info.published === null) {
      const value = `decision ${decision}\nhit policy ${info.hitPolicy}\n`;
      setSavedText(value);
      show('dsl', value);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [published.data, info.published]);

  const validation = useServerValidation(model, text, view);
  // Edits not saved as a draft are not left behind unasked: another decision, another page, a reload.
  const unsaved = canEdit && model !== null && text !== savedText;
  const leaving = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  const valid = validation.status === 'done' && validation.problems.length === 0;

  /**
   * Shows the other view, converted by the server's verdict on the editor's current text; refused
   * while the text has problems. Asked before that verdict (a table cell's edit committed by this
   * very click), it waits for it: converting by an older verdict would drop the edit.
   */
  const switchTo = (next: RuleView) => {
    if (next === view) return;
    if (validation.status === 'checking' || (validation.status === 'done' && validation.text !== text)) {
      setPendingSwitch(next);
      return;
    }
    setPendingSwitch(null);
    if (!valid) {
      setNotice(null);
      setSwitchRefused(true);
      return;
    }
    setSwitchRefused(false);
    const back = switchedFrom.current;
    const converted =
      back && back.view === next && back.converted === text ? back.text : next === 'dsl' ? (validation.source ?? '') : pretty(validation.document);
    switchedFrom.current = { view, text, converted };
    if (text === savedText) setSavedText(converted);
    show(next, converted);
  };

  useEffect(() => {
    if (pendingSwitch && (validation.status !== 'checking' && (validation.status !== 'done' || validation.text === text))) switchTo(pendingSwitch);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pendingSwitch, validation, text]);

  /** A table edit: the editor's text becomes the new document's JSON. */
  const editTable = (table: DecisionTable, document: RuleSetDocument) => {
    const value = pretty(document);
    setEdited({ text: value, table, document });
    show('table', value);
  };
  const shownTable =
    edited && edited.text === text
      ? { table: edited.table, document: edited.document }
      : valid && validation.table
        ? { table: validation.table, document: validation.document as RuleSetDocument }
        : null;

  const { refresh, saveDraft, publish } = useDraftActions({ decision, view, text, savedText, base, setBase, setSavedText, setNotice });
  const open = useAction({
    mutationFn: (v: RuleSetInfo) => api.get<RuleSetFull>(`/rule-sets/${v.id}`),
    onSuccess: (v) => {
      load(v);
      setMain('editor');
    },
  });

  const what = base ? (base.status === 'draft' ? t('rules.draftVersion', { version: base.version }) : `${t('rules.versionOf', { version: base.version })}${asideText(t(`rules.status.${base.status}`), lang)}`) : '—';
  const busy = saveDraft.isPending || publish.isPending;
  // A draft saved earlier (by anyone) that is newer than what the editor opened: offered, not lost from sight.
  const newerDraft = (versions.data?.items ?? []).filter((v) => v.status === 'draft' && (base === null || v.version > base.version) && v.id !== base?.id).sort((a, b) => b.version - a.version)[0];

  return (
    <div className="workspace">
      <div className="workspace-main">
        <p className="muted">
          <span data-testid="decision-description">{inLanguage(info.description, i18n.language)}</span> {t('rules.whenNothingFires', { what: inLanguage(info.whenNothingFires, i18n.language) })} ·{' '}
          {t('rules.hitPolicy', { policy: t(`rules.hitPolicies.${info.hitPolicy}`) })} · <span data-testid="editing">{t('rules.editing', { what })}</span>
          {text !== savedText ? ' •' : ''}
          {canEdit ? null : <span data-testid="read-only"> · {t('rules.readOnly')}</span>}
        </p>
        {leaving.state === 'blocked' ? (
          <div className="notice" role="alertdialog" aria-label={t('rules.unsavedTitle')} data-testid="unsaved-changes">
            <p>{t('rules.unsaved', { decision: inLanguage(info.label, i18n.language) })}</p>
            <button type="button" onClick={() => leaving.reset()} autoFocus>
              {t('rules.stay')}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => leaving.proceed()}>
              {t('rules.discardAndLeave')}
            </button>
          </div>
        ) : null}
        {newerDraft ? (
          <p className="notice" data-testid="newer-draft">
            {t('rules.newerDraft', { version: newerDraft.version })}{' '}
            <button type="button" className="secondary" disabled={open.isPending} onClick={() => open.mutate(newerDraft)}>
              {t('rules.openDraft', { version: newerDraft.version })}
            </button>
          </p>
        ) : null}
        <div className="view-switch" role="group" aria-label={t('rules.view')}>
          {(['dsl', 'json', 'table'] as const).map((v) => (
            <button key={v} type="button" className={v === view ? 'active' : 'secondary'} aria-pressed={v === view} data-testid={`view-${v}`} onClick={() => switchTo(v)}>
              {t(`rules.views.${v}`)}
            </button>
          ))}
          {switchRefused && !valid ? <span className="notice error">{t('rules.switchRefused')}</span> : null}
        </div>
        <Tabs
          label={t('rules.editor')}
          tabs={[
            { key: 'editor', label: t('rules.editor') },
            { key: 'diff', label: t('rules.diff') },
          ]}
          selected={main}
          onSelect={setMain}
        >
          {!model ? (
            <p>{t('common.loading')}</p>
          ) : main === 'editor' && view === 'table' ? (
            shownTable ? (
              <DecisionGrid
                info={info}
                table={shownTable.table}
                document={shownTable.document}
                warnings={validation.status === 'done' ? validation.warnings : []}
                errors={validation.status === 'done' ? validation.problems : []}
                onEdit={editTable}
                onOpenText={() => switchTo('dsl')}
              />
            ) : (
              <p>{t('common.loading')}</p>
            )
          ) : main === 'editor' ? (
            <CodeEditor model={model} onChange={setText} readOnly={!canEdit} label={`${t('rules.editor')}: ${decision}`} onReady={(e) => (editorRef.current = e)} />
          ) : (
            <DiffPanel published={published.data} model={model} view={view} validation={validation} comparison={comparison} onEndComparison={() => setComparison(null)} />
          )}
        </Tabs>
      </div>
      <WorkspaceSide
        decision={decision}
        validation={validation}
        valid={valid}
        tests={valid ? validation.tests : undefined}
        document={valid ? validation.document : undefined}
        table={view === 'table' && shownTable ? shownTable.table : undefined}
        notice={notice}
        error={saveDraft.error ?? publish.error ?? open.error}
        busy={busy}
        onJump={(p) => {
          setMain('editor');
          editorRef.current?.setPosition({ lineNumber: p.line, column: p.column });
          editorRef.current?.revealLineInCenter(p.line);
          editorRef.current?.focus();
        }}
        onSave={(c) => saveDraft.mutate(c)}
        onPublish={(c) => publish.mutate(c)}
        versions={versions.data?.items ?? []}
        onOpen={(v) => open.mutate(v)}
        onCompare={(before, after) => {
          setComparison({ before, after });
          setMain('diff');
        }}
        onRolledBack={async (message) => {
          setNotice(message);
          await refresh();
        }}
      />
    </div>
  );
}

/** Completion and hover vocabulary of a decision, from its contract as GET /decisions gives it. */
function vocabularyOf(info: DecisionInfo): Vocabulary {
  return info;
}
