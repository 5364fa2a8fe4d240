import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

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
  serverBundleBytes: number;
  /** `missing` when the SPA was not built: the API runs without it. */
  web: 'copied' | 'missing';
}

/**
 * Builds `release/`: the server bundled by esbuild with all its dependencies (one ESM file for Node 24, no native module: the same release runs on x86_64 and arm64), the
 * built SPA, the EC2 files, a package.json and release.json (commit and build time). It runs with
 * `node server/main.mjs` and nothing else.
 */
export async function buildRelease(options: ReleaseOptions): Promise<ReleaseSummary> {
  const { repoRoot, outDir } = options;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'server'), { recursive: true });

  const serverBundle = join(outDir, 'server/main.mjs');
  await build({
    entryPoints: [join(repoRoot, 'apps/server/src/main.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    sourcemap: 'linked',
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
  });

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
  return { outDir, serverBundleBytes: statSync(serverBundle).size, web };
}

function commitOf(repoRoot: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}
