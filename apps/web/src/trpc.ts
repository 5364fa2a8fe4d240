import type { AppRouter } from '@cadastro/server';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The stable reason (`ErrorReason`) of a failed call, or `unexpected`. */
export function reasonOf(error: unknown): string {
  const data = error instanceof TRPCClientError ? (error.data as { reason?: string } | undefined) : undefined;
  return data?.reason ?? 'unexpected';
}

/** Same origin as the SPA: the server serves both, and the Vite dev server proxies `/trpc` to it. */
export function createApiClient() {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc' })] });
}

/** Errors the server answered deliberately (4xx) will not change on a retry. */
function isClientError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
  return status !== undefined && status < 500;
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => failures < 2 && !isClientError(error),
      },
      mutations: { retry: false },
    },
  });
}
