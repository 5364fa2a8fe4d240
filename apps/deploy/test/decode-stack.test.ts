import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { serverBuildOptions } from '../src/release/build-release.ts';
import { decodeStack } from '../src/release/decode-stack.ts';

describe('a stack trace of the release', () => {
  it('is put back at the TypeScript source by the maps kept beside the bundle and its chunks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadastro-stack-'));
    try {
      mkdirSync(join(dir, 'src'));
      // A frame in main.mjs calling into a chunk loaded with import(), as the release loads its rarely used parts.
      writeFileSync(
        join(dir, 'entry.ts'),
        [
          'async function main() {',
          "  const { fail } = await import('./src/fails.ts');",
          "  fail('x');",
          '}',
          'main().catch((error) => {',
          '  console.error(error.stack);',
          '  process.exit(1);',
          '});',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'src/fails.ts'),
        [
          'interface Shape { n: number }',
          'export function fail(why: string): Shape {',
          '  const shape: Shape = { n: why.length };',
          "  if (shape.n > 0) throw new Error('failed on purpose');",
          '  return shape;',
          '}',
        ].join('\n'),
      );
      const serverDir = join(dir, 'server');
      await build(serverBuildOptions(join(dir, 'entry.ts'), serverDir));
      const chunks = readdirSync(join(serverDir, 'chunks')).filter((f) => f.endsWith('.mjs'));
      expect(chunks).toHaveLength(1);
      expect(existsSync(join(serverDir, 'chunks', `${chunks[0]}.map`))).toBe(true);

      const run = spawnSync(process.execPath, [join(serverDir, 'main.mjs')], { encoding: 'utf8' });
      expect(run.stderr).toMatch(/chunks\/fails-\w+\.mjs:\d+:\d+/);
      expect(run.stderr).toMatch(/main\.mjs:\d+:\d+/);
      expect(run.stderr).not.toContain('.ts:');

      const decoded = decodeStack(run.stderr, serverDir, dir);
      expect(decoded).toContain('src/fails.ts:4:');
      expect(decoded).toContain('entry.ts:3:');
      expect(decoded).toContain('failed on purpose');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
