import type { CORSRule, PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import {
  type LifecycleConfiguration,
  type LifecycleSettings,
  lifecycleConfiguration,
} from './lifecycle-rules.ts';

export type BucketEncryption =
  | { algorithm: 'AES256' }
  /** SSE-KMS with an S3 Bucket Key, which cuts KMS requests (and their cost) by orders of magnitude. */
  | { algorithm: 'aws:kms'; kmsKeyArn: string; bucketKey: true };

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Array<Record<string, unknown>>;
}

export interface DesiredBucket {
  name: string;
  region: string;
  publicAccessBlock: Required<{ [K in keyof PublicAccessBlockConfiguration]: boolean }>;
  encryption: BucketEncryption;
  versioning: 'Enabled';
  /** The whole bucket policy; null leaves whatever policy the bucket has alone. */
  policy: PolicyDocument | null;
  /** null leaves the bucket's CORS configuration alone. */
  cors: CORSRule[] | null;
  lifecycle: LifecycleConfiguration;
}

export interface BucketSettings {
  name: string;
  region: string;
  kmsKeyArn?: string;
  /** Origins of the SPA, allowed to POST uploads and GET downloads with presigned URLs. */
  corsOrigins: string[];
  /** The TLS-only policy; off for emulators reached over plain HTTP (moto enforces it and would refuse everything). */
  denyInsecureTransport: boolean;
  lifecycle: LifecycleSettings;
}

export function bucketArn(bucket: string, partition = 'aws'): string {
  return `arn:${partition}:s3:::${bucket}`;
}

/** Refuses every request that does not come over TLS, whoever makes it. */
export function tlsOnlyPolicy(bucket: string, partition = 'aws'): PolicyDocument {
  const arn = bucketArn(bucket, partition);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

export function corsRules(origins: string[]): CORSRule[] | null {
  if (origins.length === 0) return null;
  return [
    {
      ID: 'spa-uploads-and-downloads',
      AllowedOrigins: origins,
      AllowedMethods: ['GET', 'HEAD', 'POST'],
      AllowedHeaders: ['*'],
      ExposeHeaders: ['ETag'],
      MaxAgeSeconds: 3600,
    },
  ];
}

export function desiredBucket(s: BucketSettings, partition = 'aws'): DesiredBucket {
  return {
    name: s.name,
    region: s.region,
    publicAccessBlock: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
    encryption: s.kmsKeyArn
      ? { algorithm: 'aws:kms', kmsKeyArn: s.kmsKeyArn, bucketKey: true }
      : { algorithm: 'AES256' },
    versioning: 'Enabled',
    policy: s.denyInsecureTransport ? tlsOnlyPolicy(s.name, partition) : null,
    cors: corsRules(s.corsOrigins),
    lifecycle: lifecycleConfiguration(s.lifecycle),
  };
}
