// Who may sign an approval level, in words: "the rep's manager", "an admin", or a named rep.
import { useTranslation } from 'react-i18next';
import type { Approver } from '../api/types.js';
import { useFormat } from '../format.js';

export function useApproverText() {
  const { t } = useTranslation();
  const f = useFormat();
  return (approvers: readonly Approver[]) =>
    approvers.map((a) => ('rep' in a ? t('approvers.rep', { rep: f.rep(a.rep, a.name) }) : t(`approvers.${a.role}`))).join(t('approvers.or'));
}
