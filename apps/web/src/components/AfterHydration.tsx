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
