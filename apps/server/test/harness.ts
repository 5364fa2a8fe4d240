import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CreateEmailIdentityCommand } from '@aws-sdk/client-sesv2';
import type { OperatorRole } from '@cadastro/contracts';
import { createRateCounters } from '@cadastro/db';
import type {} from '@cadastro/local-aws/vitest-setup';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { bootstrapFirstOperator } from '../src/auth/operator-bootstrap.ts';
import { type AwsSettings, type AwsTimeouts, createAwsClients, s3BrowserOrigins } from '../src/aws.ts';
import { type Caller, createInnerContext } from '../src/context.ts';
import { applyLocalInfra } from '../src/local-stack.ts';
import { createLogger } from '../src/logging.ts';
import { createOutboxMailer } from '../src/mail/outbox.ts';
import { createSesMailer } from '../src/mail/ses.ts';
import { appRouter } from '../src/router.ts';
import { createServices, type ServiceSettings } from '../src/services.ts';
import { createSessionStore, type SessionStoreKind } from '../src/sessions/choose-store.ts';
import { sharedRateLimitStore } from '../src/shared-rate-limit.ts';
import { createCallerFactory } from '../src/trpc.ts';
import { recordAwsCalls } from './aws-calls.ts';

const createCaller = createCallerFactory(appRouter);

/** The sender of the test servers' e-mail, verified in moto's SES. */
export const TEST_MAIL_FROM = 'nao-responda@cadastro.test';

export const TEST_API_KEY = 'test-service-key-0123456789abcdefghijklmnop';
/** The first operator every test server bootstraps. */
/** Fast hashes for tests: Argon2id with 256 KiB (production: 19 MiB, see passwords.ts). */
export const TEST_ARGON2_COST = { memoryKiB: 256, passes: 2, parallelism: 1 };
export const TEST_OPERATOR = { email: 'operadora@example.com', password: 'operadora-senha-123' };

export interface TestServerOptions {
  /** Serve this built SPA (browser tests); omitted for API tests. */
  webDir?: string;
  /** DATA_DIR (sessions, logs); a fresh temporary one when omitted. Pass a previous server's to restart it. */
  dataDir?: string;
  /** Table, bucket and blind-index secret of a previous server: a restart against the same data. */
  reuse?: { table: string; bucket: string; blindIndexSecret: string };
  /** Registration and sign-in calls per IP and minute; high by default so only the rate-limit test meets it. */
  rateLimitMax?: number;
  /** Count rate-limited calls in the table (shared by servers started with `reuse`), not in this process. */
  sharedRateLimit?: boolean;
  /** Write logs (pino JSON) to DATA_DIR/logs and capture what would go to stdout in `stdout()`. */
  logs?: boolean;
  session?: { idleMs?: number; absoluteMs?: number; now?: () => number };
  /** The S3 stand-in: moto (AWS semantics, the default) or s3rver (what `pnpm start` runs). */
  s3?: 'moto' | 's3rver';
  /**
   * Password hashing: by default a cheap Argon2id cost (tests register hundreds of customers) and a long queue, as
   * tests register many customers at once.
   */
  hashing?: ServiceSettings['hashing'];
  signInThrottle?: ServiceSettings['signInThrottle'];
  /** Other DynamoDB and S3 endpoints than the package's shared ones (fault tests stop and kill their own). */
  endpoints?: { dynamodb: string; s3: string };
  /**
   * The server's AWS timeouts. By default longer than production's, as emulators on a busy CI machine can stall
   * for seconds; fault tests pass production's (`DEFAULT_AWS_TIMEOUTS`).
   */
  awsTimeouts?: Partial<AwsTimeouts>;
  requestTimeoutMs?: number;
  /** TRUST_PROXY as parsed (the balancer's addresses); tests bind a second loopback address as the balancer. */
  trustProxy?: boolean | string[];
  /** `outbox`: e-mail as `.eml` files under DATA_DIR/outbox, as on the local default; moto's SES otherwise. */
  mail?: 'ses' | 'outbox';
  /** A ViaCEP-compatible lookup (a stub server in the tests); off when omitted. */
  cepLookup?: { urlTemplate: string; timeoutMs: number };
  /**
   * Admins must enrol an authenticator (production's default) only where a test asks for it; elsewhere the
   * bootstrapped admin works at once. Its first-sign-in password change is likewise left to its own test.
   */
  adminTotp?: 'required' | 'optional';
  firstSignInChange?: boolean;
  /** Sessions on DATA_DIR (one server) or in the table (servers sharing it, started with `reuse`). */
  sessionStore?: SessionStoreKind;
  /** The access journal's flush interval (ACCESS_JOURNAL_FLUSH_MS) and segment size; production's by default. */
  accessJournal?: { flushMs?: number; segmentBytes?: number };
}

/**
 * The real server over HTTP on a free port, against the package's DynamoDB Local and moto or s3rver (see
 * `@cadastro/local-aws/vitest-setup`), with a table and bucket of its own so test files never share data.
 */
