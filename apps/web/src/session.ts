import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from './trpc.ts';

/** Who is signed in (customer, operator or nobody), from `auth.me`. */
export function useSession() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions());
}

/** Signs out and forgets everything cached for the previous session. */
export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: async () => {
        queryClient.clear();
        await queryClient.invalidateQueries();
      },
    }),
  );
}
