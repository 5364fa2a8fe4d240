import {
  createAccountPartition,
  createAccountTokens,
  createApiKeyRepository,
  createAttachmentRepository,
  createCustomerRepository,
  createDbService,
  createErasureLog,
  createEventLog,
  createOperatorRepository,
} from '@cadastro/db';
import { type CepLookupSettings, createCepLookup } from './addresses/cep-lookup.ts';
import { createApiKeyVerifier } from './api-keys.ts';
import { type AttachmentSettings, DEFAULT_ATTACHMENT_SETTINGS } from './attachments/settings.ts';
import type { AwsClients } from './aws.ts';
import { createBackupManager } from './backups/manager.ts';
import type { Services } from './context.ts';
import type { Mailer } from './mail/mailer.ts';
import { createPasswordHasher } from './passwords.ts';
import { createSessionManager, type SessionSettings } from './sessions/sessions.ts';
import type { SessionStore } from './sessions/store.ts';

export interface ServiceSettings {
  table: string;
  bucket: string;
  blindIndexSecret: string;
  apiKeys: readonly string[];
  attachments?: Partial<AttachmentSettings>;
  sessionStore: SessionStore;
  session: SessionSettings;
  mail: { mailer: Mailer; appUrl: string };
  cepLookup?: CepLookupSettings;
  /** scrypt cost as log2(N); tests lower it. */
  scryptLogN?: number;
}

/** Everything the procedures use, wired once at start-up (and by the test harness). */
export function createServices(aws: AwsClients, settings: ServiceSettings): Services {
  const dbConfig = { table: settings.table, client: aws.dynamodb };
  const db = createDbService(dbConfig);
  const apiKeyStore = createApiKeyRepository(db);
  return {
    aws,
    table: settings.table,
    bucket: settings.bucket,
    db,
    customers: createCustomerRepository(db, { blindIndexSecret: settings.blindIndexSecret }),
    events: createEventLog(db),
    attachments: createAttachmentRepository(db),
    attachmentSettings: { ...DEFAULT_ATTACHMENT_SETTINGS, ...settings.attachments },
    backups: createBackupManager({
      dynamodb: aws.dynamodb,
      s3: aws.s3,
      db,
      table: settings.table,
      bucket: settings.bucket,
    }),
    erasures: createErasureLog(db),
    accountPartition: createAccountPartition(db, dbConfig),
    operators: createOperatorRepository(db),
    apiKeyStore,
    apiKeys: createApiKeyVerifier(settings.apiKeys, apiKeyStore),
    sessions: createSessionManager(settings.sessionStore, settings.session),
    passwords: createPasswordHasher({ logN: settings.scryptLogN }),
    accountTokens: createAccountTokens(db),
    mail: settings.mail,
    cepLookup: settings.cepLookup ? createCepLookup(settings.cepLookup) : null,
  };
}
