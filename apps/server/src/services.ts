import {
  createAttachmentRepository,
  createCustomerRepository,
  createDbService,
  createEventLog,
} from '@cadastro/db';
import { createApiKeyVerifier } from './api-keys.ts';
import { type AttachmentSettings, DEFAULT_ATTACHMENT_SETTINGS } from './attachments/settings.ts';
import type { AwsClients } from './aws.ts';
import { createBackupManager } from './backups/manager.ts';
import type { Services } from './context.ts';

export interface ServiceSettings {
  table: string;
  bucket: string;
  blindIndexSecret: string;
  apiKeys: readonly string[];
  attachments?: Partial<AttachmentSettings>;
}

/** Everything the procedures use, wired once at start-up (and by the test harness). */
export function createServices(aws: AwsClients, settings: ServiceSettings): Services {
  const db = createDbService({ table: settings.table, client: aws.dynamodb });
  return {
    aws,
    table: settings.table,
    bucket: settings.bucket,
    db,
    customers: createCustomerRepository(db, { blindIndexSecret: settings.blindIndexSecret }),
    events: createEventLog(db),
    attachments: createAttachmentRepository(db),
    attachmentSettings: { ...DEFAULT_ATTACHMENT_SETTINGS, ...settings.attachments },
    apiKeys: createApiKeyVerifier(settings.apiKeys),
    backups: createBackupManager({
      dynamodb: aws.dynamodb,
      s3: aws.s3,
      db,
      table: settings.table,
      bucket: settings.bucket,
    }),
  };
}
