// Reps by name for texts that carry only their ids (a rule version's author, a test case's editor):
// the reps the reader may list; one they may not is left to its id.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Rep } from '../api/types.js';

export function useRepName(): (id: string) => string | null {
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => api.get<{ items: Rep[] }>('/reps') });
  return (id) => reps.data?.items.find((r) => r.id === id)?.name ?? null;
}
