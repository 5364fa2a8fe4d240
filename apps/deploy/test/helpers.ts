import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { InfraClients } from '@cadastro/infra';
import type {} from '@cadastro/local-aws/vitest-setup';
import { inject } from 'vitest';

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
