// Who may sign an approval level, in words: "the rep's manager", "an admin", or a named rep.
import { useTranslation } from 'react-i18next';
import type { Approver } from '../api/types.js';

export function useApproverText() {
  const { t } = useTranslation();
  return (approvers: readonly Approver[]) =>
    approvers.map((a) => ('rep' in a ? t('approvers.rep', { rep: a.rep }) : t(`approvers.${a.role}`))).join(t('approvers.or'));
}
