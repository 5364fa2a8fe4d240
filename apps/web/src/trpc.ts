import type { AppRouter } from '@cadastro/server';
import { QueryClient } from '@tanstack/react-query';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The stable reason (`ErrorReason`) of a failed call, or `unexpected`. */
export function reasonOf(error: unknown): string {
  const data = error instanceof TRPCClientError ? (error.data as { reason?: string } | undefined) : undefined;
  return data?.reason ?? 'unexpected';
}

/**
 * Same origin as the SPA: the server serves both, and the Vite dev server proxies `/trpc` to it. Subscriptions
 * (backup progress) go over server-sent events; the session cookie goes along as with any same-origin request.
 */
export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/trpc' }),
        // Queries as POST: personal data in an input (a CPF search) never goes into a URL.
        false: httpBatchLink({ url: '/trpc', methodOverride: 'POST' }),
      }),
    ],
  });
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
