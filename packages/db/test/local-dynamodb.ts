import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {} from '@cadastro/local-aws/vitest-setup';
import { inject } from 'vitest';

/** A client of the package run's DynamoDB Local, and a table name of this test file's own. */
export function localDynamoDb(prefix: string) {
  const aws = inject('localAws');
  const client = new DynamoDBClient({
    region: aws.region,
    endpoint: aws.dynamodbEndpoint,
    credentials: aws.credentials,
  });
  return { client, table: `${prefix}-${randomUUID()}` };
}
