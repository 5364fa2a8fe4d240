import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

export interface InfraClients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
}

export interface ClientSettings {
  region: string;
  dynamodbEndpoint?: string;
  s3Endpoint?: string;
}

/** Credentials from the SDK's default chain; endpoints only for local stand-ins. */
export function createInfraClients(settings: ClientSettings): InfraClients {
  return {
    dynamodb: new DynamoDBClient({ region: settings.region, endpoint: settings.dynamodbEndpoint }),
    s3: new S3Client({
      region: settings.region,
      endpoint: settings.s3Endpoint,
      forcePathStyle: Boolean(settings.s3Endpoint), // emulators serve buckets by path, not by host name
    }),
  };
}
