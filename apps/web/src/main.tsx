import './styles.css';

/**
 * Resolves once the browser has painted the page as the HTML brought it (a frame, then a task after it), or after
 * `fallbackMs` in a tab that paints no frames (hidden).
 */
function afterFirstPaint(fallbackMs: number): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, fallbackMs);
  });
}

// A prerendered page (vite-prerender.ts) is painted before the app is fetched: its ~100 KB of JavaScript does not
// compete with the stylesheet for a slow connection, nor its evaluation with the first paint. A page without
// prerendered content has nothing to show first and starts at once.
const root = document.getElementById('root');
void (root?.firstChild ? afterFirstPaint(200) : Promise.resolve()).then(() => {
  // The route's lazy page (named by the build), fetched beside the app rather than after it has run.
  for (const href of root?.dataset.routeChunks?.split(' ') ?? []) {
    const link = Object.assign(document.createElement('link'), {
      rel: 'modulepreload',
      href,
      crossOrigin: '',
    });
    document.head.append(link);
  }
  return import('./start.tsx');
});
