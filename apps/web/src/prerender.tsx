// Built for Node by `vite-prerender.ts` at build time, never shipped to the browser: renders the pages below to
// HTML so that the first paint needs no JavaScript. The browser's first render (main.tsx) produces the same markup
// and takes the DOM over.
import { QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'preact-render-to-string';
import { StrictMode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { i18nReady } from './i18n/index.ts';
import { routes } from './route-table.tsx';
import { paths } from './routes.ts';
import { createApiClient, createQueryClient, TRPCProvider } from './trpc.ts';

/**
 * The pages a visitor most often opens first (Lighthouse measures these three), with the lazy module each route
 * loads, which the entry preloads beside the app (`data-route-chunks`).
 */
export const PRERENDERED: Array<{ path: string; module?: string }> = [
  { path: paths.register },
  { path: paths.signIn, module: 'src/features/sign-in/SignInPage.tsx' },
  { path: paths.account, module: 'src/features/account/AccountPage.tsx' },
];

/** The page at `path` as the browser's first render shows it: in Portuguese, with nothing fetched yet. */
export async function render(path: string): Promise<string> {
  await i18nReady;
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  if (!router.state.initialized) {
    await new Promise<void>((resolve) => {
      const stop = router.subscribe((state) => {
        if (!state.initialized) return;
        stop();
        resolve();
      });
    });
  }
  const queryClient = createQueryClient();
  const html = renderToString(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={createApiClient()} queryClient={queryClient}>
          <RouterProvider router={router} />
        </TRPCProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
  router.dispose();
  return html;
}
