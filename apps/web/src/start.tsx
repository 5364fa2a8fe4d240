// The app itself: main.tsx imports it once the page, prerendered or not, has been painted.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App, routerReady } from './App.tsx';
import { i18n, i18nReady } from './i18n/index.ts';
import { DEFAULT_LANGUAGE } from './i18n/languages.ts';
import { createApiClient, createQueryClient, TRPCProvider } from './trpc.ts';

const queryClient = createQueryClient();
const apiClient = createApiClient();

const app = (
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={apiClient} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>
);

// Some pages arrive prerendered in Portuguese (vite-prerender.ts): hydrating keeps those very DOM nodes on screen, so
// the page painted before any script ran stays as it is. In another language the page is drawn afresh.
// Hydrating is a task of its own, after the one that evaluated the modules: on a slow phone each is a few dozen
// milliseconds, together they would block input for over a hundred.
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
void Promise.all([i18nReady, routerReady, nextTask()]).then(() => {
  const root = document.getElementById('root')!;
  if (root.firstChild && i18n.language === DEFAULT_LANGUAGE) return hydrateRoot(root, app);
  root.replaceChildren();
  createRoot(root).render(app);
});
