import {
  type AccessJournalSettings,
  createAccessRecords,
  createAccountPartition,
  createAccountTokens,
  createApiKeyRepository,
  createAttachmentRepository,
  createCustomerRepository,
  createDbService,
  createErasureLog,
  createEventLog,
  createOperatorRepository,
  type DbService,
} from '@cadastro/db';
import { type Bucket, createBucket } from '@cadastro/storage';
import { type CepLookupSettings, createCepLookup } from './addresses/cep-lookup.ts';
import { createApiKeyVerifier } from './api-keys.ts';
import { createAttachmentService } from './attachments/service.ts';
import { type AttachmentSettings, DEFAULT_ATTACHMENT_SETTINGS } from './attachments/settings.ts';
import { createOperatorAccounts } from './auth/operator-accounts.ts';
import { createSignInThrottle, type SignInThrottleSettings } from './auth/sign-in-throttle.ts';
import type { AwsClients } from './aws.ts';
import { createLazyBackupManager } from './backups/lazy-manager.ts';
import type { Services } from './context.ts';
import type { Mailer } from './mail/mailer.ts';
import { createPasswordHasher, type PasswordHasherOptions } from './passwords.ts';
import { createSessionManager, type SessionSettings } from './sessions/sessions.ts';
import type { SessionStore } from './sessions/store.ts';

export interface ServiceSettings {
  table: string;
  bucket: string;
  blindIndexSecret: string;
  apiKeys: readonly string[];
  attachments?: Partial<AttachmentSettings>;
  /** Where sessions live, given the table's service (see `sessions/choose-store.ts`). */
  sessionStore: (db: DbService) => SessionStore;
  session: SessionSettings;
  mail: { mailer: Mailer; appUrl: string };
  cepLookup?: CepLookupSettings;
  /** Whether admins must enrol an authenticator before anything else (default: required). */
  adminTotp?: 'required' | 'optional';
  /** How long the access record keeps each read of personal data by staff (default 5 years). */
  accessRecordRetentionDays?: number;
  /** The access record's journal on this instance's volume (DATA_DIR/access-journal). */
  accessJournal: AccessJournalSettings;
  /** The bucket handle (it knows what the endpoint implements); one over `bucket` when omitted. */
  storage?: Bucket;
  /** Argon2id cost (tests lower it) and bounds on concurrent and queued hashes (defaults in passwords.ts). */
  hashing?: PasswordHasherOptions;
  /** Backoff after failed sign-ins per account (defaults in auth/sign-in-throttle.ts). */
  signInThrottle?: Partial<SignInThrottleSettings>;
}

/** A backup waits at most this long for this instance's access journal to reach the table (normally milliseconds). */
const BACKUP_JOURNAL_WAIT_MS = 10_000;

/** Everything the procedures use, wired once at start-up (and by the test harness). */
export function createServices(aws: AwsClients, settings: ServiceSettings): Services {
  const dbConfig = { table: settings.table, client: aws.dynamodb };
  const db = createDbService(dbConfig);
  const apiKeyStore = createApiKeyRepository(db);
  const storage = settings.storage ?? createBucket(aws.s3, settings.bucket);
  const customers = createCustomerRepository(db, { blindIndexSecret: settings.blindIndexSecret });
  const events = createEventLog(db);
  const attachments = createAttachmentRepository(db);
  const attachmentSettings = { ...DEFAULT_ATTACHMENT_SETTINGS, ...settings.attachments };
  const operators = createOperatorRepository(db);
  const passwords = createPasswordHasher(settings.hashing);
  const sessions = createSessionManager(settings.sessionStore(db), settings.session);
  const accessRecords = createAccessRecords(db, {
    retentionDays: settings.accessRecordRetentionDays ?? 5 * 365,
    journal: settings.accessJournal,
  });
  return {
    aws,
    table: settings.table,
    bucket: settings.bucket,
    storage,
    db,
    customers,
    events,
    attachments,
    attachmentSettings,
    attachmentService: createAttachmentService({
      attachments,
      customers,
      events,
      storage,
      settings: attachmentSettings,
    }),
    backups: createLazyBackupManager(
      { dynamodb: aws.dynamodb, s3: aws.s3, db, table: settings.table, bucket: settings.bucket },
      { beforeStart: () => accessRecords.settled(BACKUP_JOURNAL_WAIT_MS) },
    ),
    erasures: createErasureLog(db),
    accountPartition: createAccountPartition(db, dbConfig),
    accessRecords,
    operators,
    operatorAccounts: createOperatorAccounts({
      operators,
      passwords,
      sessions,
      adminTotp: settings.adminTotp ?? 'required',
    }),
    apiKeyStore,
    apiKeys: createApiKeyVerifier(settings.apiKeys, apiKeyStore),
    sessions,
    passwords,
    signInThrottle: createSignInThrottle(settings.signInThrottle),
    accountTokens: createAccountTokens(db),
    mail: settings.mail,
    cepLookup: settings.cepLookup ? createCepLookup(settings.cepLookup) : null,
  };
}
