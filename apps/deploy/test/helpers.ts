import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { InfraClients } from '@cadastro/infra';
import type {} from '@cadastro/local-aws/vitest-setup';
import { inject } from 'vitest';
import { type Synthesized, synthesize } from '../src/cdk/app.ts';
import { DEFAULT_STACK_SETTINGS, type StackSettings } from '../src/cdk/settings.ts';
import { nodeVersion } from '../src/paths.ts';

/** Clients for the package's DynamoDB Local and moto (see @cadastro/local-aws/vitest-setup). */
export function localClients(): InfraClients {
  const aws = inject('localAws');
  const common = { region: aws.region, credentials: aws.credentials };
  return {
    dynamodb: new DynamoDBClient({ ...common, endpoint: aws.dynamodbEndpoint }),
    s3: new S3Client({ ...common, endpoint: aws.s3Endpoint, forcePathStyle: true }),
  };
}

/** Names of their own, so test files never share a bucket or a table. */
export const uniqueName = (kind: string) => `cadastro-${kind}-${randomUUID().slice(0, 8)}`;

/** Emulators read back at once and settle a table change in well under a second. */
export const NO_PAUSES = { verifyDelaysMs: [0], tableWait: { pollMs: 200 } } as const;

/** The stack as `pnpm infra synth` writes it, with `overrides`, into `work` (a stand-in release: only its path counts). */
export function synthesizeForTest(work: string, overrides: Partial<StackSettings> = {}): Synthesized {
  const releaseDir = join(work, 'release');
  mkdirSync(join(releaseDir, 'server'), { recursive: true });
  writeFileSync(
    join(releaseDir, 'server/main.mjs'),
    '// the release is an asset: its content does not matter here',
  );
  return synthesize(
    { ...DEFAULT_STACK_SETTINGS, ...overrides, releaseDir, nodeVersion: nodeVersion() },
    join(work, 'cdk.out'),
  );
}

/** Waits until a started release says it is running (rejecting if it exits first); `output()` is all it printed. */
export function watchRelease(child: ChildProcess) {
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Cadastro is running at')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the release exited (${code}):\n${output}`)));
  });
  return { ready, output: () => output };
}
