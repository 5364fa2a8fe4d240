import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { decodeStack } from '../src/release/decode-stack.ts';

describe('a stack trace of the release', () => {
  it('is put back at the TypeScript source by the map kept beside the bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadastro-stack-'));
    try {
      const source = join(dir, 'src/fails.ts');
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'entry.ts'), "import { fail } from './src/fails.ts';\nfail('x');\n");
      writeFileSync(
        source,
        [
          'interface Shape { n: number }',
          'export function fail(why: string): Shape {',
          '  const shape: Shape = { n: why.length };',
          "  if (shape.n > 0) throw new Error('failed on purpose');",
          '  return shape;',
          '}',
        ].join('\n'),
      );
      // As the release is built: one ESM bundle with a linked map, run without --enable-source-maps.
      await build({
        entryPoints: [join(dir, 'entry.ts')],
        outfile: join(dir, 'server/main.mjs'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        sourcemap: 'linked',
        logLevel: 'silent',
      });
      const run = spawnSync(process.execPath, [join(dir, 'server/main.mjs')], { encoding: 'utf8' });
      expect(run.stderr).toMatch(/main\.mjs:\d+:\d+/);
      expect(run.stderr).not.toContain('fails.ts');

      const decoded = decodeStack(run.stderr, join(dir, 'server/main.mjs.map'), dir);
      expect(decoded).toContain('src/fails.ts:4:');
      expect(decoded).toContain('failed on purpose');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
