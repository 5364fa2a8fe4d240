/**
 * `tsx bench/profile-summary.ts FILE.cpuprofile [main.mjs.map]`: where a V8 CPU profile's time went, by package
 * (node_modules), by our source folder, and Node's own (GC, program, idle), as shares of the sampled time. Frames
 * of the release's bundle and its chunks are put back at their sources through the maps kept beside them. For
 * `BENCH_PROFILE=DIR pnpm bench`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
const serverDir = process.argv[3] ? dirname(process.argv[3]) : null;
const maps = new Map<string, SourceMap | null>();
/** The map of a release file (`main.mjs`, `chunks/….mjs`) named by a frame's URL. */
function mapOf(url: string): SourceMap | null {
  const file = serverDir && /server\/((?:chunks\/)?[\w.-]+\.mjs)$/.exec(url)?.[1];
  if (!file) return null;
  if (!maps.has(file)) {
    const mapFile = join(serverDir, `${file}.map`);
    maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null);
  }
  return maps.get(file)!;
}
const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

function bucket(node: ProfileNode): string {
  const { functionName, lineNumber, columnNumber } = node.callFrame;
  let { url } = node.callFrame;
  if (!url) return `(${functionName || 'native'})`;
  const map = mapOf(url);
  if (map) {
    const entry = map.findEntry(lineNumber, columnNumber);
    if ('originalSource' in entry && entry.originalSource) url = entry.originalSource;
  }
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  return url.replace(/^.*\/(apps|packages)\//, '$1/').replace(/\/[^/]+$/, '');
}

const time = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const key = bucket(byId.get(id)!);
  time.set(key, (time.get(key) ?? 0) + dt);
});
for (const [key, us] of [...time].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
}
