import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino, { type Logger } from 'pino';
import { contextFactory, type Services } from './context.ts';
import { type ProtectionSettings, registerProtection } from './protection.ts';
import { type AppRouter, appRouter } from './router.ts';
import { serveSpa } from './web/serve-spa.ts';

export interface AppOptions {
  services: Services;
  /** The built SPA; when missing, `/` explains how to build it. */
  webDir: string;
  /** From `createLogger`; `false` for silence. */
  logger: Logger | false;
  /** Fastify's `trustProxy` (TRUST_PROXY): needed behind a load balancer for client IPs and `https`. */
  trustProxy?: boolean | number | string;
  protection: ProtectionSettings;
}

export async function buildApp({ services, webDir, logger, trustProxy = false, protection }: AppOptions) {
  const app = Fastify({
    loggerInstance: (logger || pino({ level: 'silent' })) as FastifyBaseLogger,
    routerOptions: { maxParamLength: 5000 }, // batched tRPC calls put several procedure names in the path
    // A hop count is valid at run time; Fastify's types only list the other forms.
    trustProxy: trustProxy as boolean | string,
    // Our own ids only: a client-chosen id could carry anything into the logs.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(fastifyCookie);
  await registerProtection(app, protection);

  app.get('/healthz', async () => ({ status: 'ok' }));

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: contextFactory(services),
      // The SPA and @cadastro/client send queries as POST too: a CPF or e-mail in an input never lands in a URL,
      // where load balancers and proxies log it.
      allowMethodOverride: true,
      onError({ error, path, ctx }) {
        // Only unexpected failures, and only where they happened: messages may quote the values involved.
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          const cause = error.cause ?? error;
          const frames = (cause.stack ?? '').split('\n').slice(1, 12).join('\n');
          ctx?.log.error({ err: { type: cause.name, frames }, path }, 'procedure failed');
        }
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  await serveSpa(app, webDir);

  return app;
}
