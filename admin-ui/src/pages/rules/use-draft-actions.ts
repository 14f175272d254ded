// Saving the decision workspace's text as a draft, and publishing it, with the lists refreshed after.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Published, RuleSetFull, RuleSetInfo } from '../../api/types.js';
import { parseDocument, type RuleView } from './use-server-validation.js';

interface Editing {
  decision: string;
  view: RuleView;
  /** The editor's text now, and the text last saved (or opened). */
  text: string;
  savedText: string;
  /** The version the editor opened (or saved last). */
  base: RuleSetInfo | null;
  setBase: (v: RuleSetInfo) => void;
  setSavedText: (text: string) => void;
  setNotice: (message: string | null) => void;
}

export function useDraftActions({ decision, view, text, savedText, base, setBase, setSavedText, setNotice }: Editing) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['decisions'] });
    await queryClient.invalidateQueries({ queryKey: ['rule-sets', decision] });
  };

  const save = async (comment: string): Promise<RuleSetFull> => {
    // What the editor holds now (the server's last verdict may be of an older text).
    const body = { ...(view === 'dsl' ? { format: 'dsl', source: text } : { document: parseDocument(text) }), ...(comment ? { comment } : {}) };
    const saved =
      base?.status === 'draft'
        ? await api.put<RuleSetFull>(`/rule-sets/${base.id}`, body)
        : await api.post<RuleSetFull>('/rule-sets', body);
    setBase(saved);
    setSavedText(text);
    return saved;
  };
  const saveDraft = useAction({
    mutationFn: save,
    notice: setNotice,
    message: (saved) => t('rules.saved', { version: saved.version }),
    onSuccess: refresh,
  });
  const publish = useAction({
    mutationFn: async (comment: string) => {
      const draft = base?.status === 'draft' && text === savedText ? base : await save(comment);
      try {
        return await api.post<Published>(`/rule-sets/${draft.id}/publish`, comment ? { comment } : {});
      } catch (e) {
        // Refused (a failing test case …): the draft it saved is a version now; the lists say so.
        await refresh();
        throw e;
      }
    },
    notice: setNotice,
    message: (res) => t('rules.publishedOk', { version: res.published.version }),
    onSuccess: async (res) => {
      setBase(res.published);
      await refresh();
    },
  });

  return { refresh, saveDraft, publish };
}
