import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startLocalAws } from '@cadastro/local-aws';
import type { AwsSettings } from './aws.ts';

/** The local default: DynamoDB Local and s3rver persisting under DATA_DIR, no AWS account needed. */
export async function startLocalStack(dataDir: string) {
  const local = await startLocalAws({ persistDir: resolve(dataDir) });
  const settings: AwsSettings = {
    region: local.region,
    dynamodbEndpoint: local.dynamodbEndpoint,
    s3Endpoint: local.s3Endpoint,
    credentials: local.credentials,
  };
  return { settings, stop: () => local.stop() };
}

/** A secret generated on first start and kept under DATA_DIR (mode 0600), so local data stays readable. */
export function localSecret(dataDir: string, name: string): string {
  const file = join(dataDir, 'secrets', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404) throw error;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

/**
 * The browser posts attachments straight to the bucket (presigned POST) and downloads from it: the bucket must
 * allow that origin. Locally any origin may (the emulator listens on 127.0.0.1 only, and every request still
 * needs a presigned policy or URL); on AWS the infra package sets the app's own origin.
 */
export async function allowBrowserUploads(
  s3: S3Client,
  bucket: string,
  origins: string[] = ['*'],
): Promise<void> {
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            ID: 'browser-uploads',
            AllowedOrigins: origins,
            AllowedMethods: ['GET', 'HEAD', 'POST'],
            AllowedHeaders: ['*'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
}
