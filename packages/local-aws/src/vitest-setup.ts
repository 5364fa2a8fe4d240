import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalAws } from './index.ts';
import { startS3rver } from './s3-emulators.ts';

export interface ProvidedLocalAws {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  dynamodbEndpoint: string;
  /** moto: AWS semantics (versioning, lifecycle, storage classes, restore). */
  s3Endpoint: string;
  /** s3rver: what `pnpm start` runs (same credentials). */
  s3rverEndpoint: string;
  env: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localAws: ProvidedLocalAws;
  }
}

/**
 * Vitest global setup: one DynamoDB Local (in memory), one moto server and one s3rver (in a temporary folder)
 * for a package's whole test run, handed to the tests with `inject('localAws')`. Tests isolate themselves with
 * their own table and bucket names.
 */
export default async function setup(project: TestProject) {
  const s3rverDir = mkdtempSync(join(tmpdir(), 'cadastro-s3rver-'));
  const [aws, s3rver] = await Promise.all([startLocalAws(), startS3rver(s3rverDir)]);
  const { stop, s3Emulator: _, ...provided } = aws;
  project.provide('localAws', { ...provided, s3rverEndpoint: s3rver.endpoint });
  return async () => {
    await Promise.all([stop(), s3rver.stop()]);
    rmSync(s3rverDir, { recursive: true, force: true });
  };
}
