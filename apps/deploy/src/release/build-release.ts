import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';

/**
 * Left out of the server bundle. `@cadastro/local-aws` is loaded only in local mode (emulators), which a
 * production start never enters.
 */
export const RELEASE_EXTERNALS = ['@cadastro/local-aws'] as const;

/** The EC2 files the release carries (from apps/deploy/ec2). */
export const EC2_FILES = [
  'cadastro.service',
  'cloudwatch-agent.json',
  'user-data.sh',
  'cadastro.env.example',
] as const;

export interface ReleaseOptions {
  repoRoot: string;
  /** Emptied and rebuilt. */
  outDir: string;
  /** The built SPA; default apps/web/dist. */
  webDist?: string;
}

export interface ReleaseSummary {
  outDir: string;
  /** The lazily loaded chunks under `server/chunks/` and every server file together. */
  serverChunks: number;
  serverBytes: number;
  /**
   * The server files evaluated at start (main.mjs and its static imports), their size and the sources bundled in
   * them (paths from the repository root).
   */
  startFiles: string[];
  startBytes: number;
  startSources: string[];
  /** `missing` when the SPA was not built: the API runs without it. */
  web: 'copied' | 'missing';
}

/**
 * How the server is bundled: ESM for Node 24 with its dependencies, split into `main.mjs` and the chunks under
 * `chunks/` that the code loads with `import()` where it first needs them (backups, SES, TOTP, the lifecycle report,
 * the local stand-ins), so an idle server never evaluates them. A linked map beside each file (the process runs
 * without them; `pnpm infra stack-trace` reads them). Whitespace and comments go, names stay readable; the output is
 * ASCII, so V8 holds the source it keeps for lazy compilation at one byte per character (one non-Latin-1 character
 * anywhere makes the whole file two bytes per character). Licence comments go to `main.mjs.LEGAL.txt`.
 */
export function serverBuildOptions(entryPoint: string, serverDir: string): BuildOptions {
  return {
    entryPoints: { main: entryPoint },
    outdir: serverDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    sourcemap: 'linked',
    minifyWhitespace: true,
    charset: 'ascii',
    legalComments: 'linked',
    external: [...RELEASE_EXTERNALS],
    logLevel: 'silent',
    // Bundled CommonJS dependencies call require() and read __dirname, which ESM does not define.
    banner: {
      js: [
        "import { createRequire as __cadastroCreateRequire } from 'node:module';",
        "import { fileURLToPath as __cadastroFileURLToPath } from 'node:url';",
        "import { dirname as __cadastroDirname } from 'node:path';",
        'const require = __cadastroCreateRequire(import.meta.url);',
        'const __filename = __cadastroFileURLToPath(import.meta.url);',
        'const __dirname = __cadastroDirname(__filename);',
      ].join('\n'),
    },
  };
}

/**
 * Builds `release/`: the server bundled by esbuild (`serverBuildOptions`; no native module: the same release runs
 * on x86_64 and arm64), the built SPA, the EC2 files, a package.json and release.json (commit and build time). It
 * runs with `node server/main.mjs` and nothing else.
 */
export async function buildRelease(options: ReleaseOptions): Promise<ReleaseSummary> {
  const { repoRoot, outDir } = options;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'server'), { recursive: true });

  const serverDir = join(outDir, 'server');
  const { metafile } = await build({
    ...serverBuildOptions(join(repoRoot, 'apps/server/src/main.ts'), serverDir),
    metafile: true,
  });
  const serverFiles = readdirSync(serverDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.mjs'),
  );

  const webDist = options.webDist ?? join(repoRoot, 'apps/web/dist');
  const web = existsSync(join(webDist, 'index.html')) ? 'copied' : 'missing';
  if (web === 'copied') cpSync(webDist, join(outDir, 'web'), { recursive: true });

  mkdirSync(join(outDir, 'ec2'));
  for (const file of EC2_FILES) {
    const from = join(repoRoot, 'apps/deploy/ec2', file);
    if (existsSync(from)) cpSync(from, join(outDir, 'ec2', file));
  }

  writeFileSync(
    join(outDir, 'package.json'),
    `${JSON.stringify({ name: 'cadastro-release', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeFileSync(
    join(outDir, 'release.json'),
    `${JSON.stringify({ commit: commitOf(repoRoot), builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
  return {
    outDir,
    serverChunks: serverFiles.length - 1,
    serverBytes: serverFiles.reduce((n, f) => n + statSync(join(serverDir, f)).size, 0),
    ...evaluatedAtStart(metafile, join(serverDir, 'main.mjs'), repoRoot),
    web,
  };
}

/**
 * What `node server/main.mjs` evaluates before it serves: main.mjs and the chunks it imports statically, through
 * any depth (the chunks reached only through `import()` wait for their first use), and the sources bundled in them.
 */
function evaluatedAtStart(metafile: Metafile, main: string, repoRoot: string) {
  const outputs = new Map(
    Object.entries(metafile.outputs).map(([file, output]) => [resolve(file), output] as const),
  );
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const i of outputs.get(file)?.imports ?? [])
      if (i.kind === 'import-statement' && !i.external) visit(resolve(i.path));
  };
  visit(resolve(main));
  return {
    startFiles: [...files].map((f) => relative(dirname(main), f)),
    startBytes: [...files].reduce((n, f) => n + (outputs.get(f)?.bytes ?? 0), 0),
    startSources: [...files].flatMap((f) =>
      Object.entries(outputs.get(f)?.inputs ?? {})
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([source]) => relative(repoRoot, resolve(source))),
    ),
  };
}

function commitOf(repoRoot: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}
