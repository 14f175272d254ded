// The signed-in user: the API token (kept in localStorage) and who it belongs to (GET /me).
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { request, setToken, setUnauthenticatedHandler } from '../api/client.js';
import type { Rep } from '../api/types.js';

const STORAGE_KEY = 'highseas.token';

interface Session {
  me: Rep | null;
  /** True while a stored token is being checked at start-up. */
  restoring: boolean;
  signIn(token: string): Promise<Rep>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [me, setMe] = useState<Rep | null>(null);
  const [restoring, setRestoring] = useState(() => localStorage.getItem(STORAGE_KEY) !== null);

  const signOut = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    setToken(null);
    setMe(null);
    queryClient.clear();
  }, [queryClient]);

  const signIn = useCallback(async (token: string) => {
    const rep = await request<Rep>('GET', '/me', undefined, token);
    localStorage.setItem(STORAGE_KEY, token);
    setToken(token);
    queryClient.clear();
    setMe(rep);
    return rep;
  }, [queryClient]);

  // Restoring a stored token (a reload) checks it once and keeps the query cache: clearing the cache
  // under mounted pages would leave their queries waiting for answers that never arrive.
  const restore = useRef<Promise<void> | null>(null);
  useEffect(() => {
    setUnauthenticatedHandler(signOut);
    const stored = localStorage.getItem(STORAGE_KEY);
    if (!stored || restore.current) return;
    restore.current = request<Rep>('GET', '/me', undefined, stored)
      .then((rep) => {
        setToken(stored);
        setMe(rep);
      })
      .catch(() => signOut())
      .finally(() => setRestoring(false));
  }, [signOut]);

  const value = useMemo(() => ({ me, restoring, signIn, signOut }), [me, restoring, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in rep; only for pages behind the sign-in guard. */
export function useMe(): Rep {
  const { me } = useSession();
  if (!me) throw new Error('not signed in');
  return me;
}
