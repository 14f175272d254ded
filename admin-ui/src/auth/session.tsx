// The signed-in user: who the session cookie belongs to (GET /me). The cookie is HTTP-only, set by
// POST /auth/sign-in and removed by POST /auth/sign-out; this browser stores no secret of its own.
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, request, setUnauthenticatedHandler } from '../api/client.js';
import type { Rep } from '../api/types.js';

/** Where earlier versions kept an API token; removed if a browser still has one. */
const LEGACY_TOKEN_KEY = 'highseas.token';

interface Session {
  me: Rep | null;
  /** True while the start-up check (is there a session?) runs. */
  restoring: boolean;
  signIn(email: string, password: string): Promise<Rep>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [me, setMe] = useState<Rep | null>(null);
  const [restoring, setRestoring] = useState(true);

  const signedIn = useRef(false);
  /**
   * The session is gone (signed out here or elsewhere, expired): forget who was signed in. Only
   * then: a 401 while nobody is signed in (the start-up check, the invitation page) clears nothing,
   * since clearing the cache under mounted pages would leave their queries waiting forever.
   */
  const ended = useCallback(() => {
    if (!signedIn.current) return;
    signedIn.current = false;
    setMe(null);
    queryClient.clear();
  }, [queryClient]);

  const signOut = useCallback(async () => {
    await api.post('/auth/sign-out').catch(() => {});
    ended();
  }, [ended]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      await request('POST', '/auth/sign-in', { email, password });
      const rep = await request<Rep>('GET', '/me');
      queryClient.clear();
      signedIn.current = true;
      setMe(rep);
      return rep;
    },
    [queryClient],
  );

  // A reload asks once whether the cookie still holds a session, keeping the query cache: clearing
  // it under mounted pages would leave their queries waiting for answers that never arrive.
  const restore = useRef<Promise<void> | null>(null);
  useEffect(() => {
    setUnauthenticatedHandler(ended);
    localStorage.removeItem(LEGACY_TOKEN_KEY);
    if (restore.current) return;
    restore.current = request<Rep>('GET', '/me')
      .then((rep) => {
        signedIn.current = true;
        setMe(rep);
      })
      .catch(() => setMe(null))
      .finally(() => setRestoring(false));
  }, [ended]);

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
