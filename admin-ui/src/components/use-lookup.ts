// The duplicate look-up (查重) while typing: the text settles for a moment, then one GET
// /customers/lookup; the server limits look-ups per rep, so keystrokes are not each a request.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client.js';
import type { LookupResult } from '../api/types.js';

const SETTLE_MS = 400;

export function useDebounced(value: string, ms = SETTLE_MS): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function useLookup(text: string) {
  const q = useDebounced(text.trim());
  const { i18n } = useTranslation();
  return useQuery({
    // Pool names are in the UI's language.
    queryKey: ['lookup', q, i18n.resolvedLanguage],
    queryFn: () => api.get<LookupResult>(`/customers/lookup${query({ q })}`),
    enabled: q.length >= 2,
    retry: false,
    staleTime: 30_000,
    // Each look-up is counted and logged: only when the text changes.
    refetchOnWindowFocus: false,
  });
}
