import { createBrowserRouter, RouterProvider } from 'react-router';
import { routes } from './route-table.tsx';

const router = createBrowserRouter(routes);

/**
 * Resolves once the current route's lazy page is loaded: the first render then shows the page itself, the same
 * markup the build prerendered for it, so the browser keeps the painted page rather than blanking it.
 */
export const routerReady = new Promise<void>((resolve) => {
  if (router.state.initialized) return resolve();
  const stop = router.subscribe((state) => {
    if (!state.initialized) return;
    stop();
    resolve();
  });
});

export function App() {
  return <RouterProvider router={router} />;
}
