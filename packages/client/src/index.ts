import { TRPC_MAX_BATCH_SIZE } from '@cadastro/contracts';
import type { PublicRouter } from '@cadastro/server';
import { createTRPCClient, httpBatchLink, type TRPCClient, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export interface CadastroClientOptions {
  /** Base URL of the Cadastro server, e.g. `https://cadastro.example.com.br`. */
  url: string;
  /** A service API key; sent as `Authorization: Bearer …`. */
  apiKey?: string;
  /** Override `fetch` (tests, proxies, custom agents). */
  fetch?: typeof globalThis.fetch;
}

/**
 * The typed Cadastro API for other services: every procedure with its input and output types, no hand-written
 * fetch calls and no copied types.
 *
 * ```ts
 * const cadastro = createCadastroClient({ url, apiKey });
 * const { items, nextCursor } = await cadastro.customers.list.query({ limit: 50 });
 * ```
 */
export function createCadastroClient(options: CadastroClientOptions): CadastroClient {
  const base = options.url.replace(/\/+$/, '');
  return createTRPCClient<PublicRouter>({
    links: [
      httpBatchLink({
        url: `${base}/trpc`,
        maxItems: TRPC_MAX_BATCH_SIZE, // the server refuses larger batches
        // Queries as POST: a CPF or e-mail in an input never goes into a URL (and so into access logs).
        methodOverride: 'POST',
        headers: () => (options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        ...(options.fetch && { fetch: options.fetch }),
      }),
    ],
  });
}
export type CadastroClient = TRPCClient<PublicRouter>;

export type CadastroInputs = inferRouterInputs<PublicRouter>;
export type CadastroOutputs = inferRouterOutputs<PublicRouter>;

/** The stable reason of a failed call (`CPF_TAKEN`, `NOT_FOUND`, …), if the server sent one. */
export function errorReason(error: unknown): string | undefined {
  return error instanceof TRPCClientError
    ? (error.data as { reason?: string } | undefined)?.reason
    : undefined;
}

export { TRPCClientError };
