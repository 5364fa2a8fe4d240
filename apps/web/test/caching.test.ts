import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '@cadastro/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltSpa, WEB_DIST } from './chromium.ts';

let server: TestServer;
beforeAll(async () => {
  requireBuiltSpa();
  server = await startTestServer({ webDir: WEB_DIST });
});
afterAll(() => server?.close());

/** A raw GET (no automatic decompression), as a browser sends it. */
function get(path: string, headers: Record<string, string>) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

function decode(res: { headers: Record<string, unknown>; body: Buffer }): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body).toString();
  if (encoding === 'gzip') return gunzipSync(res.body).toString();
  return res.body.toString();
}

describe('the SPA as the server sends it', () => {
  it('index.html and client-side routes: precompressed, revalidated on every visit, prerendered where built', async () => {
    // Registration, sign-in and Minha conta arrive prerendered (vite-prerender.ts): their heading is in the HTML.
    const pages: Array<[string, string]> = [
      ['/', '<h1 tabindex="-1">Crie seu cadastro</h1>'],
      ['/entrar', '<h1 tabindex="-1">Entrar</h1>'],
      ['/entrar/', '<h1 tabindex="-1">Entrar</h1>'],
      ['/minha-conta?x=1', '<h1 tabindex="-1">Minha conta</h1>'],
      ['/minha-conta/meus-dados', '<div id="root"></div>'],
      ['/admin/backups', '<div id="root"></div>'],
      ['/cadastro/concluido', '<div id="root"></div>'],
    ];
    for (const [path, html] of pages) {
      const res = await get(path, { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-encoding'], path).toBe('br');
      expect(String(res.headers.vary), path).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(decode(res), path).toContain(html);
    }
  });

  it('hashed assets: brotli or gzip as accepted, cached for a year as immutable', async () => {
    const index = decode(await get('/', { accept: 'text/html', 'accept-encoding': 'br' }));
    const assets = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2); // the entry script and the stylesheet
    for (const asset of assets) {
      const plain = await get(asset, {});
      expect(plain.headers['content-encoding'], asset).toBeUndefined();
      for (const [accepted, expected] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
      ] as const) {
        const res = await get(asset, { 'accept-encoding': accepted });
        expect(res.status, asset).toBe(200);
        expect(res.headers['content-encoding'], `${asset} for ${accepted}`).toBe(expected);
        expect(String(res.headers.vary), asset).toMatch(/accept-encoding/i);
        expect(res.headers['cache-control'], asset).toBe('public, max-age=31536000, immutable');
        expect(decode(res), asset).toBe(plain.body.toString());
      }
    }
  });
});
