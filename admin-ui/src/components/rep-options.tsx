// The options of a rep picker: "—" first, then each rep as "name (id)".
import type { Rep } from '../api/types.js';

export function RepOptions({ reps }: { reps: readonly Rep[] | undefined }) {
  return (
    <>
      <option value="">—</option>
      {reps?.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name} ({r.id})
        </option>
      ))}
    </>
  );
}
