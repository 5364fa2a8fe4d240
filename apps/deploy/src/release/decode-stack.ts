import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

/**
 * A stack trace of the release (frames in `main.mjs`, which runs without `--enable-source-maps`) with each frame
 * put back at its source file, line and column, read from the bundle's map kept beside it in the release. Paths
 * come out relative to `root` when they lie inside it. Frames the map does not cover stay as they are.
 */
export function decodeStack(stack: string, mapFile: string, root: string): string {
  const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
  const mapDir = dirname(mapFile);
  return stack.replace(
    /(?:file:\/\/)?[^\s()]*main\.mjs:(\d+):(\d+)/g,
    (frame, line: string, column: string) => {
      const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
      if (!('originalSource' in entry) || !entry.originalSource) return frame;
      const source = entry.originalSource.startsWith('file://')
        ? new URL(entry.originalSource).pathname
        : resolve(mapDir, entry.originalSource);
      const shown = source.startsWith(root) ? relative(root, source) : source;
      return `${shown}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    },
  );
}
