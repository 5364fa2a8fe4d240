import type { AttachmentRepository, CustomerRepository, DbService, EventLog } from '@cadastro/db';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { type ApiKeyVerifier, bearerToken } from './api-keys.ts';
import type { AttachmentSettings } from './attachments/settings.ts';
import type { AwsClients } from './aws.ts';
import type { BackupManager } from './backups/manager.ts';

/** Everything a procedure needs that does not depend on the request: built once at start-up, and by tests. */
export interface Services {
  aws: AwsClients;
  table: string;
  bucket: string;
  db: DbService;
  customers: CustomerRepository;
  events: EventLog;
  attachments: AttachmentRepository;
  attachmentSettings: AttachmentSettings;
  apiKeys: ApiKeyVerifier;
  backups: BackupManager;
}

/** Who is calling. Customers and operators come from a session cookie, services from an API key. */
export type Caller =
  | { role: 'anonymous' }
  | { role: 'customer'; customerId: string }
  | { role: 'operator'; operatorId: string }
  | { role: 'service'; keyId: string };

export interface Context extends Services {
  caller: Caller;
  log: FastifyBaseLogger;
  requestId: string;
}

/** The inner context: services plus a caller, no HTTP request. Tests build it directly for `createCaller`. */
export function createInnerContext(services: Services, caller: Caller, log: FastifyBaseLogger): Context {
  return { ...services, caller, log, requestId: 'internal' };
}

/**
 * For test harnesses only (never passed by `main.ts`): names the caller of a request that carries no API key,
 * so browser tests can act as a customer until customer sign-in exists.
 */
export type TestCallerResolver = (req: FastifyRequest) => Caller | null;

/** The adapter context: who is calling, from the request's headers. */
export function contextFactory(services: Services, testCaller?: TestCallerResolver) {
  return ({ req }: CreateFastifyContextOptions): Context => {
    const token = bearerToken(req.headers.authorization);
    const keyId = token ? services.apiKeys.verify(token) : null;
    const caller: Caller = keyId ? { role: 'service', keyId } : (testCaller?.(req) ?? { role: 'anonymous' });
    return { ...services, caller, log: req.log, requestId: req.id };
  };
}
