import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

export interface AwsSettings {
  region: string;
  dynamodbEndpoint?: string;
  s3Endpoint?: string;
  /** Explicit only for the local stand-ins; on AWS the SDK's default chain (instance role) applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Bounded waits (defaults in `DEFAULT_AWS_TIMEOUTS`); tests of faults shorten them. */
  timeouts?: Partial<AwsTimeouts>;
}

export interface AwsTimeouts {
  /** Establishing a connection. */
  connectMs: number;
  /** A whole DynamoDB call (request and response), and the longest an S3 transfer may stall. */
  requestMs: number;
  /** Tries per call, the first included (the SDK retries with backoff between them). */
  maxAttempts: number;
}

/**
 * With DynamoDB or S3 unreachable or frozen, a call fails in about maxAttempts × requestMs instead of waiting
 * for ever, so the request answers 503 while the balancer still waits. DynamoDB calls are small (a backup's Scan
 * page is at most 1 MB), so their whole duration is bounded; S3 bodies can be large (backup parts), so for S3
 * only inactivity is.
 */
export const DEFAULT_AWS_TIMEOUTS: AwsTimeouts = { connectMs: 1_000, requestMs: 3_000, maxAttempts: 2 };

export function createAwsClients(settings: AwsSettings) {
  const timeouts = { ...DEFAULT_AWS_TIMEOUTS, ...settings.timeouts };
  const common = {
    region: settings.region,
    maxAttempts: timeouts.maxAttempts,
    ...(settings.credentials && { credentials: settings.credentials }),
  };
  return {
    dynamodb: new DynamoDBClient({
      ...common,
      endpoint: settings.dynamodbEndpoint,
      // Connections are kept alive and reused: the SDK's own agent (keepAlive, up to 50 sockets per client) does
      // it by default, enough for the reads in flight plus the access journal's four concurrent batch writes.
      requestHandler: {
        connectionTimeout: timeouts.connectMs,
        requestTimeout: timeouts.requestMs,
        throwOnRequestTimeout: true,
      },
    }),
    s3: new S3Client({
      ...common,
      requestHandler: { connectionTimeout: timeouts.connectMs, socketTimeout: timeouts.requestMs },
      endpoint: settings.s3Endpoint,
      forcePathStyle: Boolean(settings.s3Endpoint), // emulators serve buckets by path, not by host name
      requestChecksumCalculation: 'WHEN_REQUIRED', // s3rver stores stream bodies corrupt otherwise
    }),
  };
}
export type AwsClients = ReturnType<typeof createAwsClients>;

/**
 * The origins a browser reaches the bucket at with presigned URLs: the endpoint's in emulators, S3's regional
 * virtual-hosted and path-style hosts on AWS. The SPA's CSP allows exactly these.
 */
export function s3BrowserOrigins(settings: AwsSettings, bucket: string): string[] {
  if (settings.s3Endpoint) return [new URL(settings.s3Endpoint).origin];
  return [
    `https://${bucket}.s3.${settings.region}.amazonaws.com`,
    `https://s3.${settings.region}.amazonaws.com`,
  ];
}
