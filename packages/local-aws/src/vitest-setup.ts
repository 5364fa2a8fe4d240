import type { TestProject } from 'vitest/node';
import { startLocalAws } from './index.ts';

export interface ProvidedLocalAws {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  dynamodbEndpoint: string;
  s3Endpoint: string;
  env: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localAws: ProvidedLocalAws;
  }
}

/**
 * Vitest global setup: one DynamoDB Local (in memory) and one moto server for a package's whole test run,
 * handed to the tests with `inject('localAws')`. Tests isolate themselves with their own table and bucket names.
 */
export default async function setup(project: TestProject) {
  const aws = await startLocalAws();
  const { stop, s3Emulator: _, ...provided } = aws;
  project.provide('localAws', provided);
  return stop;
}
