import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * A stack trace of the release (frames in `server/main.mjs` and `server/chunks/*.mjs`, which run without
 * `--enable-source-maps`) with each frame put back at its source file, line and column, read from the map kept
 * beside each file in the release (`serverDir`). Paths come out relative to `root` when they lie inside it. Frames
 * no map covers stay as they are.
 */
export function decodeStack(stack: string, serverDir: string, root: string): string {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (file: string) => {
    if (!maps.has(file)) {
      const mapFile = join(serverDir, `${file}.map`);
      maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null);
    }
    return maps.get(file);
  };
  return stack.replace(
    /(?:file:\/\/)?[^\s()]*?server\/((?:chunks\/)?[\w.-]+\.mjs):(\d+):(\d+)/g,
    (frame, file: string, line: string, column: string) => {
      const map = mapOf(file);
      const entry = map?.findEntry(Number(line) - 1, Number(column) - 1);
      if (!entry || !('originalSource' in entry) || !entry.originalSource) return frame;
      const source = entry.originalSource.startsWith('file://')
        ? new URL(entry.originalSource).pathname
        : resolve(dirname(join(serverDir, file)), entry.originalSource);
      const shown = source.startsWith(root) ? relative(root, source) : source;
      return `${shown}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    },
  );
}
