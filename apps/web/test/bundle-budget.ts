import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What Vite's manifest says about one built chunk. */
interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** The customer routes and the module each loads on top of the entry (none: the entry renders it). */
export const CUSTOMER_ROUTES: Record<string, string | null> = {
  '/': null,
  '/cadastro/concluido': null,
  '/entrar': 'src/features/sign-in/SignInPage.tsx',
  '/minha-conta': 'src/features/account/AccountPage.tsx',
  '/documentos': 'src/features/attachments/DocumentsPage.tsx',
};
export const ADMIN_MODULE = 'src/features/admin/pages.ts';
/** The app proper, which the entry imports once the page has painted. */
export const APP_MODULE = 'src/start.tsx';

/**
 * The JavaScript a route loads, from the build's manifest: the entry, the app it imports, the route's lazy module, and every chunk
 * they import statically (what the browser must fetch before the page works), each gzipped at level 9 as the
 * server's precompressed copies are.
 */
export function routeJavaScript(dist: string, routeModule: string | null) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('the manifest names no entry');
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no chunk ${key}`);
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  visit(APP_MODULE);
  if (routeModule) visit(routeModule);
  const files = [...seen].map((key) => {
    const file = manifest[key]!.file;
    const bytes = readFileSync(join(dist, file));
    return { key, file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    files,
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    adminFile: manifest[ADMIN_MODULE]?.file,
  };
}
