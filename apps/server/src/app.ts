import { randomUUID } from 'node:crypto';
import { ErrorReason, TRPC_MAX_BATCH_SIZE } from '@cadastro/contracts';
import fastifyCookie from '@fastify/cookie';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import pino, { type Logger } from 'pino';
import { contextFactory, type Services } from './context.ts';
import { AppError, errorForLog } from './errors.ts';
import { type ProtectionSettings, registerProtection, trpcErrorBody } from './protection.ts';
import { createReadinessCheck } from './readiness.ts';
import { type AppRouter, appRouter } from './router.ts';
import { serveSpa } from './web/serve-spa.ts';

/** One log line per request, written when it is answered, with the request and the outcome (Fastify writes two). */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}
  override requestCompleted(error: Error | null, req: FastifyRequest, reply: FastifyReply) {
    const line = { req, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: errorForLog(error) }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

export interface AppOptions {
  services: Services;
  /** The built SPA; when missing, `/` explains how to build it. */
  webDir: string;
  /** From `createLogger`; `false` for silence. */
  logger: Logger | false;
  /** TRUST_PROXY: the load balancer's addresses or CIDRs, whose forwarded client IP and `https` are believed. */
  trustProxy?: boolean | string[];
  protection: ProtectionSettings;
  /** True once the server is shutting down: `/readyz` then fails, so the load balancer drains this instance. */
  draining?: () => boolean;
  /** The longest a client may take to send a whole request, body included; stalled uploads are cut off then. */
  requestTimeoutMs?: number;
}

/** Default for `requestTimeoutMs`: API bodies are small (uploads go straight to S3). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export async function buildApp({
  services,
  webDir,
  logger,
  trustProxy = false,
  protection,
  requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  draining = () => false,
}: AppOptions) {
  const app = Fastify({
    requestTimeout: requestTimeoutMs,
    // Node checks the request timeout at this interval (30 s by default, which would stretch a short timeout).
    http: { connectionsCheckingInterval: 1_000, headersTimeout: Math.min(10_000, requestTimeoutMs) },
    loggerInstance: (logger || pino({ level: 'silent' })) as FastifyBaseLogger,
    routerOptions: { maxParamLength: 5000 }, // batched tRPC calls put several procedure names in the path
    trustProxy,
    // Our own ids only: a client-chosen id could carry anything into the logs.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    logController: new OneLinePerRequest(),
    // A URL the router cannot decode (`%E0%A4%A`): refused with a reason like any other bad input.
    frameworkErrors: (_error, _req, reply) => {
      (reply as FastifyReply)
        .code(400)
        .send(trpcErrorBody(400, 'BAD_REQUEST', ErrorReason.VALIDATION, 'Malformed URL'));
    },
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // Draining: clients with a kept-alive connection reconnect, through the load balancer, to another instance.
    if (draining()) reply.header('connection', 'close');
    // API answers carry personal data: no browser or proxy may keep them.
    if (req.url.startsWith('/trpc')) reply.header('cache-control', 'no-store');
  });

  // Failures before tRPC sees a request (a body over the limit, an unreadable one, a rate-limit refusal): the
  // same tRPC-shaped answer with a reason; anything unexpected as a generic message with the request id.
  app.setErrorHandler((error: FastifyError | { statusCode: number; error: unknown }, req, reply) => {
    if (!(error instanceof Error) && 'error' in error) {
      return reply.code(error.statusCode).send({ error: error.error }); // already shaped (rate limit)
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      req.log.error({ err: errorForLog(error) }, 'request failed');
      return reply
        .code(500)
        .send(
          trpcErrorBody(
            500,
            'INTERNAL_SERVER_ERROR',
            ErrorReason.INTERNAL,
            `Unexpected error (request ${req.id})`,
          ),
        );
    }
    return reply
      .code(status)
      .send(trpcErrorBody(status, 'BAD_REQUEST', ErrorReason.VALIDATION, error.message));
  });

  await app.register(fastifyCookie);
  await registerProtection(app, protection);

  // Liveness: the process answers. Readiness: it can also reach DynamoDB and S3 (the balancer's health check).
  app.get('/healthz', async () => ({ status: 'ok' }));
  const readiness = createReadinessCheck(services);
  app.get('/readyz', async (_req, reply) => {
    if (draining()) {
      return reply.code(503).send({
        status: 'draining',
        reason: ErrorReason.DEPENDENCY_UNAVAILABLE,
        accessJournal: services.accessRecords.backlog(),
      });
    }
    const { ready, ...dependencies } = await readiness();
    // The access records answered here but not yet in the table: items and the oldest one's age in seconds.
    const accessJournal = services.accessRecords.backlog();
    if (ready) return { status: 'ready', ...dependencies, accessJournal };
    return reply
      .code(503)
      .header('retry-after', '2')
      .send({
        status: 'unavailable',
        reason: ErrorReason.DEPENDENCY_UNAVAILABLE,
        ...dependencies,
        accessJournal,
      });
  });

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: contextFactory(services),
      maxBatchSize: TRPC_MAX_BATCH_SIZE,
      // The SPA and @cadastro/client send queries as POST too: a CPF or e-mail in an input never lands in a URL,
      // where load balancers and proxies log it.
      allowMethodOverride: true,
      onError({ error, path, req, ctx }) {
        // createContext's own failures (AppErrors without a context) are logged there, once per request.
        if (!ctx && error instanceof AppError) return;
        // Unexpected failures and unavailable dependencies, with their cause but not their message, which may
        // quote the values involved.
        if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE') {
          req.log.error({ err: errorForLog(error.cause ?? error), path }, 'procedure failed');
        }
      },
      responseMeta({ errors, info }) {
        const headers: Record<string, string> = {};
        // tRPC's early refusals (an unsupported content type) leave their JSON body without a type; streams
        // (subscriptions over SSE, JSON lines) keep theirs.
        if (info?.type !== 'subscription' && info?.accept !== 'application/jsonl') {
          headers['content-type'] = 'application/json';
        }
        const waits = errors.map((e) => (e instanceof AppError ? e.details?.retryAfterSeconds : undefined));
        const retryAfter = Math.max(0, ...waits.filter((w): w is number => typeof w === 'number'));
        if (retryAfter) headers['retry-after'] = String(retryAfter);
        return { headers };
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  await serveSpa(app, webDir);

  return app;
}
