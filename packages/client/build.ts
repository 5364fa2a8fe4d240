/**
 * Builds the installable package into dist/, which `pnpm pack` turns into the tarball (`publishConfig.directory`):
 * - `index.js`: an ES module; `@cadastro/contracts` bundled in (side-effect free: only the constants the client
 *   uses), `@trpc/*` left as dependencies;
 * - `index.d.ts`: the server's `PublicRouter` and every type it names inlined, so no workspace package is needed;
 * - `package.json`: name, version and exports for dist/, and `@trpc/client` and `@trpc/server` (the client's peer)
 *   at the versions installed here as the only dependencies; `README.md`.
 */
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const RUNTIME_DEPENDENCIES = ['@trpc/client', '@trpc/server'];
/** Workspace packages and relative imports are inlined; every other package stays an import. */
const inlined = (id: string) => id.startsWith('.') || id.startsWith('/') || id.startsWith('@cadastro/');

await rm('dist', { recursive: true, force: true });

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: RUNTIME_DEPENDENCIES,
  logLevel: 'warning',
});

const bundle = await rollup({
  input: 'src/index.ts',
  external: (id) => !inlined(id),
  plugins: [
    dts({
      respectExternal: true,
      tsconfig: 'tsconfig.json',
      // Workspace packages are symlinks in node_modules: followed to their sources, they are inlined.
      compilerOptions: { preserveSymlinks: false },
    }),
  ],
});
await bundle.write({ file: 'dist/index.d.ts', format: 'es' });
await bundle.close();

// The declarations may import nothing but the runtime dependencies: anything else (fastify, electrodb, zod…) would
// mean the server's context leaked into the published types.
const declarations = await readFile('dist/index.d.ts', 'utf8');
const imported = new Set(
  [...declarations.matchAll(/\bfrom '([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]),
);
const stray = [...imported].filter((id) => !RUNTIME_DEPENDENCIES.includes(id as string));
if (stray.length > 0) throw new Error(`dist/index.d.ts imports ${stray.join(', ')}: only @trpc/* may remain`);

const manifest = JSON.parse(await readFile('package.json', 'utf8'));
const require = createRequire(import.meta.url);
const installedVersion = (name: string) => require(`${name}/package.json`).version as string;
await writeFile(
  'dist/package.json',
  `${JSON.stringify(
    {
      name: manifest.name,
      version: manifest.version,
      description: manifest.description,
      type: 'module',
      exports: { '.': { types: './index.d.ts', default: './index.js' } },
      types: './index.d.ts',
      dependencies: Object.fromEntries(RUNTIME_DEPENDENCIES.map((name) => [name, installedVersion(name)])),
    },
    null,
    2,
  )}\n`,
);
await copyFile('README.md', 'dist/README.md');
