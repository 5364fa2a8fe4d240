import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin, type ResolvedConfig, type Rollup } from 'vite';

const ROOT = '<div id="root"></div>';

/** Where the page for `path` is written: `/` in index.html, `/entrar` in entrar/index.html. */
export function prerenderedFile(path: string): string {
  return path === '/' ? 'index.html' : `${path.slice(1)}/index.html`;
}

/**
 * The files of a route's lazy chunk and of the chunks it imports: the entry (src/main.tsx) preloads them beside the
 * app once the page has painted, so they download together rather than after the app has run.
 */
function routeChunkFiles(bundle: Rollup.OutputBundle, modulePath: string | undefined): string[] {
  if (!modulePath) return [];
  const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
  const chunk = chunks.find((c) => c.facadeModuleId === modulePath);
  if (!chunk) throw new Error(`prerender: no chunk is built from ${modulePath}`);
  return [chunk.fileName, ...chunk.imports].map((file) => `/${file}`);
}

/**
 * A prerendered page is readable before its script runs: the entry, a few KB that fetches the app once the page has
 * painted, is fetched at low priority (`fetchpriority="low"`), after the stylesheet.
 */
function withLowPriorityScripts(html: string): string {
  return html.replaceAll(
    '<script type="module" crossorigin',
    '<script type="module" fetchpriority="low" crossorigin',
  );
}

/**
 * Prerenders the pages `src/prerender.tsx` lists into the built HTML, so their heading and form paint before any
 * script has run (first contentful paint on a slow phone waits for no JavaScript). The page for
 * `/` replaces index.html; the plain shell, for every other client-side route, is written as `spa.html`, which the
 * server sends for them (apps/server/src/web/serve-spa.ts).
 */
export function prerender(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'cadastro:prerender',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle(_options, bundle) {
      if (config.build.ssr) return; // the Node build below
      const index = bundle['index.html'];
      if (index?.type !== 'asset' || typeof index.source !== 'string' || !index.source.includes(ROOT)) {
        throw new Error(`prerender: index.html has no ${ROOT} to fill`);
      }
      const shell = index.source;
      const ssrDir = mkdtempSync(join(tmpdir(), 'cadastro-prerender-'));
      try {
        await build({
          configFile: config.configFile,
          mode: config.mode,
          logLevel: 'warn',
          // Everything bundled, so the aliases that put Preact under React apply to the dependencies too.
          ssr: { noExternal: true },
          build: {
            ssr: join(config.root, 'src/prerender.tsx'),
            outDir: ssrDir,
            emptyOutDir: true,
            manifest: false,
            copyPublicDir: false,
            rollupOptions: { output: { entryFileNames: 'prerender.mjs' } },
          },
        });
        const { render, PRERENDERED } = (await import(pathToFileURL(join(ssrDir, 'prerender.mjs')).href)) as {
          render: (path: string) => Promise<string>;
          PRERENDERED: Array<{ path: string; module?: string }>;
        };
        this.emitFile({ type: 'asset', fileName: 'spa.html', source: shell });
        for (const { path, module } of PRERENDERED) {
          const chunks = routeChunkFiles(bundle, module && join(config.root, module)).join(' ');
          const root = chunks ? `<div id="root" data-route-chunks="${chunks}">` : '<div id="root">';
          const page = withLowPriorityScripts(shell).replace(ROOT, `${root}${await render(path)}</div>`);
          if (path === '/') index.source = page;
          else this.emitFile({ type: 'asset', fileName: prerenderedFile(path), source: page });
        }
      } finally {
        rmSync(ssrDir, { recursive: true, force: true });
      }
    },
  };
}
