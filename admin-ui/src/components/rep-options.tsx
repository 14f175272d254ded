// The options of a rep picker: "—" first, then each rep as "name (id)", a deactivated one marked so.
import { useTranslation } from 'react-i18next';
import type { Rep } from '../api/types.js';

export function RepOptions({ reps }: { reps: readonly Rep[] | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">—</option>
      {reps?.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name} ({r.id}){r.active ? '' : ` · ${t('common.deactivated')}`}
        </option>
      ))}
    </>
  );
}
