import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

export interface AwsSettings {
  region: string;
  dynamodbEndpoint?: string;
  s3Endpoint?: string;
  /** Explicit only for the local stand-ins; on AWS the SDK's default chain (instance role) applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function createAwsClients(settings: AwsSettings) {
  const common = {
    region: settings.region,
    ...(settings.credentials && { credentials: settings.credentials }),
  };
  return {
    dynamodb: new DynamoDBClient({ ...common, endpoint: settings.dynamodbEndpoint }),
    s3: new S3Client({
      ...common,
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
