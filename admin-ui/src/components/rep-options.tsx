// The options of a rep picker: "—" first, then each rep as the UI names reps ("Li Wei (li)", "李伟（li）"),
// a deactivated one marked so.
import { useTranslation } from 'react-i18next';
import type { Rep } from '../api/types.js';
import { useFormat } from '../format.js';

export function RepOptions({ reps }: { reps: readonly Rep[] | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <option value="">—</option>
      {reps?.map((r) => (
        <option key={r.id} value={r.id}>
          {f.rep(r.id, r.name)}{r.active ? '' : ` · ${t('common.deactivated')}`}
        </option>
      ))}
    </>
  );
}
