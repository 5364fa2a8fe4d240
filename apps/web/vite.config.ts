import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API that `pnpm start` (or `pnpm --filter @cadastro/server dev`) serves; the dev server forwards /trpc to it. */
const apiPort = Number(process.env.API_PORT ?? 3000);

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/trpc': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // React, zod and libphonenumber's metadata make one ~210 kB (gzip) chunk; lazy routes split the later areas.
    chunkSizeWarningLimit: 800,
  },
});