export async function startTestServer(options: TestServerOptions = {}) {
  const aws = inject('localAws');
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cadastro-test-'));
  const table = options.reuse?.table ?? `cadastro-${randomUUID()}`;
  const bucket = options.reuse?.bucket ?? `cadastro-${randomUUID()}`;
  const blindIndexSecret = options.reuse?.blindIndexSecret ?? `secret-${randomUUID()}`;
  const settings: AwsSettings = {
    region: aws.region,
    dynamodbEndpoint: options.endpoints?.dynamodb ?? aws.dynamodbEndpoint,
    s3Endpoint: options.endpoints?.s3 ?? (options.s3 === 's3rver' ? aws.s3rverEndpoint : aws.s3Endpoint),
    credentials: aws.credentials,
    timeouts: options.awsTimeouts ?? { requestMs: 20_000, maxAttempts: 3 },
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

  let captured = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => {
    captured += chunk.toString();
  });
  const logging = options.logs
    ? await createLogger({ level: 'info', dir: join(dataDir, 'logs'), stdout })
    : null;

  // Account e-mail through moto's SES (it serves every service on one port): the tests read what was sent.
  const ses = createSesMailer(
    { region: aws.region, endpoint: aws.s3Endpoint, credentials: aws.credentials },
    TEST_MAIL_FROM,
  );
  await ses.client.send(new CreateEmailIdentityCommand({ EmailIdentity: TEST_MAIL_FROM })).catch((error) => {
    if ((error as Error).name !== 'AlreadyExistsException') throw error;
  });
  const outbox = join(dataDir, 'outbox');
  const mailer = options.mail === 'outbox' ? createOutboxMailer(outbox, TEST_MAIL_FROM, () => {}) : ses;

  const services = createServices(serverClients, {
    table,
    bucket,
    blindIndexSecret,
    apiKeys: [TEST_API_KEY],
    hashing: { cost: TEST_ARGON2_COST, maxQueued: 1000, ...options.hashing },
    signInThrottle: options.signInThrottle,
    mail: { mailer, appUrl: 'http://unset' }, // the server's own address once it listens
    cepLookup: options.cepLookup,
    adminTotp: options.adminTotp ?? 'optional',
    sessionStore: (db) => createSessionStore(options.sessionStore ?? 'sqlite', dataDir, db),
    accessJournal: { dir: join(dataDir, 'access-journal'), flushMs: 1000, ...options.accessJournal },
    session: {
      idleMs: options.session?.idleMs ?? 30 * 60_000,
      absoluteMs: options.session?.absoluteMs ?? 12 * 3_600_000,
      now: options.session?.now,
    },
  });
  await bootstrapFirstOperator(services.operators, services.passwords, TEST_OPERATOR);
  if (!options.firstSignInChange) {
    const admin = await services.operators.getByEmail(TEST_OPERATOR.email);
    await services.operators.update(admin!.operatorId, { mustChangePassword: false });
  }
  const app = await buildApp({
    services,
    webDir: options.webDir ?? '/nonexistent',
    logger: logging?.logger ?? false,
    requestTimeoutMs: options.requestTimeoutMs,
    trustProxy: options.trustProxy,
    protection: {
      rateLimit: {
        max: options.rateLimitMax ?? 10_000,
        windowMs: 60_000,
        ...(options.sharedRateLimit && { store: sharedRateLimitStore(createRateCounters(services.db)) }),
      },
      allowedOrigins: [],
      uploadOrigins: s3BrowserOrigins(settings, bucket),
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  services.mail.appUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    services,
    clients,
    table,
    bucket,
    blindIndexSecret,
    dataDir,
    /** Where e-mail goes with `mail: 'outbox'`. */
    outbox,
    /** Everything the logger sent to "stdout" so far. */
    stdout: () => captured,
    /** Stops the server; `keepData` leaves DATA_DIR for a restart. */
    async close({ keepData = false } = {}) {
      await app.close();
      await services.accessRecords.close(30_000);
      const undeclared = awsCalls.undeclared();
      if (undeclared.length) {
        throw new Error(
          `The server made AWS calls that src/aws-actions.ts does not declare (the EC2 role would refuse them):\n  ${undeclared.join('\n  ')}`,
        );
      }
      await services.sessions.close();
      await logging?.close();
      if (ownsDataDir && !keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A direct caller of the router with a chosen identity (the inner context, no HTTP): for router tests that need
 * a customer or operator before sign-in exists, or that check authorization per role.
 */
export function callerFor(server: TestServer, caller: Caller) {
  return createCaller(createInnerContext(server.services, caller, server.app.log));
}
export { linkIn, readOutbox, type SentMail, sentMail, waitForMail } from './mail.ts';

/** An operator caller for `callerFor`, an admin unless told otherwise. */
export function asOperator(operatorId: string, operatorRole: OperatorRole = 'admin'): Caller {
  return { role: 'operator', operatorId, operatorRole, pending: null };
}
