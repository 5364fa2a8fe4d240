import { type ApiKeyScope, ErrorReason, type OperatorRole } from '@cadastro/contracts';
import type {
  AccessRecords,
  AccountPartition,
  AccountTokens,
  ApiKeyRepository,
  AttachmentRepository,
  CustomerRepository,
  DbService,
  ErasureLog,
  EventLog,
  OperatorRepository,
} from '@cadastro/db';
import type { Bucket } from '@cadastro/storage';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { CepLookup } from './addresses/cep-lookup.ts';
import { type ApiKeyVerifier, bearerToken } from './api-keys.ts';
import type { AttachmentService } from './attachments/service.ts';
import type { AttachmentSettings } from './attachments/settings.ts';
import type { OperatorAccounts } from './auth/operator-accounts.ts';
import type { SignInThrottle } from './auth/sign-in-throttle.ts';
import type { AwsClients } from './aws.ts';
import type { BackupManager } from './backups/manager.ts';
import { AppError, errorForLog, unavailableError } from './errors.ts';
import type { Mailer } from './mail/mailer.ts';
import type { PasswordHasher } from './passwords.ts';
import { httpSessionCookie, noSessionCookie, type SessionCookie } from './sessions/cookie.ts';
import type { SessionManager } from './sessions/sessions.ts';

/** Everything a procedure needs that does not depend on the request: built once at start-up, and by tests. */
export interface Services {
  aws: AwsClients;
  table: string;
  bucket: string;
  /** Every S3 call goes through this handle (key layout, object states, what the endpoint implements). */
  storage: Bucket;
  db: DbService;
  customers: CustomerRepository;
  events: EventLog;
  attachments: AttachmentRepository;
  attachmentSettings: AttachmentSettings;
  /** Upload, confirm, download, restore and removal of documents (repository and bucket together). */
  attachmentService: AttachmentService;
  erasures: ErasureLog;
  accountPartition: AccountPartition;
  accessRecords: AccessRecords;
  operators: OperatorRepository;
  operatorAccounts: OperatorAccounts;
  apiKeyStore: ApiKeyRepository;
  apiKeys: ApiKeyVerifier;
  backups: BackupManager;
  sessions: SessionManager;
  passwords: PasswordHasher;
  signInThrottle: SignInThrottle;
  accountTokens: AccountTokens;
  /** Account e-mail, and the address its links point at (CADASTRO_APP_URL). */
  mail: { mailer: Mailer; appUrl: string };
  /** Address by CEP (CADASTRO_CEP_LOOKUP_URL); null when not configured. */
  cepLookup: CepLookup | null;
}

/** Who is calling. Customers and operators come from a session cookie, services from an API key. */
export type Caller =
  | { role: 'anonymous' }
  | { role: 'customer'; customerId: string }
  | {
      role: 'operator';
      operatorId: string;
      operatorRole: OperatorRole;
      /** Until it is done only the procedures that do it are open (see `Meta.allowPending`). */
      pending: 'password' | 'totp' | null;
    }
  | { role: 'service'; keyId: string; name: string; scopes: readonly ApiKeyScope[] };

export interface Context extends Services {
  caller: Caller;
  log: FastifyBaseLogger;
  requestId: string;
  sessionCookie: SessionCookie;
}

/** The inner context: services plus a caller, no HTTP request. Tests build it directly for `createCaller`. */
export function createInnerContext(services: Services, caller: Caller, log: FastifyBaseLogger): Context {
  return { ...services, caller, log, requestId: 'internal', sessionCookie: noSessionCookie };
}

/** Who is calling: an API key in `Authorization` wins; otherwise the session cookie, if it is still live. */
export async function callerOf(services: Services, authorization: string | undefined, cookie: SessionCookie) {
  const token = bearerToken(authorization);
  if (token) {
    const key = await services.apiKeys.verify(token);
    return key ? ({ role: 'service', ...key } as const) : ({ role: 'anonymous' } as const);
  }
  const session = cookie.token ? await services.sessions.resolve(cookie.token) : null;
  if (session?.role === 'customer') return { role: 'customer', customerId: session.subjectId } as const;
  if (session?.role === 'operator') {
    // Read on every request: a disabled operator or a changed role takes effect at once, on every server.
    const operator = await services.operators.getById(session.subjectId);
    if (operator?.status !== 'active') return { role: 'anonymous' } as const;
    return {
      role: 'operator',
      operatorId: operator.operatorId,
      operatorRole: operator.role,
      pending: services.operatorAccounts.pendingOf(operator),
    } as const;
  }
  return { role: 'anonymous' } as const;
}

/**
 * The adapter context: who is calling, from the request's headers and cookie. A failure here (the API key or
 * session lookup) is logged with its cause and answered as a 503 or a generic error with the request id.
 */
export function contextFactory(services: Services) {
  return async ({ req, res }: CreateFastifyContextOptions): Promise<Context> => {
    const sessionCookie = httpSessionCookie(req, res);
    let caller: Caller;
    try {
      caller = await callerOf(services, req.headers.authorization, sessionCookie);
    } catch (error) {
      req.log.error({ err: errorForLog(error) }, 'context failed');
      throw (
        unavailableError(error) ??
        new AppError('INTERNAL_SERVER_ERROR', ErrorReason.INTERNAL, `Unexpected error (request ${req.id})`, {
          requestId: req.id,
        })
      );
    }
    return { ...services, caller, log: req.log, requestId: req.id, sessionCookie };
  };
}
