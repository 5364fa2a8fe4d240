import { ErrorReason, TRPC_MAX_BATCH_SIZE } from '@cadastro/contracts';
import helmet from '@fastify/helmet';
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './sessions/cookie.ts';

export interface ProtectionSettings {
  /**
   * Registration and sign-in calls per client IP and window, counted in this process, or in `store` (the table's
   * counters) when several servers share the load.
   */
  rateLimit: { max: number; windowMs: number; store?: FastifyRateLimitStoreCtor };
  /** Origins besides the server's own that may make cookie-authenticated calls. */
  allowedOrigins: readonly string[];
  /** Where the browser posts uploads (the S3 endpoint): the only other origin the CSP lets the SPA connect to. */
  uploadOrigins: readonly string[];
}

/**
 * Procedures that guess or create credentials, or send e-mail on request: limited per IP, and one per batch.
 * Each hashes a password, tries a secret or mails someone.
 */
const RATE_LIMITED_PROCEDURES = new Set([
  'customers.register',
  'auth.signIn',
  'auth.operatorSignIn',
  'auth.requestPasswordReset',
  'auth.resetPassword',
  'auth.confirmEmail',
  'operators.acceptInvitation',
]);

/** `/trpc/a.b,c.d?batch=1` → `['a.b', 'c.d']`; anything else → `[]`. */
export function trpcProcedures(url: string): string[] {
  const path = url.split('?')[0] ?? '';
  if (!path.startsWith('/trpc/')) return [];
  const names = path.slice('/trpc/'.length);
  try {
    return decodeURIComponent(names).split(',');
  } catch {
    return names.split(','); // malformed escapes: tRPC answers 404 for such names
  }
}

/** The methods tRPC serves: queries by GET, mutations by POST (HEAD answers empty). */
const TRPC_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** A tRPC-shaped error body, so clients read `error.data.reason` as for any other failure. */
export function trpcErrorBody(httpStatus: number, code: string, reason: ErrorReason, message: string) {
  return { error: { message, code: -32000, data: { code, httpStatus, reason } } };
}

/** Security headers, per-IP rate limits on credential procedures, and the Origin check for cookie sessions. */
export async function registerProtection(app: FastifyInstance, settings: ProtectionSettings) {
  // Before anything else looks at a /trpc request: methods it does not serve, and batches that would multiply
  // the work one request may cause. A batch may name one credential procedure at most, so the per-IP limit below,
  // which counts requests, counts every guess; neither the SPA nor @cadastro/client ever needs two in one batch.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/trpc')) return;
    if (!TRPC_METHODS.has(req.method)) {
      return reply
        .code(405)
        .header('allow', 'GET, HEAD, POST')
        .send(
          trpcErrorBody(405, 'METHOD_NOT_SUPPORTED', ErrorReason.METHOD_NOT_ALLOWED, 'Method not allowed'),
        );
    }
    const procedures = trpcProcedures(req.url);
    const credentialCalls = procedures.filter((p) => RATE_LIMITED_PROCEDURES.has(p)).length;
    if (procedures.length > TRPC_MAX_BATCH_SIZE || credentialCalls > 1) {
      return reply
        .code(400)
        .send(
          trpcErrorBody(
            400,
            'BAD_REQUEST',
            ErrorReason.BATCH_TOO_LARGE,
            `At most ${TRPC_MAX_BATCH_SIZE} calls per batch, and one sign-in or registration`,
          ),
        );
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...settings.uploadOrigins],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The SPA downloads the customer's data as a blob; a same-origin opener policy suffices.
    crossOriginEmbedderPolicy: false,
  });

  await app.register(rateLimit, {
    global: true,
    max: settings.rateLimit.max,
    timeWindow: settings.rateLimit.windowMs,
    keyGenerator: (req) => req.ip,
    ...(settings.rateLimit.store && { store: settings.rateLimit.store }),
    // Only credential procedures count; everything else passes untouched.
    allowList: (req) => !trpcProcedures(req.url).some((p) => RATE_LIMITED_PROCEDURES.has(p)),
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      ...trpcErrorBody(
        429,
        'TOO_MANY_REQUESTS',
        ErrorReason.RATE_LIMITED,
        `Too many attempts; retry in ${context.after}`,
      ),
    }),
  });

  // SameSite=Strict already keeps the cookie off cross-site requests; this refuses them outright as well, for
  // browsers or proxies that get SameSite wrong.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    if (!req.url.startsWith('/trpc') || !hasSessionCookie(req)) return;
    if (isSameSiteRequest(req, settings.allowedOrigins)) return;
    return reply
      .code(403)
      .send(trpcErrorBody(403, 'FORBIDDEN', ErrorReason.CROSS_SITE, 'Cross-site request refused'));
  });
}

function hasSessionCookie(req: FastifyRequest): boolean {
  return (req.headers.cookie ?? '').split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));
}

function isSameSiteRequest(req: FastifyRequest, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin) return origin === `${req.protocol}://${req.host}` || allowedOrigins.includes(origin);
  // No Origin (older browsers on same-origin requests, non-browser clients): Fetch Metadata, when sent, decides.
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}
