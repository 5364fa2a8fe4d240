import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningEmulator, startDynamoDbLocal } from './dynamodb-local.ts';
import { S3RVER_CREDENTIALS, startMoto, startS3rver } from './s3-emulators.ts';

export { type RunningEmulator, startDynamoDbLocal } from './dynamodb-local.ts';
export { spawnGuarded } from './guarded-process.ts';
export { S3RVER_CREDENTIALS, startMoto, startS3rver } from './s3-emulators.ts';
export { freePort, type UntilOptions, until } from './wait.ts';

export interface LocalAws {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  dynamodbEndpoint: string;
  s3Endpoint: string;
  s3Emulator: 'moto' | 's3rver';
  /** The variables the AWS SDK reads, for a child process or for `process.env`. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface LocalAwsOptions {
  /** Persist DynamoDB Local and s3rver under this directory (`pnpm start`); in memory with moto when absent (tests). */
  persistDir?: string;
}

/** Starts DynamoDB Local and an S3 emulator side by side; `stop()` ends both. */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const { persistDir } = options;
  const started: RunningEmulator[] = [];
  const stopAll = () => Promise.all(started.map((e) => e.stop())).then(() => undefined);
  try {
    const [dynamo, s3] = await Promise.all([
      startDynamoDbLocal(persistDir ? { dbPath: ensureDir(join(persistDir, 'dynamodb')) } : {}).then(keep),
      (persistDir ? startS3rver(join(persistDir, 's3')) : startMoto()).then(keep),
    ]);
    const region = 'us-east-1';
    const credentials = S3RVER_CREDENTIALS; // accepted by all three emulators
    return {
      region,
      credentials: { ...credentials },
      dynamodbEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      s3Emulator: persistDir ? 's3rver' : 'moto',
      env: {
        AWS_REGION: region,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_ENDPOINT_URL_S3: s3.endpoint,
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }

  function keep(emulator: RunningEmulator) {
    started.push(emulator);
    return emulator;
  }
}

function ensureDir(dir: string) {
  mkdirSync(dir, { recursive: true });
  return dir;
}
