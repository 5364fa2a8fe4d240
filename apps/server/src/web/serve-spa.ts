import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite names every built asset under assets/ after its content: a changed file gets a new name. */
const HASHED_ASSET = /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/;

/**
 * Cache policy of the built SPA: hashed assets forever (a new build has new names), everything else — above all
 * `index.html`, which names the current assets — revalidated on every visit.
 */
export function cacheControlFor(path: string): string {
  return HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Pages the build prerendered for a route (`entrar/index.html` for `/entrar`), by route. */
function prerenderedPages(webDir: string, dir = ''): Map<string, string> {
  const pages = new Map<string, string>();
  for (const entry of readdirSync(join(webDir, dir), { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'assets' || entry.name.startsWith('.')) continue;
    const sub = `${dir}/${entry.name}`;
    if (existsSync(join(webDir, sub, 'index.html'))) pages.set(sub, `${sub.slice(1)}/index.html`);
    for (const [route, file] of prerenderedPages(webDir, sub)) pages.set(route, file);
  }
  return pages;
}

/**
 * Serves the built SPA from `webDir`: the brotli or gzip copy the build wrote beside each file when the browser
 * accepts it (`Content-Encoding`, `Vary: Accept-Encoding`), and the SPA's shell for its client-side routes.
 */
export async function serveSpa(app: FastifyInstance, webDir: string): Promise<void> {
  if (!existsSync(join(webDir, 'index.html'))) {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain').send(`The SPA is not built (${webDir}). Run "pnpm build" or "pnpm start".`),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', cacheControlFor(path));
      res.setHeader('vary', 'Accept-Encoding'); // caches keep the brotli, gzip and plain copies apart
    },
  });
  // Client-side routes get the page the build prerendered for them (`/entrar` → entrar/index.html), or the SPA's
  // plain shell (spa.html; index.html holds the prerendered registration); unknown API paths stay 404.
  const shell = existsSync(join(webDir, 'spa.html')) ? 'spa.html' : 'index.html';
  const prerendered = prerenderedPages(webDir);
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/trpc') && req.headers.accept?.includes('text/html')) {
      const path = req.url.split(/[?#]/)[0]!.replace(/\/+$/, '');
      return reply.type('text/html').sendFile(prerendered.get(path) ?? shell);
    }
    return reply.code(404).send({ error: 'Not Found' });
  });
}
