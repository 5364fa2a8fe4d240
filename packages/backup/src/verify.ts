import type { S3Client } from '@aws-sdk/client-s3';
import { backupManifestKey } from '@cadastro/storage';
import { decodeItemLine } from './item-codec.ts';
import { entityOf, type Manifest, type ManifestPart, partKeyOf } from './layout.ts';
import { readPart } from './read-part.ts';
import { assertReadable, readManifest } from './storage.ts';

export interface PartCheck {
  name: string;
  entity: string;
  ok: boolean;
  /** What is wrong with the part, in words; empty when it is fine. */
  problems: string[];
  expected: { items: number; bytes: number; sha256: string };
  actual: { items: number; bytes: number; sha256: string } | null;
}

export interface VerifyReport {
  backupId: string;
  ok: boolean;
  manifestKey: string;
  totalItems: number;
  parts: PartCheck[];
  /** Problems of the backup as a whole (counts per entity that do not add up). */
  problems: string[];
}

export interface VerifyDeps {
  s3: S3Client;
  bucket: string;
}

/**
 * Reads every part of a backup and checks it against the manifest: SHA-256 and size of the stored object, that it
 * decompresses, that every line is an item of the part's entity, and the item counts. Reports every failing part
 * by name rather than stopping at the first. Fails with `ARCHIVED` when parts are in Glacier.
 */
export async function verifyBackup(
  deps: VerifyDeps,
  backupId: string,
  signal?: AbortSignal,
): Promise<VerifyReport> {
  const manifest = await readManifest(deps.s3, deps.bucket, backupId);
  const keyOf = (part: ManifestPart) => partKeyOf(backupId, manifest, part.name);
  await assertReadable(deps.s3, deps.bucket, manifest.parts.map(keyOf));
  const parts: PartCheck[] = [];
  for (const part of manifest.parts) parts.push(await checkPart(deps, keyOf(part), part, signal));
  const problems = countProblems(manifest);
  return {
    backupId,
    ok: problems.length === 0 && parts.every((p) => p.ok),
    manifestKey: backupManifestKey(backupId),
    totalItems: manifest.totalItems,
    parts,
    problems,
  };
}

async function checkPart(
  deps: VerifyDeps,
  key: string,
  part: ManifestPart,
  signal?: AbortSignal,
): Promise<PartCheck> {
  const expected = { items: part.items, bytes: part.bytes, sha256: part.sha256 };
  const problems: string[] = [];
  let foreign = 0;
  let unreadableLine: string | undefined;
  try {
    const read = await readPart(
      deps.s3,
      deps.bucket,
      key,
      (lines) => {
        for (const line of lines) {
          try {
            if (entityOf(decodeItemLine(line)) !== part.entity) foreign += 1;
          } catch (error) {
            unreadableLine ??= (error as Error).message;
          }
        }
      },
      signal,
    );
    if (read.sha256 !== part.sha256) problems.push('SHA-256 differs from the manifest');
    if (read.bytes !== part.bytes) problems.push(`size is ${read.bytes} bytes, manifest says ${part.bytes}`);
    if (read.lines !== part.items) problems.push(`holds ${read.lines} items, manifest says ${part.items}`);
    if (unreadableLine) problems.push(`a line is not a DynamoDB item: ${unreadableLine}`);
    if (foreign > 0) problems.push(`${foreign} items of another entity`);
    const actual = { items: read.lines, bytes: read.bytes, sha256: read.sha256 };
    return { name: part.name, entity: part.entity, ok: problems.length === 0, problems, expected, actual };
  } catch (error) {
    signal?.throwIfAborted();
    problems.push(`cannot be read: ${(error as Error).message}`);
    return { name: part.name, entity: part.entity, ok: false, problems, expected, actual: null };
  }
}

function countProblems(manifest: Manifest): string[] {
  const summed: Record<string, number> = {};
  for (const part of manifest.parts) summed[part.entity] = (summed[part.entity] ?? 0) + part.items;
  const problems: string[] = [];
  for (const entity of new Set([...Object.keys(summed), ...Object.keys(manifest.counts)])) {
    if ((summed[entity] ?? 0) !== (manifest.counts[entity] ?? 0)) {
      problems.push(
        `${entity}: parts hold ${summed[entity] ?? 0} items, manifest counts ${manifest.counts[entity] ?? 0}`,
      );
    }
  }
  const total = Object.values(summed).reduce((a, b) => a + b, 0);
  if (total !== manifest.totalItems)
    problems.push(`parts hold ${total} items, manifest total ${manifest.totalItems}`);
  return problems;
}
