import { type ReactNode, useEffect, useState } from 'react';

let hydrated = false;

/**
 * `children` once the app runs in the browser; before that — in the page prerendered at build time
 * (vite-prerender.ts) and in the render that hydrates it — an empty block of about the same height. A form must not
 * be typed into before its script handles it: what was typed would be unmasked, and lost to the form's state. After
 * the first hydration, pages render `children` at once.
 */
export function AfterHydration({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(hydrated);
  useEffect(() => {
    hydrated = true;
    setReady(true);
  }, []);
  return ready ? children : <div className="form-placeholder" />;
}

let restShown = false;

/**
 * False on the first render of a long page (a form, Minha conta) on a freshly loaded page, true one task later and
 * from then on at once: the page renders its first part, then the rest, as two short tasks instead of one that would
 * keep a slow phone from answering input for over 100 ms. The rest lies below the first screen.
 */
export function useRestLater(): boolean {
  const [shown, setShown] = useState(restShown);
  useEffect(() => {
    if (shown) return;
    const timer = setTimeout(() => {
      restShown = true;
      setShown(true);
    }, 0);
    return () => clearTimeout(timer);
  }, [shown]);
  return shown;
}
