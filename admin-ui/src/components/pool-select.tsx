// The pools a customer can be put in, as a <select> whose empty choice is the default pool (the
// server's choice), and the query behind it (its names also name a pool in notices).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Pool } from '../api/types.js';

/** The shipped default pool is named in the UI's language (schemas/pool-name.ts): the language is part of the key. */
export const usePools = () => {
  const { i18n } = useTranslation();
  return useQuery({ queryKey: ['pools', i18n.resolvedLanguage], queryFn: () => api.get<{ items: Pool[] }>('/pools') });
};

export function PoolSelect({ id, value, onChange, defaultLabel }: { id: string; value: string; onChange: (poolId: string) => void; /** The empty choice's words. */ defaultLabel: string }) {
  const pools = usePools();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{defaultLabel}</option>
      {(pools.data?.items ?? []).map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
