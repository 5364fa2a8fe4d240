import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress.ts';
import { prerender } from './vite-prerender.ts';

/** The API that `pnpm start` (or `pnpm --filter @cadastro/server dev`) serves; the dev server forwards /trpc to it. */
const apiPort = Number(process.env.API_PORT ?? 3000);

export default defineConfig({
  plugins: [react(), prerender(), precompress()],
  resolve: {
    // Preact's React-compatible layer runs the app: the same React API (types from @types/react) at ~5 KB
    // gzipped instead of react-dom's ~60 KB, which keeps a customer route's first load under 150 KB.
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  server: {
    proxy: {
      '/trpc': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest tells the size-budget test what the customer entry loads.
    manifest: true,
  },
});
