// Which rows of a table are selected for a bulk action.
import { useState } from 'react';

export function useSelection() {
  const [selected, setSelected] = useState<string[]>([]);
  return {
    selected,
    has: (id: string) => selected.includes(id),
    toggle: (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id])),
    clear: () => setSelected([]),
  };
}
