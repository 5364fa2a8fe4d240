import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type {} from '@cadastro/local-aws/vitest-setup';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type AwsSettings, createAwsClients } from '../src/aws.ts';
import { type Caller, createInnerContext } from '../src/context.ts';
import { applyLocalInfra } from '../src/local-stack.ts';
import { appRouter } from '../src/router.ts';
import { createServices } from '../src/services.ts';
import { createCallerFactory } from '../src/trpc.ts';
import { recordAwsCalls } from './aws-calls.ts';

const createCaller = createCallerFactory(appRouter);

export const TEST_API_KEY = 'test-service-key-0123456789abcdefghijklmnop';

export interface TestServerOptions {
  /** Serve this built SPA (browser tests); omitted for API tests. */
  webDir?: string;
  /**
   * Treat a request with the cookie `TEST_CUSTOMER_COOKIE=<customerId>` as that signed-in customer: browser tests
   * of customer pages, until customer sign-in (sessions) exists. Only this harness can turn it on.
   */
  customerCookie?: boolean;
}

export const TEST_CUSTOMER_COOKIE = 'cadastro-test-customer';

function customerFromCookie(req: { headers: { cookie?: string } }): Caller | null {
  const match = new RegExp(`(?:^|;\\s*)${TEST_CUSTOMER_COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '');
  return match?.[1] ? { role: 'customer', customerId: decodeURIComponent(match[1]) } : null;
}

/**
 * The real server over HTTP on a free port, against the package's DynamoDB Local and moto (see
 * `@cadastro/local-aws/vitest-setup`), with a table and bucket of its own so test files never share data.
 */
export async function startTestServer(options: TestServerOptions = {}) {
  const aws = inject('localAws');
  const table = `cadastro-${randomUUID()}`;
  const bucket = `cadastro-${randomUUID()}`;
  const settings: AwsSettings = {
    region: aws.region,
    dynamodbEndpoint: aws.dynamodbEndpoint,
    s3Endpoint: aws.s3Endpoint,
    credentials: aws.credentials,
  };
  /** For the tests themselves (setup, seeding, checks). */
  const clients = createAwsClients(settings);
  // The desired state of `pnpm infra apply` (versioning, lifecycle rules, …), as `pnpm start` gets it.
  // A served SPA uploads and downloads attachments straight from the bucket: allow its origin (CORS).
  await applyLocalInfra(clients, {
    region: aws.region,
    table,
    bucket,
    corsOrigins: options.webDir ? ['*'] : [],
  });
  // The server's own clients: every call they make must be one the EC2 role's policy allows.
  const serverClients = createAwsClients(settings);
  const awsCalls = recordAwsCalls(serverClients, table);
  const services = createServices(serverClients, {
    table,
    bucket,
    blindIndexSecret: `secret-${randomUUID()}`,
    apiKeys: [TEST_API_KEY],
  });
  const app = await buildApp({
    services,
    webDir: options.webDir ?? '/nonexistent',
    logger: false,
    testCaller: options.customerCookie ? customerFromCookie : undefined,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  async function close() {
    await app.close();
    const undeclared = awsCalls.undeclared();
    if (undeclared.length) {
      throw new Error(
        `The server made AWS calls that src/aws-actions.ts does not declare (the EC2 role would refuse them):\n  ${undeclared.join('\n  ')}`,
      );
    }
  }
  return { url: `http://127.0.0.1:${port}`, app, services, clients, table, bucket, close };
}
export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A direct caller of the router with a chosen identity (the inner context, no HTTP): for router tests that need
 * a customer or operator before sign-in exists, or that check authorization per role.
 */
export function callerFor(server: TestServer, caller: Caller) {
  return createCaller(createInnerContext(server.services, caller, server.app.log));
}
