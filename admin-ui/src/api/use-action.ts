// One way for a page to call the API and react: the page's success notice is cleared when the
// action starts and set from `message` when it succeeds, then the queries it makes stale are
// refetched. A refusal stays on the returned mutation (`error`) for an ErrorNotice to show.
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

export interface ActionOptions<TData, TVars> {
  mutationFn: (vars: TVars) => Promise<TData>;
  /** The page's notice setter: cleared when the action starts. */
  notice?: (message: string | null) => void;
  /** The notice after success. */
  message?: (data: TData, vars: TVars) => string;
  /** Anything else to do after success; a promise keeps the action pending until it settles. */
  onSuccess?: (data: TData, vars: TVars) => void | Promise<void>;
  /** Queries to refetch after success (not awaited). */
  invalidates?: readonly QueryKey[] | ((data: TData, vars: TVars) => readonly QueryKey[]);
}

export function useAction<TData = unknown, TVars = void>({ mutationFn, notice, message, onSuccess, invalidates = [] }: ActionOptions<TData, TVars>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    ...(notice ? { onMutate: () => notice(null) } : {}),
    onSuccess: (data: TData, vars: TVars) => {
      if (notice && message) notice(message(data, vars));
      const done = onSuccess?.(data, vars);
      for (const queryKey of typeof invalidates === 'function' ? invalidates(data, vars) : invalidates) void queryClient.invalidateQueries({ queryKey });
      // Whatever was done may have settled what the inbox holds (an approval or a dispute decided
      // marks its requests read; a move tells people): the bell and the list are asked again now,
      // not at their next poll.
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      return done;
    },
  });
}
