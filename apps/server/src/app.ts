import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { contextFactory, type Services, type TestCallerResolver } from './context.ts';
import { type AppRouter, appRouter } from './router.ts';

export interface AppOptions {
  services: Services;
  /** The built SPA; when missing, `/` explains how to build it. */
  webDir: string;
  logger: FastifyServerOptions['logger'];
  /** Test harnesses only: see `TestCallerResolver`. */
  testCaller?: TestCallerResolver;
}

/** Never written to logs in clear. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export async function buildApp({ services, webDir, logger, testCaller }: AppOptions) {
  const app = Fastify({
    logger,
    routerOptions: { maxParamLength: 5000 }, // batched tRPC calls put several procedure names in the path
    requestIdHeader: 'x-request-id',
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: contextFactory(services, testCaller),
      onError({ error, path, ctx }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          ctx?.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  if (existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
    // Client-side routes (/cadastro/concluido, /admin/…) get the SPA's shell; unknown API paths stay 404.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/trpc') && req.headers.accept?.includes('text/html')) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.code(404).send({ error: 'Not Found' });
    });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain').send(`The SPA is not built (${webDir}). Run "pnpm build" or "pnpm start".`),
    );
  }

  return app;
}
